import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, screenshot, testId } from "./browser";
import { api, createStaff, createTestOffice } from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "sign-in");
});
afterAll(async () => {
  await browser?.close();
});

describe("Signing in and pairing, in the browser", () => {
  it("The counter console asks for a login: a wrong password is explained, the right one opens the console, signing out returns to the login.", async () => {
    const staff = await createStaff(baseUrl, officeId, "clerk");
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/counter/?office=${officeId}&counter=sportello-1`,
      SCREENS.counter,
    );
    await page.locator(testId("login-form")).waitFor();
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("login screen", violations)).toBe(0);
    await screenshot(page, "counter-login");

    await page.locator(testId("login-username")).fill(staff.username);
    await page.locator(testId("login-password")).fill("not the password at all");
    await page.locator(testId("login-submit")).click();
    await page.locator(`${testId("login-error")}[data-code="invalid_credentials"]`).waitFor();
    await screenshot(page, "counter-login-error");

    await signInThroughForm(page, staff);
    await page.locator(testId("call-next")).waitFor();
    // The cookie is HttpOnly: the page's own script cannot read the session.
    expect(await page.evaluate(() => document.cookie)).not.toContain("turno_session");

    const loggedOut = page.waitForResponse((r) => r.url().endsWith("/api/auth/logout"));
    await page.locator(testId("sign-out")).click();
    expect((await loggedOut).status()).toBe(204);
    await page.locator(testId("login-form")).waitFor();
    const me = await page.evaluate(async () => (await fetch("/api/auth/me")).status);
    expect(me, "signed out on the server too").toBe(401);
    expect(errors).toEqual([]);
  });

  it("A kiosk without a device pairs by typing the code a supervisor created, then shows the services.", async () => {
    const code = await api<{ code: string }>(
      baseUrl,
      "POST",
      `/offices/${officeId}/pairing-codes`,
      {
        role: "kiosk",
        name: "Kiosk at the entrance",
      },
    );
    expect(code.status).toBe(201);
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/kiosk/?office=${officeId}`,
      SCREENS.kiosk,
    );
    await page.locator(testId("pairing-screen")).waitFor();
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("kiosk pairing screen", violations)).toBe(0);
    await screenshot(page, "kiosk-pairing");

    await page.locator(testId("pairing-code")).fill(code.body.code.replace("-", "").toLowerCase());
    await page.locator(testId("pairing-submit")).click();
    await page.locator(testId("service-anagrafe")).waitFor();
    expect(errors).toEqual([]);
  });

  it("A display opened from its pre-paired link takes the device and removes the token from the address bar.", async () => {
    const token = await api<{ token: string }>(baseUrl, "POST", "/setup/devices", {
      office: officeId,
      role: "display",
      name: "Waiting room TV",
    });
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/display/?office=${officeId}#device=${token.body.token}`,
      SCREENS.displayLandscape,
    );
    await page.locator(testId("service-queues")).waitFor();
    expect(page.url()).not.toContain("device=");
    expect(errors).toEqual([]);
  });
});
