import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateHistory, openDays } from "../../scripts/demo-history/generate";
import { demoOfficeConfig } from "../../shared/demo-office";
import { localDay } from "../../shared/engine/clock";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, testId, waitForText } from "./browser";
import { createLargeOffice, largeOfficeConfig } from "./large-office";
import { api, counterAction, createStaff, createTestOffice, issueTicket } from "./office-api";
import { openCounter, pairedAppUrl, signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;
/** A city office's shape (13 services, one with a 78-character name): issue 10. */
let largeOfficeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "a11y");
  largeOfficeId = await createLargeOffice(baseUrl, "a11y-large");
  // Twenty past days (at the demo office's hours) so the reports show their tables and charts full.
  const shape = { ...largeOfficeConfig(), openingHours: demoOfficeConfig.openingHours };
  const days = openDays(shape, localDay(Date.now(), shape.timeZone), 20);
  const imported = await api(baseUrl, "POST", `/setup/offices/${largeOfficeId}/history`, {
    tickets: generateHistory(shape, days),
  });
  if (imported.status !== 200) throw new Error(`history: ${imported.status}`);
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

const DASHBOARD_SCREEN = { viewport: { width: 1440, height: 900 } };

/** Both offices the screens must hold: the demo's seven services and a city's thirteen. */
const OFFICES = [
  ["the demo office", () => officeId],
  ["an office with 13 services", () => largeOfficeId],
] as const;

describe("Accessibility of the display, the sign-in and pairing screens and the dashboard (issue 10, point 19)", () => {
  for (const [shape, office] of OFFICES) {
    it(`The waiting-room display with a ticket called is accessible at 1920×1080, 1366×768 and in portrait (${shape}).`, async () => {
      const id = office();
      // The 78-character service in the city office, called at a desk that serves it.
      const [serviceId, counterId] =
        id === officeId ? ["anagrafe", "sportello-1"] : ["tributi", "sportello-2"];
      await issueTicket(baseUrl, id, serviceId);
      await issueTicket(baseUrl, id, serviceId);
      await counterAction(baseUrl, id, counterId, "call-next");
      for (const screen of [
        SCREENS.displayLandscape,
        { viewport: { width: 1366, height: 768 } },
        SCREENS.displayPortrait,
      ]) {
        const { page } = await openPage(
          browser,
          await pairedAppUrl(baseUrl, id, "display"),
          screen,
        );
        await page.locator(testId("service-queues")).waitFor();
        await page.locator(testId("latest-call-code")).waitFor();
        await expectNoSeriousViolations(
          page,
          `display ${screen.viewport.width}×${screen.viewport.height} (${shape})`,
        );
        await page.context().close();
      }
    });

    it(`The dashboard's live, reports and setup tabs are accessible (${shape}).`, async () => {
      const id = office();
      const admin = await createStaff(baseUrl, id, "admin");
      const { page } = await openPage(
        browser,
        `${baseUrl}/dashboard/?office=${id}`,
        DASHBOARD_SCREEN,
      );
      await signInThroughForm(page, admin);
      await page.locator(testId("live-view")).waitFor();
      await page
        .locator(`${testId("counters-table")}, ${testId("services-table")}`)
        .first()
        .waitFor();
      await expectNoSeriousViolations(page, `dashboard live (${shape})`);

      await page.locator(testId("tab-reports")).click();
      await page.locator(testId("reports-view")).waitFor();
      await page.locator(testId("report-preset-30d")).click();
      // The city office has twenty days of history: its report has every table and chart.
      if (id === largeOfficeId) await page.locator(testId("heatmap-canvas")).waitFor();
      else
        await page
          .locator(`${testId("report")}, ${testId("report-empty")}`)
          .first()
          .waitFor();
      await expectNoSeriousViolations(page, `dashboard reports (${shape})`);

      await page.locator(testId("tab-setup")).click();
      await page.locator(testId("config-form")).waitFor();
      await page.locator(testId("setup-devices")).waitFor();
      await expectNoSeriousViolations(page, `dashboard setup (${shape})`);
      await page.context().close();
    });
  }

  it("The sign-in screens of the counter console and the dashboard are accessible.", async () => {
    for (const app of ["counter", "dashboard"]) {
      const { page } = await openPage(
        browser,
        `${baseUrl}/${app}/?office=${officeId}`,
        SCREENS.counter,
      );
      await page.locator(testId("login-form")).waitFor();
      await expectNoSeriousViolations(page, `${app} sign-in screen`);
      await page.context().close();
    }
  });

  it("The pairing screens of a kiosk and a display without a device are accessible, also after a wrong code.", async () => {
    for (const [app, screen] of [
      ["kiosk", SCREENS.kiosk],
      ["display", SCREENS.displayLandscape],
    ] as const) {
      const { page } = await openPage(browser, `${baseUrl}/${app}/?office=${officeId}`, screen);
      await page.locator(testId("pairing-screen")).waitFor();
      await expectNoSeriousViolations(page, `${app} pairing screen`);
      await page.locator(testId("pairing-code")).fill("ABCD-2345");
      await page.locator(testId("pairing-submit")).click();
      await page.locator(testId("pairing-error")).waitFor();
      await expectNoSeriousViolations(page, `${app} pairing screen with an error`);
      await page.context().close();
    }
  });
});
