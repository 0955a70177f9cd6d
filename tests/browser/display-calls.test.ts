/**
 * "Now calling" on the real screen (issue 10): a no-show leaves it at once, live,
 * for the recent calls, instead of staying large until the next call.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, testId, waitForText } from "./browser";
import { counterAction, createTestOffice, issueTicket } from "./office-api";
import { pairedAppUrl } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "display-calls");
});
afterAll(async () => {
  await browser?.close();
});

describe("What the display shows as 'Now calling'", () => {
  it("A no-show leaves 'Now calling' at once and is listed among the recent calls.", async () => {
    const { page, errors } = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "display"),
      SCREENS.displayLandscape,
    );
    await page.locator(testId("service-queues")).waitFor();
    const { ticket } = await issueTicket(baseUrl, officeId, "urp");
    await counterAction(baseUrl, officeId, "sportello-1", "call-next");
    await waitForText(page, testId("latest-call-code"), ticket.code);
    await counterAction(baseUrl, officeId, "sportello-1", "no-show");
    await page.locator(testId("latest-call-code")).waitFor({ state: "detached" });
    await waitForText(page, testId("recent-calls"), ticket.code);
    expect(await page.locator(`${testId("latest-call")}.is-empty`).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
