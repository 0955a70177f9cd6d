/**
 * An appointment arriving at the office (issue 12, Tests): at the kiosk the
 * person taps "Ho un appuntamento", types the booking code on the screen's
 * keys and gets a number that shows the service and the booked time, never
 * the name; at the counter the clerk sees that number in the queue marked as
 * an appointment and calls it, and the current ticket keeps the mark. axe
 * judges each screen; the screenshots are in test-results/screenshots.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BookedAppointment } from "../../shared/protocol/appointments";
import { everyWeekday } from "../../shared/protocol/weekdays";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import { api, openAllDayConfig } from "./office-api";
import { openCounter, pairedAppUrl } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;

/** The person's name: it must never reach the kiosk's screen. */
const PERSON = "Giulia Verdichiara";
const allDay = [{ start: "00:00", end: "24:00", seats: 2 }];

/** The demo office open all day; Edilizia bookable all day at 15-minute slots; Sportello 5 at the front. */
async function createOffice(): Promise<string> {
  const id = `e2e-appt-${Math.random().toString(36).slice(2, 8)}`;
  const config = openAllDayConfig();
  const created = await api(baseUrl, "PUT", `/offices/${id}`, {
    ...config,
    services: config.services.map((service) =>
      service.id === "edilizia"
        ? {
            ...service,
            mode: "appointment",
            booking: {
              windows: everyWeekday(() => allDay),
              slotMinutes: 15,
              daysAhead: 7,
              minNoticeMinutes: 0,
              checkIn: { earlyMinutes: 60, lateMinutes: 15 },
            },
          }
        : service,
    ),
    counters: config.counters.map(({ defaultMode: _, ...counter }) => counter),
  });
  if (created.status !== 201)
    throw new Error(`office not created: ${JSON.stringify(created.body)}`);
  return id;
}

/** Staff book by phone (the operator here): the next free start of Edilizia. */
async function bookSoon(officeId: string): Promise<BookedAppointment> {
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const slots = await api<{ slots: { start: number; seatsLeft: number }[] }>(
    baseUrl,
    "GET",
    `/offices/${officeId}/services/edilizia/slots?from=${today}&to=${tomorrow}`,
  );
  const slot = slots.body.slots.find((s) => s.start > Date.now() && s.seatsLeft > 0);
  if (!slot) throw new Error(`no slot: ${JSON.stringify(slots.body)}`);
  const booked = await api<BookedAppointment>(
    baseUrl,
    "POST",
    `/offices/${officeId}/appointments`,
    {
      serviceId: "edilizia",
      start: slot.start,
      name: PERSON,
      phone: "+39 055 765 4321",
    },
  );
  if (booked.status !== 201) throw new Error(`not booked: ${JSON.stringify(booked.body)}`);
  return booked.body;
}

async function expectAccessible(page: import("playwright-core").Page, where: string) {
  const violations = await seriousAccessibilityViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("An appointment at the kiosk and at the counter", () => {
  it("checks in by code at the kiosk (service and time, never the name), then the counter calls it as an appointment.", async () => {
    const officeId = await createOffice();
    const booked = await bookSoon(officeId);
    const time = booked.appointment.startLocal.slice(11, 16);

    // The kiosk: "Ho un appuntamento", the code typed on the screen's keys.
    const kiosk = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    await kiosk.page.locator(testId("check-in-entry")).click();
    await kiosk.page.locator(testId("booking-code")).waitFor();
    await expectAccessible(kiosk.page, "kiosk: check-in by code");
    for (const character of booked.appointment.code)
      await kiosk.page.locator(testId(`code-key-${character}`)).click();
    expect(await kiosk.page.inputValue(testId("booking-code"))).toContain(
      booked.appointment.code.slice(0, 3),
    );
    await screenshot(kiosk.page, "appointment-kiosk-code");
    await kiosk.page.locator(testId("check-in-submit")).click();

    const ticketCode = (await kiosk.page.locator(testId("ticket-code")).textContent())?.trim();
    expect(ticketCode).toMatch(/^G\d+$/);
    await waitForText(kiosk.page, testId("ticket-appointment"), time);
    const text = (await kiosk.page.evaluate(() => document.body.textContent)) ?? "";
    expect(text).toContain("Edilizia");
    expect(text).not.toContain(PERSON);
    expect(text).not.toContain("Verdichiara");
    await expectAccessible(kiosk.page, "kiosk: appointment ticket");
    await screenshot(kiosk.page, "appointment-kiosk-ticket");
    expect(kiosk.errors).toEqual([]);

    // The counter: the ticket waits marked as an appointment; the clerk calls it.
    const desk = await openCounter(browser, baseUrl, officeId, "sportello-5", SCREENS.counter);
    const row = desk.page.locator(testId(`queue-ticket-${ticketCode}`));
    await row.waitFor();
    await waitForText(desk.page, testId(`queue-appointment-${ticketCode}`), time);
    await expectAccessible(desk.page, "counter: an appointment in the queue");
    await screenshot(desk.page, "appointment-counter-queue");
    await row.click();
    await waitForText(desk.page, testId("current-ticket-code"), ticketCode!);
    await waitForText(desk.page, testId("current-ticket-appointment"), time);
    expect(await desk.page.locator(testId(`queue-ticket-${ticketCode}`)).count()).toBe(0);
    await expectAccessible(desk.page, "counter: calling an appointment");
    await screenshot(desk.page, "appointment-counter-called");
    expect(desk.errors).toEqual([]);
  });
});
