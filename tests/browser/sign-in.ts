/**
 * Opening the apps as their users do: kiosks and displays from a pre-paired
 * link (as `npm start` prints them), the counter console through its login
 * screen.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { type OpenedPage, openPage, testId } from "./browser";
import { createStaff, deviceToken } from "./office-api";

/** A kiosk or display URL that pairs the page on first open (`#device=…`). */
export async function pairedAppUrl(
  baseUrl: string,
  officeId: string,
  app: "kiosk" | "display",
): Promise<string> {
  return `${baseUrl}/${app}/?office=${officeId}#device=${await deviceToken(baseUrl, officeId, app)}`;
}

export async function signInThroughForm(
  page: Page,
  staff: { username: string; password: string },
): Promise<void> {
  await page.locator(testId("login-form")).waitFor();
  await page.locator(testId("login-username")).fill(staff.username);
  await page.locator(testId("login-password")).fill(staff.password);
  await page.locator(testId("login-submit")).click();
  await page.locator(testId("signed-in-name")).waitFor();
}

/** The counter console of `counterId`, signed in as a new person with `role` in the office. */
export async function openCounter(
  browser: Browser,
  baseUrl: string,
  officeId: string,
  counterId: string,
  screen: BrowserContextOptions,
  role: "clerk" | "supervisor" | "admin" = "clerk",
): Promise<OpenedPage & { staff: { username: string; password: string } }> {
  const staff = await createStaff(baseUrl, officeId, role);
  const opened = await openPage(
    browser,
    `${baseUrl}/counter/?office=${officeId}&counter=${counterId}`,
    screen,
  );
  await signInThroughForm(opened.page, staff);
  return { ...opened, staff };
}
