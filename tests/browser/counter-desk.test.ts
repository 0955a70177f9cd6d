/**
 * The counter console at a clerk's desk (issue 10, points 8, 12 and 19): at
 * 1280×800 and 1366×768, with a city office (13 services, a 78-character
 * name, ten counters) and the demo office, the top bar holds one line with
 * nothing overlapping and nothing cut but the office name's ellipsis; the
 * chooser keeps "Sportello 1" on one line; the transfer dialog's Cancel stays
 * on screen; X (no-show) can be undone before it is sent; axe finds nothing
 * serious.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, screenshot, testId, waitForText } from "./browser";
import { createLargeOffice } from "./large-office";
import {
  api,
  counterAction,
  createTestOffice,
  E2E_PASSWORD,
  getOffice,
  issueTicket,
} from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
];
/** A real person's name, long enough to test the account box. */
const DISPLAY_NAME = "Maria Giovanna Bianchi-Ferraris";

let browser: Browser;
let largeOffice: string;
let demoOffice: string;

async function supervisor(officeId: string): Promise<{ username: string; password: string }> {
  const username = `sup-${Math.random().toString(36).slice(2, 8)}`;
  const answer = await api(baseUrl, "POST", "/setup/accounts", {
    username,
    displayName: DISPLAY_NAME,
    password: E2E_PASSWORD,
    grants: [{ office: officeId, role: "supervisor" }],
  });
  if (answer.status !== 201) throw new Error(`creating ${username}: ${answer.status}`);
  return { username, password: E2E_PASSWORD };
}

async function openDesk(
  officeId: string,
  counterId: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const { page } = await openPage(
    browser,
    `${baseUrl}/counter/?office=${officeId}&counter=${counterId}`,
    { viewport },
  );
  await signInThroughForm(page, await supervisor(officeId));
  await page.locator(testId("current-ticket")).waitFor();
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
  return page;
}

interface BarItem {
  name: string;
  box: { left: number; top: number; right: number; bottom: number };
  lines: number;
  cut: boolean;
}

/** The top bar's visible pieces: where each is, on how many lines its text runs, whether it is cut. */
async function topBarItems(page: Page): Promise<{ items: BarItem[]; viewportWidth: number }> {
  return page.evaluate(() => {
    // Text pieces are measured by their text (the password link's 48 px target overlaps the
    // name's line on purpose); boxes (badges, buttons, the switch) by their border box.
    const pieces: [string, string, "text" | "box"][] = [
      ["brand", ".topbar-brand", "text"],
      ["office", ".topbar-office-name", "box"],
      ["counter", ".topbar-counter-name", "text"],
      ["mode", '[data-testid="counter-mode"]', "box"],
      ["connection", '[data-testid="connection-status"]', "box"],
      ["language", ".language-switch", "box"],
      ["switch", ".topbar-tools > .topbar-button", "box"],
      ["account", '[data-testid="signed-in-name"]', "text"],
      ["role", ".topbar-account-below .topbar-account-role", "text"],
      ["password", '[data-testid="change-password-open"]', "text"],
      ["sign-out", '[data-testid="sign-out"]', "box"],
    ];
    const items = pieces.map(([name, selector, kind]) => {
      const element = document.querySelector<HTMLElement>(selector);
      // The role has its own line only in the new layout; before, it sat inside the name.
      if (!element && name === "role") return null;
      if (!element) throw new Error(`no ${name} (${selector}) in the top bar`);
      const range = document.createRange();
      range.selectNodeContents(element);
      const rect =
        kind === "text" ? range.getBoundingClientRect() : element.getBoundingClientRect();
      // The lines the visible text runs on (a visually hidden legend is not on screen).
      const textRects: DOMRect[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest(".visually-hidden")) continue;
        const part = document.createRange();
        part.selectNodeContents(node);
        textRects.push(...Array.from(part.getClientRects()));
      }
      const tops = new Set(
        textRects
          .filter((r) => r.width > 1 && r.height > 1)
          .map((r) => Math.round(r.top + r.height / 2)),
      );
      // Text rectangles of one line share (nearly) one middle.
      const middles = [...tops].sort((a, b) => a - b);
      let lines = middles.length > 0 ? 1 : 0;
      for (let i = 1; i < middles.length; i++) if (middles[i]! - middles[i - 1]! > 6) lines++;
      return {
        name,
        box: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
        lines,
        cut: element.scrollWidth > element.clientWidth + 1,
      };
    });
    return {
      items: items.filter((item) => item !== null),
      viewportWidth: document.documentElement.clientWidth,
    };
  });
}

