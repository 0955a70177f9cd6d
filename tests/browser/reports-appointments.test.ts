import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generatePast, openDays } from "../../scripts/demo-history/generate";
import {
  DEMO_OFFICE_ID,
  demoOfficeWithBookings,
  OPEN_AROUND_THE_CLOCK,
} from "../../shared/demo-office";
import { localDay } from "../../shared/engine/clock";
import { timeZoneAwayFromMidnight } from "../support/time-zone";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
import { api, createStaff } from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/*
 * Issue 12, point 6: the office manager reads the appointments of a month in the Reports
 * tab, at the width of an office's everyday screen (1280 px), in Italian and in English.
 */
describe("The reports' appointments", () => {
  it("The Reports tab shows the month's appointments (booked, checked in, missed, cancelled, on time, lead time) and the booked minutes in the desks needed.", async () => {
    const timeZone = timeZoneAwayFromMidnight();
    const officeId = `e2e-appointments-${Math.random().toString(36).slice(2, 8)}`;
    expect(DEMO_OFFICE_ID).not.toBe(officeId);
    const created = await api(baseUrl, "PUT", `/offices/${officeId}`, {
      ...demoOfficeWithBookings,
      timeZone,
      openingHours: OPEN_AROUND_THE_CLOCK,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The demo's real hours shape the past; the office itself is open all day.
    const shape = { ...demoOfficeWithBookings, timeZone };
    const days = openDays(shape, localDay(Date.now(), timeZone), 20);
    const { tickets, appointments } = generatePast(shape, days);
    const imported = await api<{ added: number; appointmentsAdded: number }>(
      baseUrl,
      "POST",
      `/setup/offices/${officeId}/history`,
      { tickets, appointments },
    );
    expect(imported.body).toMatchObject({
      added: tickets.length,
      appointmentsAdded: appointments.length,
    });

    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    for (const locale of ["it-IT", "en-GB"]) {
      const { page, errors } = await openPage(
        browser,
        `${baseUrl}/dashboard/?office=${officeId}#reports`,
        { viewport: { width: 1280, height: 900 } },
        { locale },
      );
      await signInThroughForm(page, supervisor);
      await page.locator(testId("tab-reports")).click();
      await page.locator(testId("report-preset-30d")).click();
      const section = page.locator(testId("report-appointments"));
      await section.waitFor();
      const checkedIn = Number(
        ((await page.locator(testId("appointments-checked-in")).textContent()) ?? "").replace(
          /\D/g,
          "",
        ),
      );
      expect(checkedIn).toBe(appointments.filter((a) => a.status === "checked-in").length);
      expect(await page.locator(testId("appointments-on-time")).textContent()).toMatch(/\d+\s?%/);
      expect(await page.locator(testId("appointments-lead-time")).textContent()).toMatch(/\d/);
      const rows = await page.locator(`${testId("appointments-table")} tbody tr`).count();
      expect(rows, "edilizia, scuola and the total").toBe(3);
      await page.locator(testId("staffing-booked-hint")).waitFor();
      const csv = await page.locator(testId("appointments-csv")).getAttribute("href");
      expect(csv).toContain("/reports/appointments.csv?from=");
      const firstLine = await page.evaluate(
        async (href) => (await (await fetch(href!)).text()).split("\r\n")[0],
        csv,
      );
      expect(firstLine).toContain("lead_time_days");
      const violations = await seriousAccessibilityViolations(page);
      expect(violations.length, describeViolations("reports, appointments", violations)).toBe(0);
      const name = `dashboard-reports-appointments-${locale.slice(0, 2)}`;
      // Tuesday 10:00: building permits' booked minutes beside the walk-ins.
      const tuesdayTen = page.locator(testId("staffing-1-10"));
      expect(await tuesdayTen.textContent()).toMatch(/\+\d+′/);
      await tuesdayTen.evaluate((cell) => cell.scrollIntoView({ block: "center" }));
      await screenshot(page, `${name}-staffing`);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, name);
      await page.setViewportSize({ width: 1280, height: 3200 });
      await screenshot(page, `${name}-full`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
