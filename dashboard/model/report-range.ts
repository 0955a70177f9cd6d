import { dayNumberOf, isoDateOf, isRealDate } from "../../shared/reports/calendar";
import { MAX_REPORT_DAYS } from "../../shared/reports/report-options";

/** A report's range of office-local days, both included. */
export interface DateRange {
  from: string;
  to: string;
}

export const RANGE_PRESETS = ["7d", "30d", "90d", "year"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The preset's range ending today (the office's local day): last 7, 30, 90 days, or this year. */
export function presetRange(preset: RangePreset, today: string): DateRange {
  const end = dayNumberOf(today);
  switch (preset) {
    case "7d":
      return { from: isoDateOf(end - 6), to: today };
    case "30d":
      return { from: isoDateOf(end - 29), to: today };
    case "90d":
      return { from: isoDateOf(end - 89), to: today };
    case "year":
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** Which preset a range is, if any (the matching button shows as chosen). */
export function presetOf(range: DateRange, today: string): RangePreset | null {
  for (const preset of RANGE_PRESETS) {
    const candidate = presetRange(preset, today);
    if (candidate.from === range.from && candidate.to === range.to) return preset;
  }
  return null;
}

/** A range the server accepts: real dates, from ≤ to, at most MAX_REPORT_DAYS days. */
export function isValidRange(range: DateRange): boolean {
  if (!isRealDate(range.from) || !isRealDate(range.to)) return false;
  const days = dayNumberOf(range.to) - dayNumberOf(range.from);
  return days >= 0 && days < MAX_REPORT_DAYS;
}

/** The query of the report and CSV routes. */
export function rangeQuery(range: DateRange): string {
  return `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
}

export function reportPath(officeId: string, range: DateRange): string {
  return `/api/offices/${encodeURIComponent(officeId)}/reports?${rangeQuery(range)}`;
}

/** The exports of a range. */
type ExportFile = "tickets.csv" | "appointments.csv" | "feedback.csv";

/**
 * A range's export (the tickets by default; the appointments and the feedback, nothing
 * personal in either); `excel-it` is the form Excel set to Italian opens in columns
 * (`;`, decimal comma).
 */
export function csvPath(
  officeId: string,
  range: DateRange,
  format: "standard" | "excel-it" = "standard",
  file: ExportFile = "tickets.csv",
): string {
  const tail = format === "standard" ? "" : `&format=${format}`;
  return `/api/offices/${encodeURIComponent(officeId)}/reports/${file}?${rangeQuery(range)}${tail}`;
}

export function feedbackReportPath(officeId: string, range: DateRange): string {
  return `/api/offices/${encodeURIComponent(officeId)}/reports/feedback?${rangeQuery(range)}`;
}

/** "#reports?from=…&to=…" remembers the range in the address (bookmarkable, survives a reload). */
export function rangeFromHash(hash: string): DateRange | null {
  const match = /[?&]from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})/.exec(hash);
  if (!match) return null;
  const range = { from: match[1]!, to: match[2]! };
  return isValidRange(range) ? range : null;
}
