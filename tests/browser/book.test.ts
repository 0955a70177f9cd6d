/**
 * The public booking page on a phone (390×844) and on a desktop, in a real
 * Chromium against `wrangler dev`: a service, a day, a time, the details, the
 * confirmation with its code and QR code, then the manage link: see, cancel.
 * axe judges every step; the screenshots are in test-results/screenshots.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import { api, openAllDayConfig } from "./office-api";

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
              windows: {
                mon: allDay,
                tue: allDay,
                wed: allDay,
                thu: allDay,
                fri: allDay,
                sat: allDay,
                sun: allDay,
              },
              slotMinutes: 30,
              daysAhead: 7,
              minNoticeMinutes: 0,
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
    await page.click(testId("book-submit"));

    await page.waitForSelector(testId("confirmation"));
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
