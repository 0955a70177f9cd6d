/**
 * The counter console in Firefox ESR (issue 9): clerks work "on any browser",
 * at least Firefox ESR and the Chromium-based browsers of the last five years.
 * Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core, runs a
 * clerk's real flow against the shared test server: sign in through the form,
 * N / S / C from the keyboard, and the queue changing live as others act.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SCREENSHOT_DIR, testId } from "./browser";
import { counterAction, createStaff, createTestOffice, getOffice, issueTicket } from "./office-api";
import { removeDir, tempDir } from "./server";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
/** "Mozilla Firefox 153.8.0esr", read once for the suite's name (a few ms, no profile touched). */
const FIREFOX_VERSION = existsSync(FIREFOX)
  ? execFileSync(FIREFOX, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim()
  : `no Firefox at ${FIREFOX}`;

/** A clerk's laptop. */
const VIEWPORT = { width: 1280, height: 800 };

/**
 * Nothing but loopback: every HTTP(S) request that is not to 127.0.0.1 or
 * localhost goes to a proxy that is not there (Firefox never proxies
 * loopback), and the services that would phone home are off besides. These
 * add to the test preferences puppeteer writes itself (@puppeteer/browsers).
 */
const OFFLINE_PREFS: Record<string, unknown> = {
  "network.proxy.type": 1,
  "network.proxy.http": "127.0.0.1",
  "network.proxy.http_port": 9,
  "network.proxy.ssl": "127.0.0.1",
  "network.proxy.ssl_port": 9,
  "network.proxy.share_proxy_settings": true,
  "network.proxy.no_proxies_on": "",
  "network.proxy.failover_direct": false,
  "network.trr.mode": 5,
  "network.dns.disablePrefetch": true,
  "network.prefetch-next": false,
  "network.predictor.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "captivedetect.canonicalURL": "",
  "app.update.enabled": false,
  "app.update.auto": false,
  "app.update.service.enabled": false,
  "app.update.staging.enabled": false,
  "app.normandy.enabled": false,
  "app.shield.optoutstudies.enabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.unified": false,
  "toolkit.telemetry.archive.enabled": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.updatePing.enabled": false,
  "toolkit.telemetry.shutdownPingSender.enabled": false,
  "toolkit.telemetry.firstShutdownPing.enabled": false,
  "toolkit.telemetry.newProfilePing.enabled": false,
  "toolkit.telemetry.bhrPing.enabled": false,
  "browser.ping-centre.telemetry": false,
  "browser.newtabpage.activity-stream.feeds.telemetry": false,
  "browser.newtabpage.activity-stream.telemetry": false,
  "browser.newtabpage.activity-stream.feeds.snippets": false,
  "browser.newtabpage.activity-stream.feeds.section.topstories": false,
  "browser.newtabpage.activity-stream.showSponsored": false,
  "browser.newtabpage.activity-stream.showSponsoredTopSites": false,
  "browser.topsites.contile.enabled": false,
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "browser.search.geoip.url": "",
  "browser.safebrowsing.provider.google.updateURL": "",
  "browser.safebrowsing.provider.google4.updateURL": "",
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  "browser.aboutHomeSnippets.updateUrl": "",
  "browser.discovery.enabled": false,
  "extensions.blocklist.enabled": false,
  "extensions.systemAddon.update.enabled": false,
  "extensions.getAddons.showPane": false,
  "media.gmp-gmpopenh264.enabled": false,
  "media.gmp-widevinecdm.enabled": false,
  "geo.provider.network.url": "",
  "identity.fxaccounts.enabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
  "services.sync.engine.prefs": false,
  "datareporting.usage.uploadEnabled": false,
  "security.OCSP.enabled": 0,
  "security.remote_settings.crlite_filters.enabled": false,
  "security.remote_settings.intermediates.enabled": false,
  "privacy.query_stripping.enabled": false,
};

const baseUrl = inject("baseUrl");
let browser: Browser;
let profileDir: string;
let officeId: string;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `No Firefox at ${FIREFOX}: install Debian's (apt-get install firefox-esr, as .ci/run does) or set FIREFOX_PATH.`,
    );
  }
  profileDir = tempDir("firefox-profile");
  browser = await puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    defaultViewport: VIEWPORT,
    extraPrefsFirefox: {
      ...OFFLINE_PREFS,
      // In Italian, as the office's own screens are (the console follows the browser's languages).
      "intl.accept_languages": "it-IT, it",
    },
    env: {
      ...process.env,
      // Firefox's own switch for its test harnesses: necko refuses every non-loopback connection,
      // and Remote Settings honours the dummy server puppeteer sets (a release build ignores it otherwise).
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: "1",
      MOZ_CRASHREPORTER_DISABLE: "1",
    },
    timeout: 30_000,
  });
  officeId = await createTestOffice(baseUrl, "firefox");
});
afterAll(async () => {
  await browser?.close();
  if (profileDir) removeDir(profileDir);
});

