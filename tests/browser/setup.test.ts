import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId } from "./browser";
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
});
