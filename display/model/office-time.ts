import { WEEKDAYS } from "../../shared/protocol/weekdays";

export type Weekday = (typeof WEEKDAYS)[number];

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: Weekday;
  /** YYYY-MM-DD */
  isoDay: string;
}

/**
 * The office's wall clock at an instant. shared/engine/clock.ts uses
 * Intl formatToParts, which Chromium 47 lacks (it came in 57), so this reads
 * the digits of toLocaleString("en-US", { timeZone }), which Chromium has had
 * since 24. A browser without the zone falls back to its own clock.
 */
export function officeWallClock(instant: number, timeZone: string): WallClock {
  const date = new Date(instant);
  let digits: number[] = [];
  try {
    const text = date.toLocaleString("en-US", {
      timeZone,
      hour12: false,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    digits = (text.match(/\d+/g) ?? []).map(Number);
  } catch {
    digits = [];
  }
  const [month, day, year, hour, minute] =
    digits.length >= 5
      ? (digits as [number, number, number, number, number])
      : [
          date.getMonth() + 1,
          date.getDate(),
          date.getFullYear(),
          date.getHours(),
          date.getMinutes(),
        ];
  return wallClockOf(year, month, day, hour % 24, minute);
}

/** The calendar day `days` after the given one, at the same time. */
export function addDays(clock: WallClock, days: number): WallClock {
  const shifted = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + days));
  return wallClockOf(
    shifted.getUTCFullYear(),
    shifted.getUTCMonth() + 1,
    shifted.getUTCDate(),
    clock.hour,
    clock.minute,
  );
}

function wallClockOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): WallClock {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7] ?? "mon";
  return { year, month, day, hour, minute, weekday, isoDay: `${year}-${two(month)}-${two(day)}` };
}

export const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "14:05", 24-hour, as on every Italian public screen. */
export function formatClock(clock: WallClock): string {
  return `${two(clock.hour)}:${two(clock.minute)}`;
}

/** "Giovedì 26 novembre" / "Thursday, November 26", in the office's zone. */
export function formatLongDate(instant: number, timeZone: string, lang: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long" };
  let text: string;
  try {
    text = new Date(instant).toLocaleDateString(lang, { ...options, timeZone });
  } catch {
    text = new Date(instant).toLocaleDateString(lang, options);
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}