describe(`The counter console in ${FIREFOX_VERSION} (WebDriver BiDi)`, () => {
  it("A clerk signs in through the form, calls, starts and completes with N, S, C, and the queue follows the office live.", async () => {
    const version = await browser.version();
    console.info(`counter-firefox: ${FIREFOX_VERSION} (${version})`);
    expect(version.toLowerCase(), "puppeteer drives Firefox").toContain("firefox");

    const first = await issueTicket(baseUrl, officeId, "anagrafe");
    const second = await issueTicket(baseUrl, officeId, "urp");
    const staff = await createStaff(baseUrl, officeId, "clerk");

    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}/counter/?office=${officeId}&counter=sportello-1`);

    // The real login form.
    await page.waitForSelector(testId("login-form"));
    await page.type(testId("login-username"), staff.username);
    await page.type(testId("login-password"), staff.password);
    await page.click(testId("login-submit"));
    await page.waitForSelector(testId("signed-in-name"));
    await waitForAttribute(page, testId("connection-status"), "data-status", "live");

    // Both tickets queued (grouped by service); the older one is marked next.
    await waitForText(page, testId(`queue-ticket-${first.ticket.code}`), first.ticket.code);
    await waitForText(page, testId(`queue-ticket-${second.ticket.code}`), second.ticket.code);
    await waitForAttribute(page, testId("current-ticket"), "data-status", "none");
    expect((await queueCodes(page)).sort()).toEqual([first.ticket.code, second.ticket.code].sort());
    expect(await page.$eval(".queue-row.is-next .queue-row-code", (el) => el.textContent)).toBe(
      first.ticket.code,
    );
    await shoot(page, "counter-firefox-queue");
    await expectNoOverflow(page);

    // Another actor: a kiosk issues a ticket; it appears without a reload.
    const third = await issueTicket(baseUrl, officeId, "stato-civile");
    await waitForText(page, testId(`queue-ticket-${third.ticket.code}`), third.ticket.code);

    // N: call next. The called ticket fills the card and leaves the queue.
    await page.keyboard.press("n");
    await waitForAttribute(page, testId("current-ticket"), "data-status", "called");
    await waitForText(page, testId("current-ticket-code"), first.ticket.code);
    await waitForGone(page, testId(`queue-ticket-${first.ticket.code}`));
    await shoot(page, "counter-firefox-called");
    await expectNoOverflow(page);

    // S: the person arrived; the timer now counts the service.
    await page.keyboard.press("s");
    await waitForAttribute(page, testId("current-ticket"), "data-status", "serving");
    await waitForText(page, testId("current-ticket-code"), first.ticket.code);
    await shoot(page, "counter-firefox-serving");

    // Another actor: Sportello 2 calls the next ticket, which leaves this queue live.
    await counterAction(baseUrl, officeId, "sportello-2", "call-next");
    await waitForGone(page, testId(`queue-ticket-${second.ticket.code}`));
    expect(await queueCodes(page)).toEqual([third.ticket.code]);

    // C: complete. The counter is free and offers the next one.
    await page.keyboard.press("c");
    await waitForAttribute(page, testId("current-ticket"), "data-status", "none");
    await waitForText(page, testId("current-ticket"), third.ticket.code);
    await shoot(page, "counter-firefox-done");

    const office = await getOffice(baseUrl, officeId);
    expect(office.counters.find((c) => c.id === "sportello-1")?.ticket).toBeNull();
    expect(office.counters.find((c) => c.id === "sportello-2")?.ticket?.code).toBe(
      second.ticket.code,
    );
    expect(office.queue.map((t) => t.code)).toEqual([third.ticket.code]);

    expect(errors, "errors in the page").toEqual([]);
  });
});

/** Uncaught exceptions and console errors: the console should cause neither in Firefox. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${String(error)}`));
  page.on("console", (message) => {
    // A Content-Security-Policy violation is reported on the console too: the console must cause none.
    if (message.type() === "error" || /Content.Security.Policy/i.test(message.text())) {
      errors.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  return errors;
}

/** The codes in the queue panel, top to bottom. */
function queueCodes(page: Page): Promise<string[]> {
  return page.$$eval(".queue-row-code", (codes) => codes.map((c) => c.textContent?.trim() ?? ""));
}

async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      (sel: string, expected: string) =>
        (document.querySelector(sel)?.textContent ?? "").includes(expected),
      { timeout: 10_000, polling: 50 },
      selector,
      text,
    );
  } catch {
    const shown = await page
      .$eval(selector, (el) => el.textContent)
      .catch(() => "(no such element)");
    throw new Error(`${selector} should contain "${text}"; it shows "${shown}"`);
  }
}

