/**
 * The display and the kiosk in a real Chromium 64 (Samsung Tizen 2018–19
 * TVs, the older Android tablets at an office's door), as an office network
 * reaches them: plain http at an address that is not localhost (127.0.0.2;
 * Turno's cookies are then those of a LAN: no Secure flag, no __Host-
 * prefix). Modern Chromium hid both field failures this test guards:
 * `Origin: null` on same-origin POSTs (the display stuck at pairing) and a
 * kiosk bundle the engine could not parse (a blank page).
 */

import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { announcementText } from "../../shared/i18n";
import { launchOldChromium, type OldBrowser, type OldPage } from "../old-engine/cdp";
import { CHROMIUM_64_VERSION, chromium64 } from "../old-engine/chromium-64";
import { SCREENS, SCREENSHOT_DIR } from "./browser";
import { SHARED_PORT } from "./global-setup";
import { api, counterAction, createTestOffice, issueTicket } from "./office-api";
import { freshLogFile, removeDir, startServer, type TurnoServer, tempDir } from "./server";
import { pairedAppUrl } from "./sign-in";
import { SPEECH_RECORDER } from "./speech-recorder";
import { TICKET_LAYOUT, type TicketLayout } from "./ticket-layout";

/** Its own server: the shared one listens on 127.0.0.1 only. */
const PORT = SHARED_PORT + 2;
const DEVTOOLS_PORT = SHARED_PORT + 8;
const stateDir = tempDir("old-engine-state");
let server: TurnoServer;
let browser: OldBrowser;
let officeId: string;

beforeAll(async () => {
  const binary = chromium64();
  server = await startServer({
    port: PORT,
    host: "127.0.0.2",
    workerScript: inject("workerScript"),
    assetsDir: inject("assetsDir"),
    stateDir,
    logFile: freshLogFile(PORT),
  });
  browser = await launchOldChromium(binary, DEVTOOLS_PORT);
  officeId = await createTestOffice(server.baseUrl, "old-engine");
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDir(stateDir);
});

/**
 * The ticket screen as on current engines (tests/browser/kiosk-day.test.ts's screenshots):
 * one screen, no scrolling, its parts neither touching nor far apart. Without flex `gap`
 * and `:where()`, a 300 px band followed the number, icons touched their words and Done
 * ended below the screen.
 */
function expectTicketOnOneScreen(layout: TicketLayout): void {
  const figures = JSON.stringify(layout);
  expect(layout.pageHeight, `the page does not scroll: ${figures}`).toBeLessThanOrEqual(
    layout.viewportHeight,
  );
  expect(layout.doneBottom, `Done is on the screen: ${figures}`).toBeLessThanOrEqual(
    layout.viewportHeight,
  );
  expect(layout.codeToService, `the service just below the number: ${figures}`).toBeLessThanOrEqual(
    48,
  );
  for (const gap of [
    "codeToService",
    "serviceIconToName",
    "whereIconToText",
    "qrToCaption",
    "printToDone",
    "factToFact",
  ] as const) {
    expect(layout[gap], `${gap} at least 8 px: ${figures}`).toBeGreaterThanOrEqual(8);
  }
}

const shot = (page: OldPage, name: string) => page.screenshot(join(SCREENSHOT_DIR, `${name}.png`));
const testId = (id: string) => `[data-testid="${id}"]`;

