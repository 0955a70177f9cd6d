/**
 * Feedback after service on the citizen's phone (issue 15, point 4): once the
 * clerk completes the ticket, the page asks "How satisfied are you?" with five
 * large radio buttons a keyboard and a screen reader can use, then the reasons
 * that fit the score, a comment, and thanks; the answer counts once.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousAccessibilityViolations } from "./accessibility";
import { launchBrowser, openPage, SCREENS, screenshot, testId, waitForText } from "./browser";
import {
  api,
  counterAction,
  createStaff,
  createTestOffice,
  getOffice,
  issueTicket,
} from "./office-api";
import { signInThroughForm } from "./sign-in";

const baseUrl = inject("baseUrl");
let browser: Browser;
let officeId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  officeId = await createTestOffice(baseUrl, "feedback");
});
afterAll(async () => {
  await browser?.close();
});

describe("Feedback after service on a phone", () => {
  it("A served ticket's page asks for a score 1–5 (48 px targets, arrow keys, no axe violations), then reasons for that score and a comment, thanks once sent, and does not ask again.", async () => {
    const issued = await issueTicket(baseUrl, officeId, "anagrafe");
    const url = new URL(issued.trackingUrl, baseUrl).href;
    const { page, errors } = await openPage(browser, url, SCREENS.phone);
    await waitForText(page, testId("ticket-code"), issued.ticket.code);
    expect(await page.locator(testId("feedback")).count()).toBe(0);

    await counterAction(baseUrl, officeId, "sportello-1", "call", { ticketId: issued.ticket.id });
    await counterAction(baseUrl, officeId, "sportello-1", "start");
    await counterAction(baseUrl, officeId, "sportello-1", "complete");
    await waitForText(page, ".feedback__question", "Quanto sei soddisfatto del servizio?");

    // Five radios in one group, each named with its meaning, each face at least 48 × 48 px.
    const radios = page.getByRole("radio");
    expect(await radios.count()).toBe(5);
    expect(await page.getByRole("radio", { name: "1, per niente soddisfatto" }).count()).toBe(1);
    for (const box of await page
      .locator(".feedback__digit")
      .evaluateAll((faces) =>
        faces.map((face) => face.getBoundingClientRect()).map((r) => [r.width, r.height]),
      )) {
      expect(box[0]).toBeGreaterThanOrEqual(48);
      expect(box[1]).toBeGreaterThanOrEqual(48);
    }
    let violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("feedback question", violations)).toBe(0);
    await screenshot(page, "ticket-feedback-question");

    // The keyboard: focus the first, arrow right twice picks 3; the low reasons appear.
    await page.focus(testId("feedback-score-1"));
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await page.isChecked(testId("feedback-score-3"))).toBe(true);
    await waitForText(page, ".feedback__subquestion", "Che cosa non è andato?");
    expect(await page.locator(testId("feedback-reason-waiting-time")).count()).toBe(1);
    expect(await page.locator(testId("feedback-reason-short-wait")).count()).toBe(0);

    // A 5 offers what went well instead.
    await page.click(`label:has(${testId("feedback-score-5")})`);
    await page.click(`label:has(${testId("feedback-reason-short-wait")})`);
    await page.click(`label:has(${testId("feedback-reason-courtesy")})`);
    await page.fill(testId("feedback-comment"), "Molto gentili allo sportello");
    violations = await seriousAccessibilityViolations(page);
    expect(violations.length, describeViolations("feedback details", violations)).toBe(0);
    await screenshot(page, "ticket-feedback-details");

    await page.click(testId("feedback-send"));
    await waitForText(page, testId("feedback-thanks"), "Grazie per la tua opinione!");
    await screenshot(page, "ticket-feedback-thanks");

    // Once: the link refuses a second answer, and the page opened again does not ask.
    const again = await fetch(
      `${baseUrl}/api/offices/${officeId}/tickets/${issued.token}/feedback`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ score: 1 }),
      },
    );
    expect(again.status).toBe(409);
    await page.reload();
    await waitForText(page, testId("ticket-code"), issued.ticket.code);
    await page.waitForTimeout(500);
    expect(await page.locator(testId("feedback")).count()).toBe(0);

    // The office's figures count it, without the ticket.
    const { day } = await getOffice(baseUrl, officeId);
    const report = await api<{ overall: { count: number; satisfaction: number } }>(
      baseUrl,
      "GET",
      `/offices/${officeId}/reports/feedback?from=${day}&to=${day}`,
    );
    expect(report.body.overall).toMatchObject({ count: 1, satisfaction: 1 });
    expect(errors).toEqual([]);
  });

  it("The dashboard's Reports show the feedback section to a supervisor: satisfaction, answers and the CSV link.", async () => {
    const supervisor = await createStaff(baseUrl, officeId, "supervisor");
    const { page, errors } = await openPage(
      browser,
      `${baseUrl}/dashboard/?office=${officeId}#reports`,
      { viewport: { width: 1366, height: 900 } },
    );
    await signInThroughForm(page, supervisor);
    await page.locator(testId("tab-reports")).click();
    await page.locator(testId("report-preset-30d")).click();
    await waitForText(page, testId("feedback-satisfaction"), "100");
    const csv = await page.locator(testId("feedback-csv")).getAttribute("href");
    expect(csv).toContain("/reports/feedback.csv?from=");
    const download = await page.evaluate(async (href) => {
      const response = await fetch(href!);
      return { status: response.status, text: await response.text() };
    }, csv);
    expect(download.status).toBe(200);
    expect(download.text).toContain("Molto gentili allo sportello");
    await page.locator(testId("report-feedback")).scrollIntoViewIfNeeded();
    await screenshot(page, "dashboard-feedback");
    expect(errors).toEqual([]);
  });
});
