import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, testId, waitForText } from "./browser";
import { counterAction, createTestOffice, issueTicket } from "./office-api";
import { openCounter, pairedAppUrl } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "a11y");
});
afterAll(async () => {
  await browser?.close();
});

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  // The message lists each violation with where it is and how to fix it.
  expect(violations.length, describeViolations(where, violations)).toBe(0);
}

describe("Accessibility (axe-core: no serious or critical violations)", () => {
  it("The kiosk's start screen is accessible.", async () => {
    const { page } = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    await page.locator(testId("service-anagrafe")).waitFor();
    await expectNoSeriousViolations(page, "kiosk start screen");
  });

  it("The kiosk's ticket screen is accessible.", async () => {
    const { page } = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    await page.locator(testId("service-urp")).click();
    await page.locator(testId("ticket-qr")).waitFor();
    await expectNoSeriousViolations(page, "kiosk ticket screen");
  });

  it("The counter console with a called ticket is accessible.", async () => {
    await issueTicket(baseUrl, officeId, "pagamenti");
    // It calls the oldest ticket it serves: maybe the kiosk test's, maybe this one.
    const called = (await counterAction(baseUrl, officeId, "sportello-4", "call-next")).counter
      .ticket;
    const { page } = await openCounter(browser, baseUrl, officeId, "sportello-4", SCREENS.counter);
    await waitForText(page, testId("current-ticket-code"), called!.code);
    await expectNoSeriousViolations(page, "counter console");
  });

  it("The ticket page on a phone is accessible.", async () => {
    const issued = await issueTicket(baseUrl, officeId, "scuola");
    const { page } = await openPage(
      browser,
      new URL(issued.trackingUrl, baseUrl).href,
      SCREENS.phone,
    );
    await waitForText(page, testId("ticket-code"), issued.ticket.code);
    await page.locator(testId("people-ahead")).waitFor();
    await expectNoSeriousViolations(page, "ticket page");
  });
});
