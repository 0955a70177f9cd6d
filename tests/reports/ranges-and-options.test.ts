import { describe, expect, it } from "vitest";
import {
  computeOfficeReport,
  MAX_REPORT_DAYS,
  OfficeReport,
  ReportOptions,
} from "../../shared/reports";
import { KNOWN_HISTORY, OUTSIDE_RANGE, TIME_ZONE } from "./known-history";

const options = (from: string, to: string) => ({
  timeZone: TIME_ZONE,
  targetWaitMinutes: 20,
  from,
  to,
});

describe("Report ranges and options", () => {
  it("reports a range with no tickets as zeros and nulls, never as made-up averages.", () => {
    const report = computeOfficeReport(KNOWN_HISTORY, options("2025-04-01", "2025-04-07"));
    expect(report.totals).toEqual({ tickets: 0, served: 0, daysWithTickets: 0, daysInRange: 7 });
    expect(report.arrivals.total.flat().every((n) => n === 0)).toBe(true);
    expect(report.arrivals.peak).toBeNull();
    expect(report.ticketsPerDay).toEqual({
      days: [
        "2025-04-01",
        "2025-04-02",
        "2025-04-03",
        "2025-04-04",
        "2025-04-05",
        "2025-04-06",
        "2025-04-07",
      ],
      services: [],
    });
    expect(report.times.overall.wait).toEqual({
      count: 0,
      meanSeconds: null,
      medianSeconds: null,
      p90Seconds: null,
      minSeconds: null,
      maxSeconds: null,
    });
    expect(report.times.byService).toEqual([]);
    expect(report.withinTarget.overall).toEqual({ called: 0, withinTarget: 0, share: null });
    expect(report.outcomes.overall.tickets).toBe(0);
    expect(report.staffing.cells.every((cell) => cell.desks === 0)).toBe(true);
  });

  it("includes both ends of the range and nothing beyond them.", () => {
    const all = [...KNOWN_HISTORY, ...OUTSIDE_RANGE];
    // OUTSIDE_RANGE holds one ticket on 2 March and one on 17 March.
    expect(computeOfficeReport(all, options("2025-03-02", "2025-03-02")).totals.tickets).toBe(1);
    expect(computeOfficeReport(all, options("2025-03-02", "2025-03-17")).totals.tickets).toBe(14);
    expect(computeOfficeReport(all, options("2025-03-04", "2025-03-10")).totals.tickets).toBe(5); // 2 on the 4th, 3 on the 10th
  });

  it("divides the heatmap by how often each weekday occurs in an uneven range.", () => {
    // Wednesday 5 – Monday 17 March: Tuesday once (the 11th), every other weekday twice.
    const report = computeOfficeReport(KNOWN_HISTORY, options("2025-03-05", "2025-03-17"));
    expect(report.arrivals.occurrences).toEqual([2, 1, 2, 2, 2, 2, 2]);
    // Mondays at 10 in range: only 10 March (A005, T003, A006) → 3 / 2 Mondays.
    expect(report.arrivals.mean[0]![10]).toBe(1.5);
  });

  it("produces a report that passes its own wire schema.", () => {
    const report = computeOfficeReport(KNOWN_HISTORY, options("2025-03-03", "2025-03-16"));
    expect(OfficeReport.safeParse(report).success).toBe(true);
  });

  it("refuses a range that ends before it starts, runs over the limit, or names a day that does not exist.", () => {
    expect(ReportOptions.safeParse(options("2025-03-10", "2025-03-09")).success).toBe(false);
    expect(ReportOptions.safeParse(options("2025-02-29", "2025-03-09")).success).toBe(false);
    expect(ReportOptions.safeParse(options("0001-01-01", "9999-12-31")).success).toBe(false);
    expect(ReportOptions.safeParse(options("2024-01-01", "2024-12-31")).success).toBe(true);
    expect(MAX_REPORT_DAYS).toBeGreaterThanOrEqual(3 * 365);
    expect(
      ReportOptions.safeParse({ ...options("2025-03-01", "2025-03-09"), timeZone: "Mars/Olympus" })
        .success,
    ).toBe(false);
    expect(() => computeOfficeReport([], options("2025-03-10", "2025-03-09"))).toThrow();
  });
});
