import type { OfficeDay } from "./calendar-days";

/*
 * Dates as people read them, in the page's language. An office-local date
 * is formatted as noon UTC of that date read in UTC: no zone can move it to
 * another day, and the weekday and month names are the language's own.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: string, style: "long" | "short"): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      timeZone: "UTC",
      weekday: style,
      day: "numeric",
      month: style,
      ...(style === "long" ? { year: "numeric" } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

const noonOf = (day: OfficeDay) =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 12);

/** "martedì 15 dicembre 2026" / "Tuesday, 15 December 2026". */
export function longDay(day: OfficeDay, lang: string): string {
  return dateFormat(lang, "long").format(noonOf(day));
}

/** "mar 15 dic" / "Tue, 15 Dec": a day's button. */
export function shortDay(day: OfficeDay, lang: string): string {
  return dateFormat(lang, "short").format(noonOf(day));
}