function overlaps(a: BarItem["box"], b: BarItem["box"]): boolean {
  return (
    a.left < b.right - 0.5 &&
    b.left < a.right - 0.5 &&
    a.top < b.bottom - 0.5 &&
    b.top < a.bottom - 0.5
  );
}

async function expectTopBarOnOneLine(page: Page, where: string): Promise<void> {
  const { items, viewportWidth } = await topBarItems(page);
  const report = JSON.stringify(items);
  for (const item of items) {
    expect(item.lines, `${where}: ${item.name} runs on ${item.lines} lines: ${report}`).toBe(1);
    expect(item.box.right, `${where}: ${item.name} leaves the screen`).toBeLessThanOrEqual(
      viewportWidth + 0.5,
    );
    // Only the office's name may be cut (with its ellipsis): it matters least at one's own desk.
    if (item.name !== "office") expect(item.cut, `${where}: ${item.name} is cut`).toBe(false);
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      // The brand sits above the office name, the account name above "Change password".
      expect(overlaps(a.box, b.box), `${where}: ${a.name} overlaps ${b.name}: ${report}`).toBe(
        false,
      );
    }
  }
  // One row: the counter's name, its mode, the tools and the account all share a middle line.
  const middle = (name: string) => {
    const box = items.find((item) => item.name === name)!.box;
    return (box.top + box.bottom) / 2;
  };
  for (const name of ["mode", "connection", "language", "switch", "sign-out"]) {
    expect(
      Math.abs(middle(name) - middle("counter")),
      `${where}: ${name} off the row`,
    ).toBeLessThan(12);
  }
  // The bar stays one row high.
  const height = await page.locator(".topbar").evaluate((e) => e.getBoundingClientRect().height);
  expect(height, `${where}: top bar height`).toBeLessThanOrEqual(80);
}

beforeAll(async () => {
  browser = await launchBrowser();
  largeOffice = await createLargeOffice(baseUrl, "desk");
  demoOffice = await createTestOffice(baseUrl, "desk");
  for (const service of ["tributi", "urp", "anagrafe", "tributi", "urp", "elettorale"]) {
    await issueTicket(baseUrl, largeOffice, service);
  }
  for (const service of ["urp", "anagrafe", "pagamenti"]) {
    await issueTicket(baseUrl, demoOffice, service);
  }
});
afterAll(async () => {
  await browser?.close();
});

