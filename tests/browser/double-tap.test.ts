import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, testId } from "./browser";
import { createTestOffice, getOffice } from "./office-api";
import { pairedAppUrl } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;
let kiosk: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "double-tap");
  kiosk = (await openPage(browser, await pairedAppUrl(baseUrl, officeId, "kiosk"), SCREENS.kiosk))
    .page;
});
afterAll(async () => {
  await browser?.close();
});

const SERVICE = "anagrafe";
const button = () => kiosk.locator(testId(`service-${SERVICE}`));

async function waitingCount(): Promise<number> {
  const office = await getOffice(baseUrl, officeId);
  return office.queue.filter((t) => t.serviceId === SERVICE).length;
}

/** Taps `tap` on the start screen, then checks one ticket was issued and the kiosk shows it. */
async function expectOneTicket(tap: () => Promise<void>): Promise<void> {
  await button().waitFor();
  const before = await waitingCount();
  await tap();
  await kiosk.locator(testId("ticket-code")).waitFor();
  // Give a duplicate request time to land before counting.
  await kiosk.waitForTimeout(1500);
  const office = await getOffice(baseUrl, officeId);
  const queued = office.queue.filter((t) => t.serviceId === SERVICE);
  expect(queued.length - before, `tickets issued: ${queued.map((t) => t.code).join(", ")}`).toBe(1);
  expect(office.services.find((s) => s.id === SERVICE)?.waiting).toBe(before + 1);
  const shown = (await kiosk.locator(testId("ticket-code")).textContent())?.trim();
  expect(shown, "the kiosk shows the ticket that was issued").toBe(queued.at(-1)?.code);
  await kiosk.locator(testId("ticket-done")).click();
}

describe("The kiosk and impatient fingers", () => {
  it("A double tap issues one ticket.", async () => {
    await expectOneTicket(() => button().dblclick());
  });

  it("Two rapid taps a few milliseconds apart issue one ticket.", async () => {
    await expectOneTicket(async () => {
      const box = await button().boundingBox();
      if (!box) throw new Error("the service button has no box");
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await kiosk.mouse.click(x, y);
      await kiosk.waitForTimeout(40);
      await kiosk.mouse.click(x, y);
    });
  });

  it("Two clicks in the same instant, before the screen can change, issue one ticket.", async () => {
    await expectOneTicket(() =>
      button().evaluate((element) => {
        (element as HTMLElement).click();
        (element as HTMLElement).click();
      }),
    );
  });
});