async function waitForAttribute(
  page: Page,
  selector: string,
  name: string,
  value: string,
): Promise<void> {
  try {
    await page.waitForFunction(
      (sel: string, attribute: string, expected: string) =>
        document.querySelector(sel)?.getAttribute(attribute) === expected,
      { timeout: 10_000, polling: 50 },
      selector,
      name,
      value,
    );
  } catch {
    const shown = await page
      .$eval(selector, (el, attribute) => el.getAttribute(attribute), name)
      .catch(() => "(no such element)");
    throw new Error(`${selector} should have ${name}="${value}"; it has "${shown}"`);
  }
}

async function waitForGone(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel: string) => document.querySelector(sel) === null,
    {
      timeout: 10_000,
      polling: 50,
    },
    selector,
  );
}

/** Firefox lays out some things differently from Chromium: nothing may stick out sideways. */
async function expectNoOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wide: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("#app *"))) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > root.clientWidth + 1 || box.left < -1)) {
        wide.push(
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.left)}–${Math.round(box.right)}`,
        );
      }
      // Text cut off inside its own box (a label wider than its button), unless cut by design
      // (an ellipsis) or hidden for screen readers.
      const style = getComputedStyle(el);
      if (
        el.scrollWidth > el.clientWidth + 1 &&
        style.overflowX !== "visible" &&
        style.textOverflow !== "ellipsis" &&
        !el.classList.contains("visually-hidden")
      ) {
        wide.push(
          `${el.tagName.toLowerCase()}.${el.className} clips ${el.scrollWidth} > ${el.clientWidth}`,
        );
      }
    }
    return { pageWidth: root.scrollWidth, viewport: root.clientWidth, wide };
  });
  expect(overflow.pageWidth, "no horizontal scroll").toBeLessThanOrEqual(overflow.viewport);
  expect(overflow.wide, "elements outside the viewport or clipped").toEqual([]);
}

/** test-results/screenshots/<name>.png at 1280×800, once fonts have settled. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) as `${string}.png` });
}
