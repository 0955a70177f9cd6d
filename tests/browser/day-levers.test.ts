import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import { api, createTestOffice } from "./office-api";
import { pairedAppUrl } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "levers");
});
afterAll(async () => {
  await browser?.close();
});

describe("A supervisor's levers reach the waiting room live", () => {
  it("A notice appears on the display and a service whose tickets are finished for today is marked on the display and disabled on the kiosk, without a reload.", async () => {
    const display = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "display"),
      SCREENS.displayLandscape,
    );
    await display.page.locator(testId("service-queues")).waitFor();
    const kiosk = await openPage(
      browser,
      await pairedAppUrl(baseUrl, officeId, "kiosk"),
      SCREENS.kiosk,
    );
    await kiosk.page.locator(testId("service-anagrafe")).waitFor();

    const notice = "Oggi lo sportello 3 chiude alle 12:00";
    expect(
      (await api(baseUrl, "PUT", `/offices/${officeId}/notice`, { text: notice })).status,
    ).toBe(200);
    expect(
      (await api(baseUrl, "PUT", `/offices/${officeId}/services/anagrafe/today`, { open: false }))
        .status,
    ).toBe(200);

    await waitForText(display.page, testId("notice"), notice);
    await display.page.locator(testId("service-anagrafe-finished")).waitFor();
    await kiosk.page.locator(testId("service-anagrafe-finished")).waitFor();
    expect(await kiosk.page.locator(testId("service-anagrafe")).isDisabled()).toBe(true);
    await screenshot(display.page, "display-notice-finished");
    await screenshot(kiosk.page, "kiosk-finished-today");

    await api(baseUrl, "PUT", `/offices/${officeId}/notice`, { text: null });
    await api(baseUrl, "PUT", `/offices/${officeId}/services/anagrafe/today`, { open: true });
    await display.page.locator(testId("notice")).waitFor({ state: "detached" });
    await kiosk.page.locator(testId("service-anagrafe-finished")).waitFor({ state: "detached" });
    expect(await kiosk.page.locator(testId("service-anagrafe")).isDisabled()).toBe(false);
    expect([...display.errors, ...kiosk.errors]).toEqual([]);
  });
});
