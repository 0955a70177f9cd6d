import { describe, expect, it } from "vitest";
import {
  csvPath,
  isValidRange,
  presetOf,
  presetRange,
  rangeFromHash,
  reportPath,
} from "../../dashboard/model/report-range";

const today = "2026-11-23";

describe("The reports' date range", () => {
  it("offers the last 7, 30 and 90 days and this year, each ending today (the office's day).", () => {
    expect(presetRange("7d", today)).toEqual({ from: "2026-11-17", to: today });
    expect(presetRange("30d", today)).toEqual({ from: "2026-10-25", to: today });
    expect(presetRange("90d", today)).toEqual({ from: "2026-08-26", to: today });
    expect(presetRange("year", today)).toEqual({ from: "2026-01-01", to: today });
    expect(presetRange("7d", "2026-03-02")).toEqual({ from: "2026-02-24", to: "2026-03-02" });
  });

  it("recognises a preset range, so its button shows as chosen.", () => {
    expect(presetOf({ from: "2026-10-25", to: today }, today)).toBe("30d");
    expect(presetOf({ from: "2026-10-26", to: today }, today)).toBeNull();
  });

  it("accepts only real dates in order, up to the server's longest range.", () => {
    expect(isValidRange({ from: "2026-01-01", to: "2026-01-01" })).toBe(true);
    expect(isValidRange({ from: "2026-02-01", to: "2026-01-01" })).toBe(false);
    expect(isValidRange({ from: "2026-02-30", to: "2026-03-01" })).toBe(false);
    expect(isValidRange({ from: "", to: today })).toBe(false);
    expect(isValidRange({ from: "2020-01-01", to: today })).toBe(false);
  });

  it("asks for the report and the CSV with the same range, and reads a range back from the address.", () => {
    const range = { from: "2026-10-25", to: today };
    expect(reportPath("scandicci", range)).toBe(
      "/api/offices/scandicci/reports?from=2026-10-25&to=2026-11-23",
    );
    expect(csvPath("scandicci", range)).toBe(
      "/api/offices/scandicci/reports/tickets.csv?from=2026-10-25&to=2026-11-23",
    );
    expect(rangeFromHash("#reports?from=2026-10-25&to=2026-11-23")).toEqual(range);
    expect(rangeFromHash("#reports?from=2026-11-25&to=2026-11-23")).toBeNull();
    expect(rangeFromHash("#reports")).toBeNull();
  });
});
