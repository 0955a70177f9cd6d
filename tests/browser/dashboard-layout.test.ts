import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
import { createLargeOffice } from "./large-office";
import { createStaff, createTestOffice, issueTicket } from "./office-api";
import { signInThroughForm } from "./sign-in";

/*
 * Issue 10, point 9: at 1440×900 with a city office's 13 services, the counters and the
 * notice box were two screens down. The manager sees services, counters, alerts and the
 * notice at once, in the first screen, without scrolling.
 */

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SCREEN = { width: 1440, height: 900 };

/** The part of an element below the first screen, in pixels (0: wholly within it). */
async function belowFirstScreen(page: Page, id: string): Promise<number> {
  const box = await page.locator(testId(id)).boundingBox();
  if (!box) throw new Error(`${id} is not on the page`);
  return Math.max(0, box.y + box.height - SCREEN.height);
}

async function expectWholeOfficeInView(page: Page, label: string): Promise<void> {
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY, label).toBe(0);
  for (const id of ["services-table", "counters-table", "alerts", "notice-form"])
    expect(await belowFirstScreen(page, id), `${label}: ${id} below the first screen`).toBe(0);
}

describe("The dashboard's live view at 1440×900", () => {
  it("shows a city office's 13 services, 10 counters, its alerts and the notice form in the first screen.", async () => {
    const officeId = await createLargeOffice(baseUrl, "dash-layout");
    // Long waits at two services raise alerts: the alerts area holds real content.
    for (let i = 0; i < 9; i++) await issueTicket(baseUrl, officeId, "servizi-sociali");
    for (let i = 0; i < 6; i++) await issueTicket(baseUrl, officeId, "tributi");
    for (const service of ["urp", "anagrafe", "pagamenti"])
      await issueTicket(baseUrl, officeId, service);
    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: SCREEN,
    });
    await signInThroughForm(page, supervisor);
    await page.locator(testId("service-row-suap")).waitFor();
    await page.locator(testId("counter-row-sportello-10")).waitFor();
    await page.locator('[data-testid^="wait-alert-"]').first().waitFor();
    await screenshot(page, "dashboard-large-office-1440");
    await expectWholeOfficeInView(page, "large office");
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("dashboard, large office", violations)).toBe(0);
    expect(errors).toEqual([]);
  });

  it("shows the demo-shaped office (seven services) whole as well.", async () => {
    const officeId = await createTestOffice(baseUrl, "dash-layout-demo");
    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: SCREEN,
    });
    await signInThroughForm(page, supervisor);
    await page.locator(testId("services-table")).waitFor();
    await page.locator(testId("counters-table")).waitFor();
    await screenshot(page, "dashboard-demo-office-1440");
    await expectWholeOfficeInView(page, "demo office");
    expect(errors).toEqual([]);
  });
});
