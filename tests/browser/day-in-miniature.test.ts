import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoOfficeConfig } from "../../shared/demo-office";
import { announcementText } from "../../shared/i18n";
import {
  clickIfVisible,
  launchBrowser,
  openPage,
  SCREENS,
  screenshot,
  testId,
  waitForText,
  waitForTextGone,
} from "./browser";
import { createTestOffice, getOffice } from "./office-api";
import { openCounter, pairedAppUrl } from "./sign-in";
import { SPEECH_RECORDER, waitForSpoken } from "./speech-recorder";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "day");
});
afterAll(async () => {
  await browser?.close();
});

/** A service's Italian name, as the phone (in Italian) shows it. */
function serviceName(serviceId: string): string {
  return demoOfficeConfig.services.find((s) => s.id === serviceId)?.names.it ?? serviceId;
}

describe("One ticket through kiosk, phone, counter and waiting-room screen", () => {
  it("The day in miniature: a kiosk tap issues a ticket that the phone follows, the counter calls, recalls and transfers, and the display shows and announces within a second.", async () => {
    const display = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "display"),
      SCREENS.displayLandscape,
      {
        initScript: SPEECH_RECORDER,
      },
    );
    await display.page.locator(testId("service-queues")).waitFor();
    await clickIfVisible(display.page, testId("enable-sound"));

    // Kiosk: one tap, a ticket with its code and a QR code to follow it.
    const kiosk = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    await kiosk.page.locator(testId("service-anagrafe")).click();
    const codeElement = kiosk.page.locator(testId("ticket-code"));
    await codeElement.waitFor();
    const code = (await codeElement.textContent())?.trim() ?? "";
    expect(code, "the kiosk shows the new ticket's code").toMatch(/^B\d{3}$/);
    const qr = kiosk.page.locator(testId("ticket-qr"));
    const trackingUrl = await qr.getAttribute("data-tracking-url");
    expect(trackingUrl, "the QR code carries the tracking link").toMatch(
      new RegExp(`/t/${officeId}/[^/]+$`),
    );
    const qrBox = await qr.boundingBox();
    expect(qrBox?.width ?? 0, "the QR code is drawn").toBeGreaterThan(80);

    // Phone: the tracking page shows the code and how many are ahead.
    const phone = await openPage(browser, new URL(trackingUrl!, baseUrl).href, SCREENS.phone);
    await waitForText(phone.page, testId("ticket-code"), code);
    const peopleAhead = phone.page.locator(testId("people-ahead"));
    await peopleAhead.waitFor();
    expect((await peopleAhead.textContent())?.trim(), "people ahead is shown").not.toBe("");
    const waitingStatus = (await phone.page.locator(testId("ticket-status")).textContent())?.trim();

    // Counter: call next; the display shows it within a second and announces it.
    const counter = await openCounter(browser, baseUrl, officeId, "sportello-1", SCREENS.counter);
    await waitForText(counter.page, testId(`queue-ticket-${code}`), code);
    // Both pages stamp the moment with the same clock: the click as the counter page
    // receives it, the code as the display draws it (the test driver's own delays left out).
    await markClicks(counter.page, testId("call-next"));
    await markWhenShown(display.page, testId("latest-call-code"), code);
    await counter.page.locator(testId("call-next")).click();
    await waitForText(display.page, testId("latest-call-code"), code, 5000);
    const clickedAt = await counter.page.evaluate(() => (window as unknown as Stamps).__clickedAt);
    const shownAt = await display.page.evaluate(() => (window as unknown as Stamps).__shownAt);
    const shownAfterMs = shownAt - clickedAt;
    expect(
      shownAfterMs,
      `the display showed the call ${shownAfterMs} ms after the click`,
    ).toBeLessThanOrEqual(1000);
    await waitForText(display.page, testId("latest-call-counter"), "Sportello 1", 1000);
    const announcement = announcementText(code, "Sportello 1", "it");
    await waitForSpoken(display.page, 1, announcement);

    await waitForText(counter.page, testId("current-ticket-code"), code);
    await waitForText(phone.page, testId("go-to"), "Sportello 1");
    await screenshot(display.page, "day-display-called");
    await screenshot(phone.page, "day-ticket-called");

    // Recall: announced a second time.
    await counter.page.locator(testId("recall")).click();
    await waitForSpoken(display.page, 2, announcement);

    // Transfer to civil status: the counter is free, the phone waits again in the new service.
    await counter.page.locator(testId("transfer")).click();
    await counter.page.locator(testId("transfer-service-stato-civile")).click();
    await waitForTextGone(counter.page, testId("current-ticket-code"), code);
    await phone.page.locator(testId("go-to")).waitFor({ state: "hidden" });
    await waitForText(phone.page, "body", serviceName("stato-civile"));
    await waitForText(phone.page, testId("ticket-status"), waitingStatus ?? "");
    await phone.page.locator(testId("people-ahead")).waitFor();
    await screenshot(phone.page, "day-ticket-transferred");
    await screenshot(counter.page, "day-counter-after-transfer");

    const office = await getOffice(baseUrl, officeId);
    const queued = office.queue.find((t) => t.code === code);
    expect(queued, `${code} is back in the queue: ${JSON.stringify(office.queue)}`).toBeDefined();
    expect(queued?.serviceId).toBe("stato-civile");
    expect(office.services.find((s) => s.id === "stato-civile")?.waiting).toBe(1);
    expect(office.counters.find((c) => c.id === "sportello-1")?.ticket).toBeNull();

    const errors = [...display.errors, ...kiosk.errors, ...phone.errors, ...counter.errors];
    expect(errors, "uncaught errors in the pages").toEqual([]);
  });
});

interface Stamps {
  __clickedAt: number;
  __shownAt: number;
}

/** Records in the page when an element matching `selector` is clicked (capture phase, before the app). */
async function markClicks(page: Page, selector: string): Promise<void> {
  await page.evaluate(`document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest(${JSON.stringify(selector)})) window.__clickedAt = Date.now();
  }, true)`);
}

/** Records in the page when the element matching `selector` first contains `text`. */
async function markWhenShown(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate(`(function () {
    window.__shownAt = 0;
    function check() {
      var element = document.querySelector(${JSON.stringify(selector)});
      if (!window.__shownAt && element && (element.textContent || "").indexOf(${JSON.stringify(text)}) >= 0) {
        window.__shownAt = Date.now();
      }
    }
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    check();
  })()`);
}
