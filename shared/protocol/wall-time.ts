import { WEEKDAYS } from "./weekdays";

/*
 * Arithmetic on an office's wall clock and calendar as written in its
 * configuration ("08:30", "2026-12-24"), with no time zone: the booking
 * rules and the slot generator both reason in these terms. No zod here, so
 * the engine side can use it without the schemas.
 */

/** Minutes since midnight of "HH:MM" ("24:00" is 1440). */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** "HH:MM" of minutes since midnight (1440 is "24:00"). */
export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function utcMidnight(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** Whether "YYYY-MM-DD" names a day of the calendar (not 2026-02-30). */
export function isCalendarDate(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const midnight = utcMidnight(day);
  return Number.isFinite(midnight) && new Date(midnight).toISOString().slice(0, 10) === day;
}

/** The day `count` days after `day` (before, if negative). */
export function addDays(day: string, count: number): string {
  return new Date(utcMidnight(day) + count * 86_400_000).toISOString().slice(0, 10);
}

/** The weekday key ("mon"…"sun") of a calendar day. */
export function weekdayOf(day: string): (typeof WEEKDAYS)[number] {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(utcMidnight(day)).getUTCDay() + 6) % 7] ?? "mon";
}

/** A stretch of a day in minutes since midnight, start included, end excluded. */
export interface MinuteSpan {
  start: number;
  end: number;
}

/** Opening intervals as minute spans, sorted, with touching or overlapping ones joined. */
export function mergedSpans(intervals: readonly { open: string; close: string }[]): MinuteSpan[] {
  const spans = intervals
    .map((interval) => ({ start: clockMinutes(interval.open), end: clockMinutes(interval.close) }))
    .filter((span) => span.start < span.end)
    .sort((a, b) => a.start - b.start);
  const merged: MinuteSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Whether [start, end] lies inside one of the spans. */
export function withinSpans(spans: readonly MinuteSpan[], start: number, end: number): boolean {
  return spans.some((span) => start >= span.start && end <= span.end);
}
