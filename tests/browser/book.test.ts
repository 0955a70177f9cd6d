/**
 * The public booking page on a phone (390×844) and on a desktop, in a real
 * Chromium against `wrangler dev`: a service, a day, a time, the details, the
 * confirmation with its code and QR code, then the manage link: see, cancel.
 * axe judges every step; the screenshots are in test-results/screenshots.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROOF_MEASURE } from "../../book/model/solve-in-worker";
import { everyWeekday } from "../../shared/protocol/weekdays";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import { api, createStaff, openAllDayConfig } from "./office-api";
import { openCounter, signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

const allDay = [{ start: "00:00", end: "24:00", seats: 1 }];

/** The demo office open all day, Edilizia bookable every day, from now on, a week ahead. */
async function createBookingOffice(): Promise<string> {
  const id = `e2e-book-${Math.random().toString(36).slice(2, 8)}`;
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
              slotMinutes: 30,
              daysAhead: 7,
              minNoticeMinutes: 0,
              // Staff booking by phone may give one seat more than the public's one.
              staffExtraSeats: 1,
            },
          }
        : service,
    ),
  });
  if (created.status !== 201)
    throw new Error(`office not created: ${JSON.stringify(created.body)}`);
  return id;
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

/** Every control the person touches is at least 48 px high and wide. */
async function expectTouchTargets(page: Page, where: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, a, input, textarea, .segmented__option")]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ element, box }) => {
        // A radio button is inside its label, which is the target.
        const radio = element.tagName === "INPUT" && (element as HTMLInputElement).type === "radio";
        return !radio && (box.height < 48 || box.width < 48);
      })
      .map(({ element, box }) => `${element.outerHTML.slice(0, 80)} ${box.width}×${box.height}`),
  );
  expect(small, `${where}: targets under 48 px`).toEqual([]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createBookingOffice();
});
afterAll(async () => {
  await browser?.close();
});

describe("Booking an appointment on a phone", () => {
  it("books Edilizia step by step, shows the code and its QR code at once, and the manage link can cancel it.", async () => {
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/book/?office=${officeId}`,
      SCREENS.phone,
    );
    // The proof of work is solved in a Web Worker, started as the page opens.
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    const bookings: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/appointments"))
        bookings.push(request.postData() ?? "");
    });
    await page.waitForSelector(testId("step-service"));
    await expectAccessible(page, "booking: services");
    await page.click(testId("service-edilizia"));

    await page.waitForSelector(`${testId("days")} button:not([disabled])`);
    await expectAccessible(page, "booking: days");
    await expectTouchTargets(page, "booking: days");
    await page.click(`${testId("days")} button:not([disabled])`);

    await page.waitForSelector(`${testId("times")} button:not([disabled])`);
    // The heading of the new step has the focus: a screen reader says where the person is.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("step-title");
    await expectAccessible(page, "booking: times");
    await page.click(`${testId("times")} button:not([disabled])`);

    await page.waitForSelector(testId("details-form"));
    // "Book" with a malformed address: said next to the field, and nothing is sent.
    await page.fill(testId("book-name"), "Anna Bianchi");
    await page.fill(testId("book-contact"), "anna@example");
    await page.click(testId("book-submit"));
    await page.waitForSelector("#book-contact-problem");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("book-contact");
    await page.fill(testId("book-contact"), "anna@example.org");
    await page.fill(testId("book-reason"), "Permesso di costruire");
    await expectAccessible(page, "booking: details");
    await expectTouchTargets(page, "booking: details");
    await screenshot(page, "book-details-phone");
    // By now the proof is ready: the tap does not wait for it.
    await page.waitForFunction(
      (name) => performance.getEntriesByName(name).length > 0,
      PROOF_MEASURE,
      { timeout: 30_000 },
    );
    const tapped = Date.now();
    await page.click(testId("book-submit"));

    await page.waitForSelector(testId("confirmation"));
    const tapToConfirmation = Date.now() - tapped;
    const solveMs = await page.evaluate(
      (name) => performance.getEntriesByName(name)[0]?.duration ?? -1,
      PROOF_MEASURE,
    );
    console.log(
      `booking page: proof of work solved in ${solveMs.toFixed(0)} ms (Web Worker, while the person chose); tap on Book to confirmation ${tapToConfirmation} ms`,
    );
    expect(workers.some((url) => url.endsWith("/book/proof-worker.js"))).toBe(true);
    expect(solveMs).toBeGreaterThan(0);
    // Modest: a fraction of a second here (an old phone takes several times longer, in the background).
    expect(solveMs).toBeLessThan(5_000);
    expect(bookings).toHaveLength(1);
    const sent = JSON.parse(bookings[0]!) as { proof?: { solution?: { derivedKey?: string } } };
    expect(sent.proof?.solution?.derivedKey).toMatch(/^[0-9a-f]{64}$/);
    const code = (await page.textContent(`${testId("booking-code")} [aria-hidden="true"]`)) ?? "";
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    expect(await page.locator(`${testId("booking-qr")} svg`).count()).toBe(1);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/a/${officeId}/`));
    await expectAccessible(page, "booking: confirmation");
    await screenshot(page, "book-confirmation-phone");

    // The manage link: the same booking, and its token nowhere in the text of the page.
    await page.click(testId("manage-link"));
    await waitForText(page, testId("booking-status"), "Prenotato");
    const token = new URL(page.url()).pathname.split("/")[3] ?? "";
    expect(token).toHaveLength(22);
    expect(await page.evaluate(() => document.body.textContent)).not.toContain(token);
    await expectAccessible(page, "manage: booked");
    await screenshot(page, "book-manage-phone");

    await page.click(testId("cancel"));
    await page.locator(testId("cancel-question")).waitFor();
    await screenshot(page, "book-cancel-question-phone");
    await page.click(testId("cancel-confirm"));
    await waitForText(page, testId("booking-status"), "Annullato");
    await expectAccessible(page, "manage: cancelled");
    expect(errors).toEqual([]);
  });

  it("lays out on a desktop too, in English after the switch.", async () => {
    const { page, errors } = await openPage(browser, `${baseUrl}/book/?office=${officeId}`, {
      viewport: { width: 1366, height: 900 },
    });
    await page.waitForSelector(testId("step-service"));
    await page.click(testId("lang-en"));
    await waitForText(page, "#step-title", "Choose a service");
    await page.click(testId("service-edilizia"));
    await page.waitForSelector(`${testId("days")} button:not([disabled])`);
    await expectAccessible(page, "booking on a desktop: days");
    await screenshot(page, "book-days-desktop");
    expect(errors).toEqual([]);
  });
});

