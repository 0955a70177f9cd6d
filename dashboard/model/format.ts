import { baseFor, format } from "../../shared/i18n";

/**
 * Numbers and times as the dashboard writes them, in the reader's language.
 * Durations arrive in seconds (reports) or milliseconds (live timers).
 */

export { formatClock } from "../../shared/client/timer-clock";

/**
 * Time gone by, ticking: "35 s", "4 min 07 s", "1 h 02 min". Words, not a
 * clock, so "10:48" is never read as a time of day.
 */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${String(total % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** A live estimate to the minute: "12 min", "less than a minute", "—" (null: no desk open). */
export function formatWaitMinutes(seconds: number | null, lang: string): string {
  const m = baseFor(lang).common;
  if (seconds === null) return m.noEstimate;
  if (seconds < 60) return m.lessThanAMinute;
  return format(m.minutes, { n: Math.round(seconds / 60) });
}

/** A report's seconds as minutes with one decimal ("9.5", "10.0"); "—" when there was nothing to measure. */
export function formatReportMinutes(seconds: number | null, lang: string): string {
  if (seconds === null) return "—";
  // Always one decimal, so the figures of a column line up.
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    seconds / 60,
  );
}

/** A number with at most `digits` decimals in the reader's language ("9,5" in Italian). */
export function formatDecimal(value: number, lang: string, digits = 1): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/** A whole number with the reader's grouping ("12,345" / "12.345"). */
export function formatCount(value: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A share from 0 to 1 as a whole percentage ("87%"); "—" for null. */
export function formatShare(share: number | null, lang: string): string {
  if (share === null) return "—";
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** "10:00" for an hour of the day. */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** The office's wall-clock time of an instant: "10:24". */
export function formatTimeOfDay(instant: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(instant);
}

/** An instant as the office's date and time: "12/03/2026, 10:24". */
export function formatDateTime(instant: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: "short",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone,
  }).format(instant);
}

/** An ISO day ("2026-03-12") as the reader writes it, short: "12/03" or "3/12", with its weekday. */
export function formatDay(isoDate: string, lang: string, withYear = false): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang, {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : { weekday: "short" }),
    timeZone: "UTC",
  }).format(Date.UTC(year, month - 1, day));
}

/** A short weekday name ("Mon", "lun") for the weekday keys of the reports (Monday first). */
export function shortWeekday(index: number, lang: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" }).format(
    Date.UTC(2024, 0, 1 + index),
  );
}
