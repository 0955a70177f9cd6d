import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPage, SCREENS, screenshot } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records every CSP violation the page reports, from before its first script runs. */
const RECORD_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
  });
`;

describe("The API reference page", () => {
  it("/api/docs/ lists every operation of /api/openapi.json, self-hosted under Turno's CSP, with no console error.", async () => {
    const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods));

    const { page, errors } = await openPage(browser, `${baseUrl}/api/docs/`, SCREENS.counter, {
      initScript: RECORD_CSP_VIOLATIONS,
      locale: "en-GB",
    });
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.reload();

    await page.locator(".opblock").first().waitFor();
    expect(await page.locator(".opblock").count()).toBe(operations.length);
    await expect(page.locator(".opblock-summary-path").allTextContents()).resolves.toContain(
      "/api/offices/{office}/tickets",
    );
    expect(await page.locator(".info .title").first().textContent()).toContain("Turno API");
    await screenshot(page, "api-docs");

    expect(
      requests.filter((url) => !url.startsWith(baseUrl)),
      "nothing from another site",
    ).toEqual([]);
    expect(
      await page.evaluate(() => (window as { __cspViolations?: string[] }).__cspViolations),
    ).toEqual([]);
    expect(failed, "every file the page asks for is there").toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});