describe("Staff booking on someone's behalf", () => {
  it("from the counter console: the link opens the booking page in staff mode, which says so, shows the staff seats and books a phone caller without a proof of work.", async () => {
    const desk = await openCounter(browser, baseUrl, officeId, "sportello-5", SCREENS.counter);
    const link = desk.page.locator(testId("book-for-caller"));
    await link.waitFor();
    expect(await link.getAttribute("target")).toBe("_blank");
    await screenshot(desk.page, "book-for-caller-counter");
    const [page] = await Promise.all([desk.page.context().waitForEvent("page"), link.click()]);
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    const bookings: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/appointments"))
        bookings.push(request.postData() ?? "");
    });
    await page.setViewportSize(SCREENS.counter.viewport);
    await waitForText(page, testId("staff-banner"), "Prenotazione per conto di un utente");
    // The page's session is staff's: the office shows it the extra seat (the public sees one).
    const seats = await page.evaluate(async (office) => {
      const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const answer = await fetch(
        `/api/offices/${office}/services/edilizia/slots?from=${day}&to=${day}`,
      );
      const body = (await answer.json()) as { slots: { seatsLeft: number }[] };
      return body.slots[0]?.seatsLeft;
    }, officeId);
    expect(seats).toBe(2);
    await expectAccessible(page, "staff booking: services");
    await page.click(testId("service-edilizia"));
    await page.waitForSelector(`${testId("days")} button:not([disabled])`);
    await page.click(`${testId("days")} button:not([disabled])`);
    await page.waitForSelector(`${testId("times")} button:not([disabled])`);
    await page.click(`${testId("times")} button:not([disabled])`);
    await page.waitForSelector(testId("details-form"));
    await waitForText(page, "#step-title", "Dati di chi chiama");
    // A caller on the phone: the phone number is asked first.
    expect(await page.isChecked(testId("contact-phone"))).toBe(true);
    await page.fill(testId("book-name"), "Luca Neri");
    await page.fill(testId("book-contact"), "+39 055 123 9876");
    await expectAccessible(page, "staff booking: details");
    await screenshot(page, "book-staff-details");
    await page.click(testId("book-submit"));
    await page.waitForSelector(testId("confirmation"));
    await expectAccessible(page, "staff booking: confirmation");
    await screenshot(page, "book-staff-confirmation");
    expect(bookings).toHaveLength(1);
    expect(JSON.parse(bookings[0]!)).not.toHaveProperty("proof");
    expect(workers).toEqual([]);
    expect(desk.errors).toEqual([]);
  });

  it("from the dashboard: today's appointments offer the same link.", async () => {
    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: { width: 1440, height: 900 },
    });
    await signInThroughForm(page, supervisor);
    const link = page.locator(testId("book-for-caller"));
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`/book/?office=${officeId}&staff=1`);
    expect(await link.getAttribute("target")).toBe("_blank");
    await expectAccessible(page, "dashboard: today's appointments with the staff booking link");
    await screenshot(page, "book-for-caller-dashboard");
    expect(errors).toEqual([]);
  });
});
