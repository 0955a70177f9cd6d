import { describe, expect, it } from "vitest";
import { FeedbackBody, reasonsFor } from "../../shared/protocol/feedback";
import {
  CSV_FORMATS,
  computeFeedbackReport,
  FeedbackReport,
  type FeedbackRow,
  feedbackCsvLines,
} from "../../shared/reports";

/** 2026-03-02 is a Monday, 2026-03-07 a Saturday. */
const row = (patch: Partial<FeedbackRow>): FeedbackRow => ({
  day: "2026-03-02",
  hour: 10,
  serviceId: "anagrafe",
  counterId: "sportello-1",
  waitSeconds: 4 * 60,
  score: 5,
  reasons: [],
  comment: null,
  ...patch,
});

const ROWS: FeedbackRow[] = [
  row({ score: 5, reasons: ["short-wait", "courtesy"], comment: "Ottimo" }),
  row({ score: 4, waitSeconds: 12 * 60, hour: 11 }),
  row({ score: 2, waitSeconds: 40 * 60, reasons: ["waiting-time"], counterId: "sportello-2" }),
  row({ score: 1, day: "2026-03-07", serviceId: "tributi", waitSeconds: 75 * 60, hour: 9 }),
  row({ score: 3, serviceId: "tributi", waitSeconds: null, counterId: null }),
];

const RANGE = { from: "2026-03-01", to: "2026-03-31" };

describe("Feedback figures", () => {
  it("Satisfaction is the share of 4 and 5; the response rate is answers per served ticket, by service too.", () => {
    const report = computeFeedbackReport(
      RANGE,
      ROWS,
      { anagrafe: 10, tributi: 4, stato: 2 },
      { counters: true },
    );
    expect(FeedbackReport.safeParse(report).success).toBe(true);
    expect(report.overall).toEqual({ count: 5, satisfaction: 2 / 5, meanScore: 3 });
    expect(report.served).toBe(16);
    expect(report.responseRate).toBe(5 / 16);
    expect(report.scores).toEqual([1, 1, 1, 1, 1]);
    expect(report.comments).toBe(1);
    expect(report.byService).toEqual([
      {
        serviceId: "anagrafe",
        count: 3,
        satisfaction: 2 / 3,
        meanScore: 11 / 3,
        served: 10,
        responseRate: 0.3,
      },
      {
        serviceId: "stato",
        count: 0,
        satisfaction: null,
        meanScore: null,
        served: 2,
        responseRate: 0,
      },
      {
        serviceId: "tributi",
        count: 2,
        satisfaction: 0,
        meanScore: 2,
        served: 4,
        responseRate: 0.5,
      },
    ]);
  });

  it("By weekday (Monday first), by local hour, and against the wait in buckets of minutes; a wait not known is left out.", () => {
    const report = computeFeedbackReport(RANGE, ROWS, {}, { counters: false });
    expect(report.byWeekday.map((d) => d.count)).toEqual([4, 0, 0, 0, 0, 1, 0]);
    expect(report.byWeekday[5]).toEqual({ count: 1, satisfaction: 0, meanScore: 1 });
    expect(report.byHour[10]).toEqual({ count: 3, satisfaction: 1 / 3, meanScore: 10 / 3 });
    expect(report.byHour[9]?.count).toBe(1);
    expect(report.byWait.map((b) => [b.fromMinutes, b.toMinutes, b.count, b.satisfaction])).toEqual(
      [
        [0, 5, 1, 1],
        [5, 15, 1, 1],
        [15, 30, 0, null],
        [30, 60, 1, 0],
        [60, null, 1, 0],
      ],
    );
    expect(report.responseRate).toBeNull();
  });

  it("Reasons are counted apart for low and high scores; counters only when per-clerk figures are on.", () => {
    const on = computeFeedbackReport(RANGE, ROWS, {}, { counters: true });
    const reasons = Object.fromEntries(on.reasons.map((r) => [r.reason, [r.low, r.high]]));
    expect(reasons.courtesy).toEqual([0, 1]);
    expect(reasons["short-wait"]).toEqual([0, 1]);
    expect(reasons["waiting-time"]).toEqual([1, 0]);
    expect(on.byCounter.map((c) => [c.counterId, c.count])).toEqual([
      ["sportello-1", 3],
      ["sportello-2", 1],
    ]);
    expect(computeFeedbackReport(RANGE, ROWS, {}, { counters: false }).byCounter).toEqual([]);
  });

  it("No answers: every share is null, never 0.", () => {
    const report = computeFeedbackReport(RANGE, [], { anagrafe: 3 }, { counters: true });
    expect(report.overall).toEqual({ count: 0, satisfaction: null, meanScore: null });
    expect(report.responseRate).toBe(0);
    expect(report.byHour.every((h) => h.satisfaction === null)).toBe(true);
  });
});

describe("feedback.csv", () => {
  it("One answer a line; the counter column only with per-clerk figures, the comment only when asked, defused for spreadsheets.", () => {
    const rows = [row({ comment: "=HYPERLINK(1)", reasons: ["short-wait", "courtesy"] })];
    expect(
      feedbackCsvLines(rows, CSV_FORMATS.standard, { counters: true, comments: true }),
    ).toEqual([
      "day,hour,service,counter,wait_minutes,score,reasons,comment\r\n",
      "2026-03-02,10,anagrafe,sportello-1,4,5,short-wait courtesy,'=HYPERLINK(1)\r\n",
    ]);
    expect(
      feedbackCsvLines(rows, CSV_FORMATS["excel-it"], { counters: false, comments: false }),
    ).toEqual([
      "day;hour;service;wait_minutes;score;reasons\r\n",
      "2026-03-02;10;anagrafe;4;5;short-wait courtesy\r\n",
    ]);
  });
});

describe("The feedback body", () => {
  it("Takes a whole score 1–5 with reasons that fit it, each once, and a comment up to 500 characters.", () => {
    expect(FeedbackBody.safeParse({ score: 3 }).data).toEqual({ score: 3, reasons: [] });
    expect(FeedbackBody.safeParse({ score: 1, reasons: reasonsFor(1) }).success).toBe(true);
    expect(FeedbackBody.safeParse({ score: 5, reasons: reasonsFor(5) }).success).toBe(true);
    expect(FeedbackBody.safeParse({ score: 5, reasons: ["unfinished"] }).success).toBe(false);
    expect(FeedbackBody.safeParse({ score: 2, reasons: ["finished"] }).success).toBe(false);
    expect(FeedbackBody.safeParse({ score: 4, comment: "x".repeat(500) }).success).toBe(true);
    expect(FeedbackBody.safeParse({ score: 4, comment: "x".repeat(501) }).success).toBe(false);
    expect(FeedbackBody.safeParse({ score: 4.5 }).success).toBe(false);
  });
});
