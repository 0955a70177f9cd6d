/**
 * The phone's "it's your turn" notification (issue 9) in a real Chromium: the
 * ticket page's service worker shows it (the only way Android Chrome does), the
 * page falls back to `new Notification` without a worker, says so honestly on
 * plain http, and its home-screen manifest parses and leads back to the ticket.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import { counterAction, createTestOffice, type IssuedTicket, issueTicket } from "./office-api";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "notify");
});
afterAll(async () => {
  await browser?.close();
});

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
  data: unknown;
}

/** The notifications the page's service worker is showing, as the page sees them. */
function workerNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      requireInteraction: n.requireInteraction,
      data: n.data as unknown,
    }));
  });
}

async function waitForNotifications(page: Page, count: number): Promise<ShownNotification[]> {
  const deadline = Date.now() + 10_000;
  let shown = await workerNotifications(page);
  while (shown.length !== count && Date.now() < deadline) {
    await page.waitForTimeout(100);
    shown = await workerNotifications(page);
  }
  return shown;
}

/** A phone following a fresh ticket, with notifications allowed (as after tapping "allow"). */
async function phoneWithTicket(
  options: { initScript?: string } = {},
): Promise<{ page: Page; context: BrowserContext; errors: string[]; issued: IssuedTicket }> {
  const issued = await issueTicket(baseUrl, officeId, "anagrafe");
  const opened = await openPage(
    browser,
    new URL(issued.trackingUrl, baseUrl).href,
    SCREENS.phone,
    options,
  );
  const context = opened.page.context();
  await context.grantPermissions(["notifications"], { origin: baseUrl });
  await waitForText(opened.page, testId("ticket-code"), issued.ticket.code);
  return { ...opened, context, issued };
}

describe("The phone's notification when it is the person's turn", () => {
  it("The service worker shows 'Tocca a te: {code}', 'Recati presso Sportello 1' when a clerk calls the ticket, takes it away once the person is served, and the home-screen icon's start leads back to the ticket.", async () => {
    const { page, context, errors, issued } = await phoneWithTicket();
    const path = new URL(issued.trackingUrl, baseUrl).pathname;

    // The worker at /t/sw.js controls every ticket link.
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { script: registration.active?.scriptURL, scope: registration.scope };
    });
    expect(worker).toEqual({ script: `${baseUrl}/t/sw.js`, scope: `${baseUrl}/t/` });
    const script = await fetch(`${baseUrl}/t/sw.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(script.headers.get("content-security-policy")).toContain("script-src 'self'");

    await screenshot(page, "ticket-notify-offer");
    await page.locator(testId("enable-notifications")).click();
    await waitForText(page, "body", "Riceverai una notifica quando tocca a te");
    await screenshot(page, "ticket-notify-enabled");
    expect(await workerNotifications(page), "nothing shown before the call").toEqual([]);

    await counterAction(baseUrl, officeId, "sportello-1", "call", { ticketId: issued.ticket.id });
    await waitForText(page, testId("go-to"), "Sportello 1");
    const shown = await waitForNotifications(page, 1);
    expect(shown).toEqual([
      {
        title: `Tocca a te: ${issued.ticket.code}`,
        body: "Recati presso Sportello 1",
        tag: issued.ticket.id,
        requireInteraction: true,
        data: { url: path },
      },
    ]);
    await screenshot(page, "ticket-notify-called");

    // Served: "go to Sportello 1" no longer applies.
    await counterAction(baseUrl, officeId, "sportello-1", "start");
    await waitForText(page, testId("ticket-status"), "In servizio");
    expect(await waitForNotifications(page, 0)).toEqual([]);
    await counterAction(baseUrl, officeId, "sportello-1", "complete");

    // The icon opens /t/ (no token in the manifest): the page goes on to this phone's last ticket.
    const home = await context.newPage();
    await home.goto(`${baseUrl}/t/`);
    await home.waitForURL(`${baseUrl}${path}`);
    await waitForText(home, testId("ticket-code"), issued.ticket.code);

    expect(errors, "uncaught errors in the page").toEqual([]);
    await context.close();
  });

  it("The ticket page links a web app manifest that Chromium parses without complaint, named Turno, standalone, starting at /t/, with no ticket token in it.", async () => {
    const { page, context, errors, issued } = await phoneWithTicket();
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/ticket/manifest.webmanifest");
    const text = await (await fetch(`${baseUrl}${href}`)).text();
    expect(text).not.toContain(issued.token);
    const manifest = JSON.parse(text);
    expect(manifest).toMatchObject({
      name: "Turno",
      start_url: "/t/",
      scope: "/t/",
      display: "standalone",
      theme_color: "#0b4f8a",
    });

    const cdp = await context.newCDPSession(page);
    const parsed = (await cdp.send("Page.getAppManifest")) as {
      url: string;
      errors: { message: string }[];
    };
    expect(parsed.url).toBe(`${baseUrl}/ticket/manifest.webmanifest`);
    expect(parsed.errors, "Chromium's own manifest parser").toEqual([]);
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const answer = await fetch(`${baseUrl}${icon.src}`);
      expect(answer.status, icon.src).toBe(200);
      expect(answer.headers.get("content-type"), icon.src).toContain(icon.type);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Without a service worker the page falls back to new Notification, and still shows the call.", async () => {
    // A browser with no service workers (or one that refused to register it).
    const { page, context, errors, issued } = await phoneWithTicket({
      initScript: `
        Object.defineProperty(Navigator.prototype, "serviceWorker", { get: function () { return undefined; } });
        window.__made = [];
        var Original = window.Notification;
        window.Notification = function (title, options) {
          window.__made.push({ title: title, body: options.body, tag: options.tag });
          return new Original(title, options);
        };
        window.Notification.requestPermission = Original.requestPermission.bind(Original);
        Object.defineProperty(window.Notification, "permission", { get: function () { return Original.permission; } });
      `,
    });
    await page.locator(testId("enable-notifications")).click();
    await waitForText(page, "body", "Riceverai una notifica");
    await counterAction(baseUrl, officeId, "sportello-1", "call", { ticketId: issued.ticket.id });
    await waitForText(page, testId("go-to"), "Sportello 1");
    await page.waitForFunction(
      () => (window as unknown as { __made: unknown[] }).__made.length > 0,
    );
    const made = await page.evaluate(() => (window as unknown as { __made: unknown[] }).__made);
    expect(made).toEqual([
      {
        title: `Tocca a te: ${issued.ticket.code}`,
        body: "Recati presso Sportello 1",
        tag: issued.ticket.id,
      },
    ]);
    expect(errors).toEqual([]);
    await counterAction(baseUrl, officeId, "sportello-1", "no-show");
    await context.close();
  });

  it("On plain http (the office's LAN) the page promises no notification and says why, in Italian and English.", async () => {
    const insecure = `Object.defineProperty(window, "isSecureContext", { value: false });`;
    for (const [locale, words] of [
      ["it-IT", "Senza una connessione sicura (https)"],
      ["en-GB", "Without a secure (https) connection"],
    ] as const) {
      const issued = await issueTicket(baseUrl, officeId, "anagrafe");
      const { page, errors } = await openPage(
        browser,
        new URL(issued.trackingUrl, baseUrl).href,
        SCREENS.phone,
        { initScript: insecure, locale },
      );
      await waitForText(page, testId("notifications-insecure"), words);
      expect(await page.locator(testId("enable-notifications")).count()).toBe(0);
      if (locale === "it-IT") await screenshot(page, "ticket-notify-insecure");
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