describe(`Chromium ${CHROMIUM_64_VERSION} at http://127.0.0.2`, () => {
  it("is the engine it claims to be.", () => {
    expect(browser.userAgent).toContain(`Chrome/${CHROMIUM_64_VERSION}`);
  });

  it("The display opens from its pre-paired link, pairs (a same-origin POST from an old engine), and shows and announces a call made at a counter.", {
    timeout: 90_000,
  }, async () => {
    const display = await browser.newPage(SCREENS.displayLandscape.viewport, {
      initScript: SPEECH_RECORDER,
    });
    await display.goto(await pairedAppUrl(server.baseUrl, officeId, "display"));
    await display.waitFor(
      `document.querySelector('${testId("service-queues")}')`,
      "the display should pair and show its queues",
    );
    expect(
      await display.evaluate<string>("location.hash"),
      "the device token leaves the address bar",
    ).toBe("");

    const { ticket } = await issueTicket(server.baseUrl, officeId, "anagrafe");
    await counterAction(server.baseUrl, officeId, "sportello-1", "call-next");
    await display.waitForText(testId("latest-call-code"), ticket.code, 10_000);
    await display.waitForText(testId("latest-call-counter"), "Sportello 1", 2000);
    const announcement = announcementText(ticket.code, "Sportello 1", "it");
    await display.waitFor(
      `(window.__spoken || []).indexOf(${JSON.stringify(announcement)}) >= 0`,
      `the display should say "${announcement}"`,
      10_000,
    );
    await shot(display, "old-engine-display-called");
    expect(display.errors, "no uncaught error, no CSP violation").toEqual([]);
  });

  it("The kiosk pairs with a typed code, and a tap on a service issues a ticket with its code and QR code, on one 1080×1920 screen spaced as on current engines.", {
    timeout: 90_000,
  }, async () => {
    const kiosk = await browser.newPage(SCREENS.kiosk.viewport);
    await kiosk.goto(`${server.baseUrl}/kiosk/?office=${officeId}`);
    await kiosk.waitFor(
      `document.querySelector('${testId("pairing-code")}')`,
      "the kiosk should ask to be paired",
    );
    const code = await api<{ code: string }>(
      server.baseUrl,
      "POST",
      `/offices/${officeId}/pairing-codes`,
      {
        role: "kiosk",
        name: "Old tablet",
      },
    );
    expect(code.status, JSON.stringify(code.body)).toBe(201);
    await kiosk.type(testId("pairing-code"), code.body.code);
    await shot(kiosk, "old-engine-kiosk-pairing");
    await kiosk.click(testId("pairing-submit"));
    await kiosk.waitFor(
      `document.querySelector('${testId("service-anagrafe")}')`,
      "the kiosk should show its services",
    );
    await shot(kiosk, "old-engine-kiosk-services");

    await kiosk.click(testId("service-anagrafe"));
    await kiosk.waitFor(
      `document.querySelector('${testId("ticket-code")}')`,
      "the kiosk should show the new ticket",
    );
    const ticketCode = ((await kiosk.textOf(testId("ticket-code"))) ?? "").trim();
    expect(ticketCode).toMatch(/^B\d{3}$/);
    const qr = await kiosk.evaluate<{ url: string | null; width: number }>(
      `(function (e) { return { url: e.getAttribute("data-tracking-url"), width: e.getBoundingClientRect().width }; })(document.querySelector('${testId("ticket-qr")}'))`,
    );
    expect(qr.url).toMatch(new RegExp(`/t/${officeId}/[^/]+$`));
    expect(qr.width, "the QR code is drawn").toBeGreaterThan(80);
    await shot(kiosk, "old-engine-kiosk-ticket");
    expectTicketOnOneScreen(await kiosk.evaluate<TicketLayout>(TICKET_LAYOUT));
    expect(kiosk.errors, "no uncaught error, no CSP violation").toEqual([]);
  });

  it("On a landscape tablet (1280×800) the ticket screen fits too, spaced as on current engines.", {
    timeout: 60_000,
  }, async () => {
    const kiosk = await browser.newPage({ width: 1280, height: 800 });
    await kiosk.goto(await pairedAppUrl(server.baseUrl, officeId, "kiosk"));
    await kiosk.waitFor(
      `document.querySelector('${testId("service-anagrafe")}')`,
      "the kiosk should show its services",
    );
    await kiosk.click(testId("service-anagrafe"));
    await kiosk.waitFor(
      `document.querySelector('${testId("ticket-code")}')`,
      "the kiosk should show the new ticket",
    );
    await shot(kiosk, "old-engine-kiosk-ticket-landscape");
    expectTicketOnOneScreen(await kiosk.evaluate<TicketLayout>(TICKET_LAYOUT));
    expect(kiosk.errors, "no uncaught error, no CSP violation").toEqual([]);
  });
});
