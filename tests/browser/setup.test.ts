import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
import { createLargeOffice } from "./large-office";
import { api, createStaff, createTestOffice } from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "setup");
});
afterAll(async () => {
  await browser?.close();
});

interface OfficeTargets {
  targetWaitMinutes: number;
  targetSharePercent: number;
}

async function officeTargets(): Promise<OfficeTargets> {
  const answer = await api<OfficeTargets>(baseUrl, "GET", `/offices/${officeId}`);
  return {
    targetWaitMinutes: answer.body.targetWaitMinutes,
    targetSharePercent: answer.body.targetSharePercent,
  };
}

describe("The office's setup, in the browser", () => {
  it("An admin sets the target wait and the share to call within it: a share out of range is explained at the field and not saved; a valid one is saved on the server.", async () => {
    const admin = await createStaff(baseUrl, officeId, "admin");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: { width: 1440, height: 900 },
    });
    await signInThroughForm(page, admin);
    await page.locator(testId("tab-setup")).click();
    const share = page.locator(testId("config-target-share"));
    await share.waitFor();
    expect(await share.inputValue()).toBe("80");
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("setup", violations)).toBe(0);

    await page.locator(testId("config-target")).fill("25");
    await share.fill("120");
    await page.locator(testId("config-save")).click();
    await page.locator(testId("issue-targetSharePercent")).waitFor();
    expect(await share.getAttribute("aria-invalid")).toBe("true");
    expect(await officeTargets(), "nothing saved while a field is wrong").toEqual({
      targetWaitMinutes: 20,
      targetSharePercent: 80,
    });
    await screenshot(page, "dashboard-setup-invalid-share");

    await share.fill("90");
    await page.locator(testId("config-save")).click();
    await page.locator(`${testId("config-status")}[data-status="saved"]`).waitFor();
    expect(await officeTargets()).toEqual({ targetWaitMinutes: 25, targetSharePercent: 90 });
    expect(await page.locator(testId("issue-targetSharePercent")).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("A failed save brings the first wrong field into view above the sticky save bar, and an opening-hours order error is tied to both its inputs (issue 10, point 16).", async () => {
    // A city office's 13 services put the opening hours far below the first screen.
    const largeOffice = await createLargeOffice(baseUrl, "setup-focus");
    const admin = await createStaff(baseUrl, largeOffice, "admin");
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/dashboard/?office=${largeOffice}`,
      { viewport: { width: 1440, height: 900 } },
    );
    await signInThroughForm(page, admin);
    await page.locator(testId("tab-setup")).click();
    const open = page.locator(testId("config-hours-mon-0-open"));
    const close = page.locator(testId("config-hours-mon-0-close"));
    await open.fill("18:00");
    await close.fill("08:00");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(testId("config-save")).click();
    await page.locator(testId("issue-openingHours.mon.0")).waitFor();

    expect(await open.evaluate((element) => element === document.activeElement)).toBe(true);
    const field = await open.boundingBox();
    const bar = await page.locator(testId("config-save-bar")).boundingBox();
    expect(field && bar, "the field and the save bar are on screen").toBeTruthy();
    expect(field!.y, "the field is below the top of the window").toBeGreaterThanOrEqual(0);
    expect(field!.y + field!.height, "the field is above the save bar").toBeLessThanOrEqual(bar!.y);
    const errorId = await page.locator(testId("issue-openingHours.mon.0")).getAttribute("id");
    for (const input of [open, close]) {
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect((await input.getAttribute("aria-describedby"))?.split(" ")).toContain(errorId);
    }
    await screenshot(page, "dashboard-setup-focus-above-save-bar");
    expect(errors).toEqual([]);
  });

  it("An admin makes school enrolment mixed with a Monday morning window (issue 12, point 1): too many seats are explained at the seats, then the window is saved on the server.", async () => {
    const admin = await createStaff(baseUrl, officeId, "admin");
    const { page, errors } = await openPage(browser, `${baseUrl}/dashboard/?office=${officeId}`, {
      viewport: { width: 1280, height: 900 },
    });
    await signInThroughForm(page, admin);
    await page.locator(testId("tab-setup")).click();
    // School enrolment is the demo's fifth service; four counters serve it.
    const mode = page.locator(testId("config-service-4-mode"));
    await mode.waitFor();
    await mode.selectOption("mixed");
    const editor = page.locator(testId("config-service-4-booking"));
    await editor.waitFor();
    await page.locator(testId("config-service-4")).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await screenshot(page, "dashboard-setup-booking-mixed-1280");
    expect(await page.locator(testId("config-service-4-booking-enabled")).isChecked()).toBe(true);
    await page.locator(testId("config-service-4-window-mon-none")).waitFor();
    await page.locator(testId("config-service-4-window-mon-add")).click();
    const start = page.locator(testId("config-service-4-window-mon-0-start"));
    const end = page.locator(testId("config-service-4-window-mon-0-end"));
    const seats = page.locator(testId("config-service-4-window-mon-0-seats"));
    await start.fill("09:00");
    await end.fill("12:00");
    await seats.fill("5");
    await page.locator(testId("config-service-4-slot")).fill("15");
    await page.locator(testId("config-service-4-late-rule")).selectOption("clerk");
    await page.locator(testId("config-save")).click();
    const seatsIssue = page.locator(testId("issue-services.4.booking.windows.mon.0.seats"));
    await seatsIssue.waitFor();
    expect(await seatsIssue.textContent()).toContain("4");
    expect(await seats.getAttribute("aria-invalid")).toBe("true");
    expect(await seats.evaluate((element) => element === document.activeElement)).toBe(true);
    await screenshot(page, "dashboard-setup-booking-seats-over-counters");

    await seats.fill("2");
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("setup with booking", violations)).toBe(0);
    await page.locator(testId("config-save")).click();
    await page.locator(`${testId("config-status")}[data-status="saved"]`).waitFor();
    const saved = await api<{ services: { id: string; mode: string; booking?: unknown }[] }>(
      baseUrl,
      "GET",
      `/offices/${officeId}`,
    );
    const scuola = saved.body.services.find((s) => s.id === "scuola");
    expect(scuola).toMatchObject({
      mode: "mixed",
      booking: {
        windows: { mon: [{ start: "09:00", end: "12:00", seats: 2 }], tue: [] },
        slotMinutes: 15,
        lateArrivals: "clerk",
      },
    });
    await editor.scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-setup-booking-1280");
    expect(errors).toEqual([]);
  });
});
