import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import {
  counterAction,
  createTestOffice,
  getOffice,
  type IssuedTicket,
  issueTicket,
} from "./office-api";
import { openCounter, pairedAppUrl } from "./sign-in";
import { SPEECH_RECORDER } from "./speech-recorder";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;
/** Every ticket issued through the API, by ticket id, to follow any of them on a phone. */
const issued = new Map<string, IssuedTicket>();

/** A mid-morning office: queues in most services, four counters busy, a few recalls. */
async function fillOffice(): Promise<void> {
  const arrivals = [
    "anagrafe",
    "urp",
    "anagrafe",
    "stato-civile",
    "pagamenti",
    "urp",
    "anagrafe",
    "scuola",
    "elettorale",
    "urp",
    "anagrafe",
    "pagamenti",
    "stato-civile",
    "anagrafe",
  ];
  for (const serviceId of arrivals) {
    const ticket = await issueTicket(baseUrl, officeId, serviceId);
    issued.set(ticket.ticket.id, ticket);
  }
  const priority = await issueTicket(baseUrl, officeId, "anagrafe", { priority: true });
  issued.set(priority.ticket.id, priority);
  for (const counter of ["sportello-1", "sportello-2", "sportello-3", "sportello-4"]) {
    await counterAction(baseUrl, officeId, counter, "call-next");
  }
  await counterAction(baseUrl, officeId, "sportello-1", "start");
  await counterAction(baseUrl, officeId, "sportello-1", "call-next"); // completes, then calls again
  await counterAction(baseUrl, officeId, "sportello-3", "recall");
}

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "shots");
  await fillOffice();
});
afterAll(async () => {
  await browser?.close();
});

describe("Screenshots of every app (test-results/screenshots)", () => {
  it("The waiting-room display shows calls and queues in landscape and in portrait.", async () => {
    for (const [name, screen] of [
      ["display-landscape", SCREENS.displayLandscape],
      ["display-portrait", SCREENS.displayPortrait],
    ] as const) {
      const { page, errors } = await openPage(
        browser,
        await pairedAppUrl(baseUrl, officeId, "display"),
        screen,
        {
          initScript: SPEECH_RECORDER,
        },
      );
      await page.locator(testId("latest-call-code")).waitFor();
      await page.locator(testId("service-anagrafe")).waitFor();
      const calls = await page.locator(`${testId("recent-calls")} li`).count();
      expect(calls, "recent calls listed").toBeGreaterThanOrEqual(3);
      await screenshot(page, name);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("The kiosk's start and ticket screens are captured.", async () => {
    const { page, errors } = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    await page.locator(testId("service-anagrafe")).waitFor();
    await screenshot(page, "kiosk-start");
    await page.locator(testId("service-anagrafe")).click();
    await page.locator(testId("ticket-qr")).waitFor();
    await screenshot(page, "kiosk-ticket");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("The counter console with a called ticket and a queue is captured.", async () => {
    const office = await getOffice(baseUrl, officeId);
    const current = office.counters.find((c) => c.id === "sportello-2")?.ticket;
    expect(current, "sportello-2 has called a ticket").toBeTruthy();
    const { page, errors } = await openCounter(
      browser,
      baseUrl,
      officeId,
      "sportello-2",
      SCREENS.counter,
    );
    await waitForText(page, testId("current-ticket-code"), current!.code);
    await screenshot(page, "counter-console");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("The ticket page is captured while waiting and when called.", async () => {
    const waiting = await issueTicket(baseUrl, officeId, "urp");
    const phoneWaiting = await openPage(
      browser,
      new URL(waiting.trackingUrl, baseUrl).href,
      SCREENS.phone,
    );
    await waitForText(phoneWaiting.page, testId("ticket-code"), waiting.ticket.code);
    await phoneWaiting.page.locator(testId("people-ahead")).waitFor();
    await screenshot(phoneWaiting.page, "ticket-waiting");

    const office = await getOffice(baseUrl, officeId);
    const calledId = office.counters.find((c) => c.id === "sportello-3")?.ticket?.id;
    const called = calledId ? issued.get(calledId) : undefined;
    expect(called, "sportello-3 called one of our tickets").toBeDefined();
    const phoneCalled = await openPage(
      browser,
      new URL(called!.trackingUrl, baseUrl).href,
      SCREENS.phone,
    );
    await waitForText(phoneCalled.page, testId("go-to"), "Sportello 3");
    await screenshot(phoneCalled.page, "ticket-called");

    // The English version, for a visitor's phone.
    const english = await openPage(
      browser,
      new URL(waiting.trackingUrl, baseUrl).href,
      SCREENS.phone,
      {
        locale: "en-GB",
      },
    );
    await waitForText(english.page, testId("ticket-code"), waiting.ticket.code);
    await screenshot(english.page, "ticket-waiting-en");
    expect([...phoneWaiting.errors, ...phoneCalled.errors, ...english.errors]).toEqual([]);
  });
});
