import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateHistory, openDays } from "../../scripts/demo-history/generate";
import { localDay } from "../../shared/engine/clock";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
import {
  api,
  createStaff,
  createTestOffice,
  getOffice,
  issueTicket,
  openAllDayConfig,
} from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "dashboard");
});
afterAll(async () => {
  await browser?.close();
});

const DASHBOARD_SCREEN = { viewport: { width: 1440, height: 900 } };

describe("The supervisor's dashboard", () => {
  it("When a service's estimated wait passes the target, the dashboard says so and one click brings a back-office desk to the front.", async () => {
    // Anagrafe takes 15 minutes and three front desks serve it: eight people make ~40 minutes, over the 20-minute target.
    for (let i = 0; i < 8; i++) await issueTicket(baseUrl, officeId, "anagrafe");
    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/dashboard/?office=${officeId}`,
      DASHBOARD_SCREEN,
    );
    await signInThroughForm(page, supervisor);
    const alert = page.locator(testId("wait-alert-anagrafe"));
    await alert.waitFor();
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("dashboard live view", violations)).toBe(0);
    await screenshot(page, "dashboard-alert");

    const before = await getOffice(baseUrl, officeId);
    expect(before.counters.find((c) => c.id === "sportello-5")?.mode).toBe("back-office");
    await page.locator(testId("switch-front-sportello-5")).click();
    await page.locator(`${testId("counter-row-sportello-5")}[data-mode="front"]`).waitFor();
    const after = await getOffice(baseUrl, officeId);
    expect(after.counters.find((c) => c.id === "sportello-5")?.mode).toBe("front");
    await screenshot(page, "dashboard-after-switch");
    expect(errors).toEqual([]);
  });

  it("The reports show the peaks of the office's past: the heatmap, the desks needed, and a CSV of the tickets.", async () => {
    const config = openAllDayConfig();
    const today = localDay(Date.now(), config.timeZone);
    // The demo office's real hours shape the history; the test office is open all day.
    const { demoOfficeConfig } = await import("../../shared/demo-office");
    const days = openDays(demoOfficeConfig, today, 20);
    const tickets = generateHistory(demoOfficeConfig, days);
    const imported = await api<{ added: number }>(
      baseUrl,
      "POST",
      `/setup/offices/${officeId}/history`,
      { tickets },
    );
    expect(imported.body.added).toBe(tickets.length);

    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/dashboard/?office=${officeId}#reports`,
      DASHBOARD_SCREEN,
    );
    await signInThroughForm(page, supervisor);
    await page.locator(testId("tab-reports")).click();
    await page.locator(testId("report-preset-30d")).click();
    await page.locator(testId("report")).waitFor();
    await page.locator(testId("heatmap-canvas")).waitFor();
    const peak = (await page.locator(testId("heatmap-peak")).textContent()) ?? "";
    expect(peak, "the peak names a weekday and an hour").toMatch(/\d/);
    await page.locator(testId("staffing-busiest")).waitFor();
    // The within-target figure names the office's goal (80% unless set).
    expect(await page.locator(testId("report-within-target-goal")).textContent()).toMatch(/80%/);
    const csv = await page.locator(testId("report-csv")).getAttribute("href");
    expect(csv).toContain("/reports/tickets.csv?from=");
    const download = await page.evaluate(async (href) => {
      const response = await fetch(href!);
      return { status: response.status, firstLine: (await response.text()).split("\r\n")[0] };
    }, csv);
    expect(download.status).toBe(200);
    expect(download.firstLine).toContain("issued");
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("dashboard reports", violations)).toBe(0);
    await page.setViewportSize({ width: 1440, height: 2400 });
    await screenshot(page, "dashboard-reports");
    expect(errors).toEqual([]);
  });
});
