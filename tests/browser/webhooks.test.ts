import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyWebhook } from "../../scripts/examples/webhook-verifier.mjs";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
import { api, createStaff, createTestOffice, issueTicket } from "./office-api";
import { signInThroughForm } from "./sign-in";

/**
 * Webhooks end to end (issue 15): an administrator adds an endpoint in Setup,
 * the office's alarm delivers to a real receiver on this machine (over
 * http: the test server runs as an office's LAN install, TURNO_LAN=1), which
 * checks every signature with the README's verifier. Then the figures: events
 * a second to one endpoint, and the delay from an event to its delivery.
 */

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** A receiver on 127.0.0.1: it records each request; `verify` checks one with the README's code. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.deliveries.push({
          path: request.url ?? "",
          headers: request.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          receivedAt: Date.now(),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/turno`;
  }

  async until(count: number, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.deliveries.length < count) {
      if (Date.now() > end)
        throw new Error(`${this.deliveries.length} deliveries of ${count} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.server?.close();
  }
}

const receiver = new Receiver();

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "webhooks");
  await receiver.start();
});
afterAll(async () => {
  receiver.stop();
  await browser?.close();
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

describe("Webhooks, from Setup to a receiver", () => {
  it("An admin adds an endpoint in Setup, sees its secret once, sends a test event that arrives signed, and reads the delivery log.", async () => {
    const admin = await createStaff(baseUrl, officeId, "admin");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: { width: 1440, height: 900 },
    });
    await signInThroughForm(page, admin);
    await page.locator(testId("tab-setup")).click();
    const section = page.locator(testId("setup-webhooks"));
    await section.waitFor();
    await page.locator(testId("webhook-url")).fill(receiver.url);
    await page.locator(testId("webhook-description")).fill("Gateway SMS");
    await page.locator(testId("webhook-all-ticket")).check();
    await page.locator(testId("webhook-event-appointment.booked")).check();
    await page.locator(testId("webhook-contact")).check();
    await page.locator(testId("webhook-create")).click();
    const secretBox = page.locator(testId("webhook-secret-value"));
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-setup-webhook-secret");
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("setup webhooks", violations)).toBe(0);

    await page.getByRole("button", { name: "L'ho copiato" }).click();
    expect(await secretBox.count()).toBe(0);
    const list = await api<{ endpoints: { id: string }[] }>(
      baseUrl,
      "GET",
      `/offices/${officeId}/webhooks`,
    );
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const endpointId = list.body.endpoints[0]!.id;

    await page.locator(testId("webhook-test")).click();
    await receiver.until(1, 15_000);
    const [test] = receiver.deliveries;
    const event = verifyWebhook(secret, test!.headers, test!.body);
    expect(event).toMatchObject({ type: "webhook.test", officeId, data: { endpointId } });

    // Sending a test opens the endpoint's log.
    const row = page.locator(testId("webhook-log")).locator("tbody tr").first();
    await row.waitFor();
    for (let i = 0; i < 20 && !/Consegnato/.test((await row.textContent()) ?? ""); i++) {
      await page.getByRole("button", { name: "Aggiorna" }).click();
      await page.waitForTimeout(250);
    }
    expect(await row.textContent()).toMatch(/webhook\.test.*Consegnato.*204/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-setup-webhook-log");

    // The endpoint's card changes its URL and events: the secret stays, the next event goes
    // to the new URL.
    await page.locator(testId("webhook-edit")).click();
    const editUrl = page.locator(testId("webhook-edit-url"));
    expect(await editUrl.inputValue()).toBe(receiver.url);
    expect(await page.locator(testId("webhook-edit-description")).inputValue()).toBe("Gateway SMS");
    await editUrl.fill(`${receiver.url}/moved`);
    await page.locator(testId("webhook-edit-all-ticket")).uncheck();
    await page.locator(testId("webhook-edit-event-ticket.called")).check();
    await page.locator(testId("webhook-edit-form")).scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-setup-webhook-edit");
    const editViolations = await seriousAccessibilityViolations(page);
    expect(editViolations.length, describeViolations("webhook edit", editViolations)).toBe(0);
    await page.locator(testId("webhook-edit-save")).click();
    await page.locator(testId("webhook-edit-form")).waitFor({ state: "detached" });
    const changed = await api<{ endpoints: { url: string; events: string[] }[] }>(
      baseUrl,
      "GET",
      `/offices/${officeId}/webhooks`,
    );
    expect(changed.body.endpoints[0]?.url).toBe(`${receiver.url}/moved`);
    expect([...(changed.body.endpoints[0]?.events ?? [])].sort()).toEqual([
      "appointment.booked",
      "ticket.called",
    ]);
    expect(await page.locator(testId("webhook-list")).textContent()).toContain(
      `${receiver.url}/moved`,
    );
    await page.locator(testId("webhook-test")).click();
    await receiver.until(2, 15_000);
    const moved = receiver.deliveries[1]!;
    expect(moved.path).toBe("/turno/moved");
    expect(verifyWebhook(secret, moved.headers, moved.body)).toMatchObject({
      type: "webhook.test",
    });
    expect(errors).toEqual([]);
  });

  it("Figures: events a second to one endpoint, and the delay from an event to its delivery (p50, p99).", async () => {
    const office = await createTestOffice(baseUrl, "webhook-figures");
    const created = await api<{ secret: string }>(baseUrl, "POST", `/offices/${office}/webhooks`, {
      url: receiver.url,
      events: ["ticket.issued"],
    });
    expect(created.status).toBe(201);
    const before = receiver.deliveries.length;

    // A burst: as fast as the API takes tickets, 8 at a time.
    const burst = 400;
    const started = Date.now();
    for (let i = 0; i < burst; i += 8)
      await Promise.all(
        Array.from({ length: Math.min(8, burst - i) }, () => issueTicket(baseUrl, office, "urp")),
      );
    const issuedMs = Date.now() - started;
    await receiver.until(before + burst, 60_000);
    const received = receiver.deliveries.slice(before, before + burst);
    const drainedMs = received.at(-1)!.receivedAt - started;
    const bodies = received.map((d) => verifyWebhook(created.body.secret, d.headers, d.body));
    const seqs = bodies.map((b) => b.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(burst);

    // A steady stream, 10 events a second: how long each waits for its delivery.
    const steadyBefore = receiver.deliveries.length;
    const steady = 100;
    for (let i = 0; i < steady; i++) {
      const tick = Date.now();
      await issueTicket(baseUrl, office, "urp");
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tick))));
    }
    await receiver.until(steadyBefore + steady, 30_000);
    const delays = receiver.deliveries
      .slice(steadyBefore, steadyBefore + steady)
      .map((d) => d.receivedAt - (JSON.parse(d.body) as { occurredAt: number }).occurredAt);

    const figures = {
      burst,
      issuedPerSecond: Math.round((burst / issuedMs) * 1000),
      deliveredPerSecond: Math.round((burst / drainedMs) * 1000),
      // From the first delivery to the last: the rate of one endpoint's queue draining.
      drainPerSecond: Math.round(
        ((burst - 1) / (received.at(-1)!.receivedAt - received[0]!.receivedAt)) * 1000,
      ),
      steadyDelayP50Ms: percentile(delays, 50),
      steadyDelayP99Ms: percentile(delays, 99),
      steadyDelayMaxMs: Math.max(...delays),
    };
    console.log(`webhook figures: ${JSON.stringify(figures)}`);
    // Delivery keeps up with a busy office many times over, and an event waits about the
    // alarm's one-second floor (alarm-time.ts), not more.
    expect(figures.deliveredPerSecond).toBeGreaterThan(20);
    expect(figures.steadyDelayP99Ms).toBeLessThan(3_000);
  });
});
