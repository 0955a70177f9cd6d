/**
 * A citizen's day at the kiosk and on their phone, with a city office's shape
 * (13 services, one with a 78-character name) at both kiosk sizes (issue 10,
 * points 6, 7, 11 and 13): the priority option is seen before the service that
 * issues the number, the next person does not inherit the previous one's
 * language, and the phone page speaks the language the ticket was taken in.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import { createLargeOffice } from "./large-office";
import { counterAction, createTestOffice } from "./office-api";
import { pairedAppUrl } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;

const KIOSKS: [name: string, screen: BrowserContextOptions][] = [
  ["landscape", { viewport: { width: 1280, height: 800 }, hasTouch: true }],
  ["portrait", SCREENS.kiosk],
];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openKiosk(officeId: string, screen: BrowserContextOptions): Promise<Page> {
  const { page } = await openPage(browser, await pairedAppUrl(baseUrl, officeId, "kiosk"), screen);
  await page.locator(testId("service-urp")).first().waitFor();
  await page.locator(testId("priority-toggle")).waitFor();
  return page;
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** Takes a number at the kiosk for `serviceId` and returns its tracking link. */
async function takeTicket(page: Page, serviceId: string): Promise<string> {
  await page.locator(testId(`service-${serviceId}`)).click();
  const qr = page.locator(testId("ticket-qr"));
  await qr.waitFor();
  const url = await qr.getAttribute("data-tracking-url");
  if (!url) throw new Error("the ticket screen has no tracking link");
  return url;
}

async function tapDone(page: Page): Promise<void> {
  const done = page.locator(testId("ticket-done"));
  await page.waitForFunction(
    (selector) => !(document.querySelector(selector) as HTMLButtonElement | null)?.disabled,
    testId("ticket-done"),
  );
  await done.click();
  await page.locator(testId("priority-toggle")).waitFor();
}

describe("The kiosk with 13 services", () => {
  for (const [name, screen] of KIOSKS) {
    it(`${name}: shows the priority option above the first service, in view before any scroll, as a large target.`, async () => {
      const officeId = await createLargeOffice(baseUrl, `kiosk-${name}`);
      const page = await openKiosk(officeId, screen);
      const viewport = screen.viewport!;
      const toggle = await page.locator(testId("priority-toggle")).boundingBox();
      const first = await page.locator(testId("service-urp")).boundingBox();
      const scrolled = await page.evaluate(() => window.scrollY);
      await screenshot(page, `kiosk-day-${name}-start`);
      expect(scrolled).toBe(0);
      expect(toggle, "the priority toggle is on the page").not.toBeNull();
      expect(first).not.toBeNull();
      expect(toggle!.y).toBeGreaterThanOrEqual(0);
      expect(
        toggle!.y + toggle!.height,
        "the toggle's bottom is in the viewport",
      ).toBeLessThanOrEqual(viewport.height);
      expect(
        toggle!.y + toggle!.height,
        "the toggle comes before the first service",
      ).toBeLessThanOrEqual(first!.y);
      expect(toggle!.height).toBeGreaterThanOrEqual(48);
      expect(toggle!.width).toBeGreaterThanOrEqual(48);
      // Clearly labelled: the button's accessible name says what it is.
      expect(await page.locator(testId("priority-toggle")).textContent()).toContain(
        "Numero con precedenza",
      );
      await page.close();
    });

    it(`${name}: goes back to the office's language as soon as "Done" closes the ticket screen.`, async () => {
      const officeId = await createLargeOffice(baseUrl, `kiosk-lang-${name}`);
      const page = await openKiosk(officeId, screen);
      expect(await htmlLang(page)).toBe("it");
      await page.locator(testId("lang-en")).click();
      await waitForText(page, "#start-title", "Choose a service");
      await takeTicket(page, "tributi");
      await screenshot(page, `kiosk-day-${name}-ticket-en`);
      await tapDone(page);
      // At once, not after the minute of inactivity.
      await waitForText(page, "#start-title", "Scegli il servizio", 3000);
      expect(await htmlLang(page)).toBe("it");
      expect(await page.locator(testId("lang-it")).getAttribute("aria-pressed")).toBe("true");
      await page.close();
    });
  }

  for (const [name, screen] of KIOSKS) {
    it(`${name}, the demo office: says 'by appointment' once on a service whose name already says it.`, async () => {
      const officeId = await createTestOffice(baseUrl, `kiosk-badge-${name}`);
      const page = await openKiosk(officeId, screen);
      await screenshot(page, `kiosk-day-demo-${name}-start`);
      const text = (await page.locator(testId("service-edilizia")).textContent()) ?? "";
      expect(text.toLowerCase().split("appuntamento").length - 1, text).toBe(1);
      const toggle = await page.locator(testId("priority-toggle")).boundingBox();
      const first = await page.locator(testId("service-urp")).boundingBox();
      expect(toggle!.y + toggle!.height).toBeLessThanOrEqual(first!.y);
      await page.close();
    });
  }
});

describe("A ticket taken in English, on the phone", () => {
  it("opens the phone page in English, offers a switch that is remembered, and once called says 'your turn' once with no 'give up'.", async () => {
    const officeId = await createLargeOffice(baseUrl, "phone-lang");
    const kiosk = await openKiosk(officeId, KIOSKS[0]![1]);
    await kiosk.locator(testId("lang-en")).click();
    const trackingUrl = await takeTicket(kiosk, "tributi");
    const path = new URL(trackingUrl).pathname;

    // The phone itself is set to Italian: the ticket's language wins.
    const { page: phone, errors } = await openPage(browser, `${baseUrl}${path}`, SCREENS.phone);
    await phone.locator(testId("ticket-code")).waitFor();
    await waitForText(phone, "#ticket-heading", "Your number");
    expect(await htmlLang(phone)).toBe("en");
    expect(await phone.locator(testId("cancel-ticket")).textContent()).toContain(
      "Give up my place",
    );
    await screenshot(phone, "kiosk-day-phone-en");

    await phone.locator(testId("lang-it")).click();
    await waitForText(phone, "#ticket-heading", "Il tuo numero");
    expect(await phone.locator(testId("lang-it")).getAttribute("aria-pressed")).toBe("true");
    const box = await phone.locator(testId("lang-it")).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await phone.reload();
    await waitForText(phone, "#ticket-heading", "Il tuo numero");
    expect(await htmlLang(phone)).toBe("it");
    await screenshot(phone, "kiosk-day-phone-it");

    // Called: the panel says it once, and giving up the place is no longer offered.
    await counterAction(baseUrl, officeId, "sportello-2", "call-next");
    await waitForText(phone, testId("go-to"), "Sportello 2");
    await phone.locator(testId("cancel-ticket")).waitFor({ state: "detached" });
    const body = (await phone.locator("main").textContent()) ?? "";
    expect(body.split("Tocca a te").length - 1, body).toBe(1);
    await screenshot(phone, "kiosk-day-phone-called");
    expect(errors).toEqual([]);
    await kiosk.close();
  });
});
