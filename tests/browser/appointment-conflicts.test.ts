/**
 * Office changes never cancel silently (issue 12, point 7), in Chromium: a
 * closed date flags two bookings; the supervisor keeps one and cancels the
 * other from the live view, which then offers the prepared e-mail; the
 * holder's manage page says the office cancelled it, why, and where to book
 * again. axe judges both screens.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BookedAppointment } from "../../shared/protocol/appointments";
import type { OfficeConfigInput } from "../../shared/protocol/config";
import { everyWeekday } from "../../shared/protocol/weekdays";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
import { api, createStaff, openAllDayConfig } from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const allDay = [{ start: "00:00", end: "24:00", seats: 2 }];

function bookingConfig(): OfficeConfigInput {
  const config = openAllDayConfig();
  return {
    ...config,
    services: config.services.map((service) =>
      service.id === "edilizia"
        ? {
            ...service,
            mode: "appointment" as const,
            booking: {
              windows: everyWeekday(() => allDay),
              slotMinutes: 30,
              daysAhead: 10,
              minNoticeMinutes: 0,
            },
          }
        : service,
    ),
  };
}

async function bookOn(officeId: string, day: string, index: number, who: Record<string, string>) {
  const slots = await api<{ slots: { start: number }[] }>(
    baseUrl,
    "GET",
    `/offices/${officeId}/services/edilizia/slots?from=${day}&to=${day}`,
  );
  const booked = await api<BookedAppointment>(
    baseUrl,
    "POST",
    `/offices/${officeId}/appointments`,
    {
      serviceId: "edilizia",
      start: slots.body.slots[index]!.start,
      ...who,
    },
  );
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body;
}

describe("Bookings hit by a change of setup, in the browser", () => {
  it("A closed date flags two bookings in the live view; one is kept, the other cancelled with a prepared e-mail, and its manage page says the office cancelled it.", async () => {
    const officeId = `e2e-conflicts-${Math.random().toString(36).slice(2, 8)}`;
    const config = bookingConfig();
    expect((await api(baseUrl, "PUT", `/offices/${officeId}`, config)).status).toBe(201);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const kept = await bookOn(officeId, day, 20, {
      name: "Marco Verdi",
      phone: "+39 055 555 0101",
    });
    const cancelled = await bookOn(officeId, day, 24, {
      name: "Anna Bianchi",
      email: "anna.bianchi@example.org",
      lang: "it",
    });
    expect(
      (await api(baseUrl, "PUT", `/offices/${officeId}`, { ...config, closedDates: [day] })).status,
    ).toBe(200);

    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: { width: 1280, height: 900 },
    });
    await signInThroughForm(page, supervisor);
    const panel = page.locator(testId("conflicts-panel"));
    await page.locator(testId(`conflict-${kept.appointment.code}`)).waitFor();
    await page.locator(testId(`conflict-${cancelled.appointment.code}`)).waitFor();
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("conflicts panel", violations)).toBe(0);
    expect(
      await page.locator(testId(`conflict-${kept.appointment.code}-tell`)).getAttribute("href"),
    ).toBe("tel:+390555550101");
    await panel.scrollIntoViewIfNeeded();
    // At 1280 px the services table beside the panel keeps every column inside its own panel.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll(".services-table")].some((table) => {
        const box = (table.closest(".panel") ?? table).getBoundingClientRect();
        return table.getBoundingClientRect().right > box.right + 1;
      }),
    );
    expect(clipped, "the services table runs past its panel").toBe(false);
    await screenshot(page, "dashboard-conflicts-1280");

    await page.locator(testId(`conflict-${kept.appointment.code}-keep`)).click();
    await page.locator(testId("conflicts-note")).waitFor();
    await page.locator(testId(`conflict-${kept.appointment.code}`)).waitFor({ state: "detached" });
    await page.locator(testId(`conflict-${cancelled.appointment.code}-cancel`)).click();
    await page.locator(testId(`conflict-${cancelled.appointment.code}-cancel-yes`)).click();
    const tell = page.locator(testId("conflicts-note-tell"));
    await tell.waitFor();
    const href = (await tell.getAttribute("href")) ?? "";
    expect(href.startsWith("mailto:anna.bianchi@example.org?subject=")).toBe(true);
    expect(decodeURIComponent(href)).toContain(cancelled.appointment.code);
    await screenshot(page, "dashboard-conflicts-cancelled-1280");
    expect(errors).toEqual([]);

    const manage = await openPage(
      browser,
      cancelled.manageUrl.replace(/^https?:\/\/[^/]+/, baseUrl),
      {
        viewport: { width: 390, height: 844 },
      },
    );
    await manage.page.locator(testId("cancelled-by-office")).waitFor();
    expect(await manage.page.locator(testId("book-again")).getAttribute("href")).toContain(
      "service=edilizia",
    );
    const manageViolations = await seriousAccessibilityViolations(manage.page);
    expect(manageViolations.length, describeViolations("manage page", manageViolations)).toBe(0);
    await screenshot(manage.page, "book-manage-cancelled-by-office");
    expect(manage.errors).toEqual([]);
  });
});