describe("The counter console at a clerk's desk", () => {
  for (const size of SIZES) {
    const label = `${size.width}x${size.height}`;

    it(`keeps the top bar on one line at ${label}, with a city office and the demo office`, async () => {
      for (const [officeId, shape] of [
        [largeOffice, "large"],
        [demoOffice, "demo"],
      ] as const) {
        const page = await openDesk(officeId, "sportello-2", size);
        await screenshot(page, `counter-desk-${shape}-${label}`);
        await expectTopBarOnOneLine(page, `${shape} office at ${label}`);
        await page.context().close();
      }
    });

    it(`keeps every counter's name on one line in the chooser at ${label}`, async () => {
      const page = await openDesk(largeOffice, "sportello-2", size);
      await page.locator(".topbar-tools > .topbar-button").click();
      await page.locator(testId("choose-sportello-10")).waitFor();
      const lines = await page.locator(".chooser-card-name").evaluateAll((names) =>
        names.map((name) => {
          const height = name.getBoundingClientRect().height;
          const lineHeight = Number.parseFloat(getComputedStyle(name).lineHeight) || 32;
          return { text: name.textContent, lines: Math.round(height / lineHeight) };
        }),
      );
      await screenshot(page, `counter-desk-chooser-${label}`);
      for (const name of lines) expect(name.lines, `${name.text} at ${label}`).toBe(1);
      await page.context().close();
    });

    it(`keeps the transfer dialog's Cancel on screen with 13 services at ${label}`, async () => {
      const counterId = size.width === 1280 ? "sportello-4" : "sportello-5";
      const called = (await counterAction(baseUrl, largeOffice, counterId, "call-next")).counter
        .ticket;
      const page = await openDesk(largeOffice, counterId, size);
      await waitForText(page, testId("current-ticket-code"), called!.code);
      await page.keyboard.press("t");
      const cancel = page.locator(".transfer-cancel");
      await cancel.waitFor();
      await screenshot(page, `counter-desk-transfer-${label}`);
      const box = await cancel.boundingBox();
      expect(box, "Cancel is laid out").not.toBeNull();
      expect(box!.y + box!.height, `Cancel's bottom at ${label}`).toBeLessThanOrEqual(size.height);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      // The last destination can still be reached: the list scrolls inside the dialog.
      const last = page.locator('[data-testid^="transfer-counter-"]').last();
      await last.scrollIntoViewIfNeeded();
      const lastBox = await last.boundingBox();
      expect(lastBox!.y + lastBox!.height).toBeLessThanOrEqual(box!.y + 1);
      await screenshot(page, `counter-desk-transfer-end-${label}`);
      const counterNames = await page
        .locator(".transfer-option-name.is-counter")
        .evaluateAll((names) =>
          names.map((name) => ({
            text: name.textContent,
            lines: Math.round(
              name.getBoundingClientRect().height /
                (Number.parseFloat(getComputedStyle(name).lineHeight) || 20),
            ),
          })),
        );
      for (const name of counterNames) expect(name.lines, `${name.text} in the dialog`).toBe(1);
      await page.keyboard.press("Escape");
      await page.locator(".transfer-cancel").waitFor({ state: "detached" });
      await page.context().close();
    });
  }

  it("undoes a no-show (X) before it is sent: the ticket stays called", async () => {
    const called = (await counterAction(baseUrl, largeOffice, "sportello-6", "call-next")).counter
      .ticket;
    const page = await openDesk(largeOffice, "sportello-6", SIZES[0]!);
    await waitForText(page, testId("current-ticket-code"), called!.code);
    await page.keyboard.press("x");
    const undo = page.locator(testId("no-show-undo"));
    await undo.waitFor();
    await screenshot(page, "counter-desk-no-show-undo-1280x800");
    // Keyboard: the Undo button is reachable and works with Enter as well as a click.
    await undo.focus();
    await page.keyboard.press("Enter");
    await undo.waitFor({ state: "detached" });
    // Past the undo window: nothing was sent, the person is still called here.
    await page.waitForTimeout(8_000);
    const office = await getOffice(baseUrl, largeOffice);
    const counter = office.counters.find((c) => c.id === "sportello-6");
    expect(counter?.ticket?.id).toBe(called!.id);
    expect(counter?.ticket?.status).toBe("called");
    await expect(page.locator(testId("current-ticket")).getAttribute("data-status")).resolves.toBe(
      "called",
    );

    // Without Undo, the no-show is sent once the window ends.
    await page.keyboard.press("x");
    await page.locator(testId("no-show-undo")).waitFor();
    await page.locator('[data-testid="current-ticket"][data-status="none"]').waitFor({
      timeout: 12_000,
    });
    await page.context().close();
  });

  it("says calmly, in Italian, that nobody is waiting, and drops it when someone takes a ticket", async () => {
    const emptyOffice = await createTestOffice(baseUrl, "desk-empty");
    const page = await openDesk(emptyOffice, "sportello-1", SIZES[1]!);
    await page.keyboard.press("n");
    const message = page.locator(testId("counter-message"));
    await message.waitFor();
    await expect(message.getAttribute("data-tone")).resolves.toBe("info");
    await expect(message.getAttribute("role")).resolves.toBe("status");
    const text = await message.innerText();
    expect(text).toContain("Nessuno è in attesa per i tuoi servizi");
    expect(text, "no English server detail under it").not.toMatch(/No one is waiting/);
    await screenshot(page, "counter-desk-queue-empty-1366x768");
    await issueTicket(baseUrl, emptyOffice, "urp");
    await message.waitFor({ state: "detached", timeout: 5_000 });
    await page.context().close();
  });

  it("has no serious or critical accessibility violations with a city office", async () => {
    const page = await openDesk(largeOffice, "sportello-2", SIZES[1]!);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("counter desk", violations)).toBe(0);
    // With the undo bar on screen too.
    const called = (await counterAction(baseUrl, largeOffice, "sportello-2", "call-next")).counter
      .ticket;
    await waitForText(page, testId("current-ticket-code"), called!.code);
    await page.keyboard.press("x");
    await page.locator(testId("no-show-undo")).waitFor();
    const withUndo = await seriousAccessibilityViolations(page);
    expect(withUndo.length, describeViolations("counter desk, undo bar", withUndo)).toBe(0);
    await page.locator(testId("no-show-undo")).click();
    await page.context().close();
  });
});
