/*
 * Date arithmetic on office-local calendar days ("YYYY-MM-DD"). A day number counts days
 * since 1970-01-01; calendar days have no time zone, so UTC arithmetic is exact here.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date (out-of-range parts roll over, as in Date.UTC). */
export function dayNumberOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a "YYYY-MM-DD" string names a real day (not 2025-02-30). */
export function isRealDate(isoDate: string): boolean {
  const dayNumber = dayNumberOf(isoDate);
  // "monday" has no day number: false, not a RangeError from toISOString.
  return Number.isFinite(dayNumber) && isoDateOf(dayNumber) === isoDate;
}

/** 0 = Monday … 6 = Sunday (ISO order, as WEEKDAYS); 1970-01-01 was a Thursday. */
export function weekdayIndexOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumberOf(from), last = dayNumberOf(to); n <= last; n++) days.push(isoDateOf(n));
  return days;
}

/** How many Mondays, Tuesdays, … Sundays the range holds (ISO order). */
export function weekdayOccurrences(from: string, to: string): number[] {
  const occurrences = [0, 0, 0, 0, 0, 0, 0];
  for (let n = dayNumberOf(from), last = dayNumberOf(to); n <= last; n++) {
    occurrences[weekdayIndexOf(n)]! += 1;
  }
  return occurrences;
}
