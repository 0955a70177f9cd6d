/**
 * Debian's Chromium through playwright-core for the browser tests: pages sized
 * like the real screens, waiting for what a page shows, and screenshots.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { CHROMIUM_FLAGS } from "../support/chromium-flags";
import { ROOT } from "./server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
  });
}

/** The screens Turno runs on. */
export const SCREENS = {
  displayLandscape: { viewport: { width: 1920, height: 1080 } },
  displayPortrait: { viewport: { width: 1080, height: 1920 } },
  /** A floor-standing touch kiosk. */
  kiosk: { viewport: { width: 1080, height: 1920 }, hasTouch: true },
  /** A clerk's laptop or tablet. */
  counter: { viewport: { width: 1366, height: 768 } },
  /** A citizen's phone following their ticket. */
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
} satisfies Record<string, BrowserContextOptions>;

export interface OpenedPage {
  page: Page;
  /** Uncaught exceptions thrown by the page: an app should throw none. */
  errors: string[];
}

/** A page in a context of its own (its own storage), in Italian as the office's own screens are. */
export async function openPage(
  browser: Browser,
  url: string,
  screen: BrowserContextOptions,
  options: { initScript?: string; locale?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ locale: options.locale ?? "it-IT", ...screen });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${url}: ${error.message}`));
  // A Content-Security-Policy violation is reported on the console: the apps must cause none.
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) errors.push(`${url}: ${message.text()}`);
  });
  if (options.initScript) await page.addInitScript({ content: options.initScript });
  await page.goto(url);
  return { page, errors };
}

// --- Waiting on pages ---

export const testId = (id: string) => `[data-testid="${id}"]`;

/** Waits until the element's text contains `text`; the error says what the page showed instead. */
export async function waitForText(
  page: Page,
  selector: string,
  text: string,
  timeoutMs = 15_000,
): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, expected]) => (document.querySelector(sel)?.textContent ?? "").includes(expected),
      [selector, text] as const,
      { timeout: timeoutMs, polling: 25 },
    );
  } catch {
    const shown = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 100 })
      .catch(() => "(no such element)");
    throw new Error(
      `${page.url()}: ${selector} should contain "${text}" within ${timeoutMs} ms; it shows "${shown}"`,
    );
  }
}

/** Waits until no element matching `selector` contains `text` (or none exists). */
export async function waitForTextGone(
  page: Page,
  selector: string,
  text: string,
  timeoutMs = 15_000,
): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, unwanted]) =>
        Array.prototype.every.call(
          document.querySelectorAll(sel),
          (el: Element) => !(el.textContent ?? "").includes(unwanted),
        ),
      [selector, text] as const,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    const shown = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 100 })
      .catch(() => "");
    throw new Error(
      `${page.url()}: ${selector} should no longer show "${text}"; it shows "${shown}"`,
    );
  }
}

export async function clickIfVisible(page: Page, selector: string): Promise<boolean> {
  const target = page.locator(selector).first();
  if (!(await target.isVisible())) return false;
  await target.click();
  return true;
}

// --- Screenshots ---

export const SCREENSHOT_DIR = join(ROOT, "test-results", "screenshots");

/** Saves test-results/screenshots/<name>.png (test-results/ is git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let transitions and fonts settle: the picture is of the calm state, not mid-animation.
  await page.waitForTimeout(400);
  await page.screenshot({ path, animations: "disabled" });
  return path;
}
