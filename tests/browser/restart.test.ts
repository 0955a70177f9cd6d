import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  launchBrowser,
  type OpenedPage,
  openPage,
  SCREENS,
  screenshot,
  testId,
  waitForText,
} from "./browser";
import { createTestOffice } from "./office-api";
import { freshLogFile, removeDir, startServer, type TurnoServer, tempDir } from "./server";
import { openCounter, pairedAppUrl } from "./sign-in";

/** This file stops its server, so it runs one of its own rather than the shared one. */
const PORT = Number(process.env.TURNO_E2E_PORT ?? 8811) + 1;
const assetsDir = inject("assetsDir");
const workerScript = inject("workerScript");
const stateDir = tempDir("restart-state");
const logFile = freshLogFile(PORT);
let server: TurnoServer | null = null;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ port: PORT, workerScript, assetsDir, stateDir, logFile });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDir(stateDir);
});

describe("A server restart", () => {
  it("The server restarts and every page recovers by itself: while it is down the display and the kiosk say so, and afterwards a call from the same counter page reaches the display and the phone without any reload.", {
    timeout: 180_000,
  }, async () => {
    const baseUrl = server!.baseUrl;
    const officeId = await createTestOffice(baseUrl, "restart");
    const display = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "display"),
      SCREENS.displayLandscape,
    );
    const kiosk = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    const counter = await openCounter(browser, baseUrl, officeId, "sportello-1", SCREENS.counter);
    await kiosk.page.locator(testId("service-urp")).click();
    const code = (await kiosk.page.locator(testId("ticket-code")).textContent())?.trim() ?? "";
    expect(code).toMatch(/^A\d{3}$/);
    const trackingUrl = await kiosk.page
      .locator(testId("ticket-qr"))
      .getAttribute("data-tracking-url");
    const phone = await openPage(browser, new URL(trackingUrl!, baseUrl).href, SCREENS.phone);
    await waitForText(phone.page, testId("ticket-code"), code);
    await waitForText(counter.page, testId(`queue-ticket-${code}`), code);
    // The kiosk goes back to its start screen, where an outage must show.
    if (await kiosk.page.locator(testId("ticket-done")).isVisible()) {
      await kiosk.page.locator(testId("ticket-done")).click();
    }
    await kiosk.page.locator(testId("service-urp")).waitFor();
    const pages: OpenedPage[] = [display, kiosk, counter, phone];
    const loadsBefore = await Promise.all(pages.map((p) => navigationCount(p)));

    await server!.stop();
    await display.page
      .locator(testId("connection-status"))
      .waitFor({ state: "visible", timeout: 15_000 });
    await kiosk.page
      .locator(testId("kiosk-offline"))
      .waitFor({ state: "visible", timeout: 15_000 });
    await screenshot(display.page, "restart-display-down");
    await screenshot(kiosk.page, "restart-kiosk-down");
    await screenshot(counter.page, "restart-counter-down");
    await screenshot(phone.page, "restart-ticket-down");

    server = await startServer({ port: PORT, workerScript, assetsDir, stateDir, logFile });
    // Reconnection backs off up to 15 s; give each page that long and a little more.
    await display.page
      .locator(testId("connection-status"))
      .waitFor({ state: "hidden", timeout: 25_000 });
    await kiosk.page.locator(testId("kiosk-offline")).waitFor({ state: "hidden", timeout: 25_000 });

    await counter.page.locator(testId("call-next")).click({ timeout: 25_000 });
    await waitForText(display.page, testId("latest-call-code"), code, 25_000);
    await waitForText(display.page, testId("latest-call-counter"), "Sportello 1");
    await waitForText(counter.page, testId("current-ticket-code"), code);
    await waitForText(phone.page, testId("go-to"), "Sportello 1", 25_000);

    const loadsAfter = await Promise.all(pages.map((p) => navigationCount(p)));
    expect(loadsAfter, "no page reloaded itself").toEqual(loadsBefore);
    const errors = pages.flatMap((p) => p.errors);
    expect(errors, "uncaught errors in the pages").toEqual([]);
  });
});

/** A marker set once per document: if the page reloads, it is gone. */
async function navigationCount(opened: OpenedPage): Promise<string> {
  return opened.page.evaluate(() => {
    const w = window as unknown as { __loadMarker?: string };
    w.__loadMarker ??= Math.random().toString(36).slice(2);
    return w.__loadMarker;
  });
}
