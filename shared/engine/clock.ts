import type { OfficeConfig, Weekday } from "../protocol/config";
import { WEEKDAYS } from "../protocol/weekdays";

/** Local wall-clock parts of an instant in a time zone. */
export interface LocalTime {
  day: string; // YYYY-MM-DD
  weekday: Weekday;
  minutes: number; // minutes since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallClock = Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;

/**
 * The last reading per zone, by whole second: every command asks (opening
 * hours, day rollover) and formatToParts costs more than the rest of an
 * issue's engine work. Zone offsets are whole seconds, so the second is exact.
 */
const lastReadings = new Map<string, { second: number; wall: WallClock }>();

function wallClock(instant: number, timeZone: string): WallClock {
  const second = Math.floor(instant / 1000);
  const last = lastReadings.get(timeZone);
  if (last?.second === second) return last.wall;
  const wall = readWallClock(instant, timeZone);
  lastReadings.set(timeZone, { second, wall });
  return wall;
}

function readWallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function localTime(instant: number, timeZone: string): LocalTime {
  const w = wallClock(instant, timeZone);
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  const weekdayIndex = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7;
  return {
    day: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    weekday: WEEKDAYS[weekdayIndex] ?? "mon",
    minutes: w.hour * 60 + w.minute,
  };
}

export function localDay(instant: number, timeZone: string): string {
  return localTime(instant, timeZone).day;
}

/** Offset of the zone from UTC at an instant, in milliseconds (Rome in summer: +7,200,000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The first instant of the local day after `day` (the office's midnight, DST-aware). */
export function startOfNextDay(day: string, timeZone: string): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const nextMidnightAsUtc = Date.UTC(year, month - 1, date + 1);
  // Days compared as numbers (their midnight read as UTC), not as text: "10000-01-01" sorts
  // before "9999-12-31", and a text comparison once spun the search below forever.
  const localMidnightAsUtc = (instant: number) => {
    const wall = wallClock(instant, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day);
  };
  let guess = nextMidnightAsUtc - zoneOffset(nextMidnightAsUtc, timeZone);
  guess = nextMidnightAsUtc - zoneOffset(guess, timeZone);
  // Where midnight itself is skipped by a DST jump, step forward to the first local instant of
  // that day. Both searches are bounded: no zone moves its clock by more than a day.
  for (let step = 0; step < 96 && localMidnightAsUtc(guess) < nextMidnightAsUtc; step++)
    guess += 15 * 60_000;
  for (let step = 0; step < 1440 && localMidnightAsUtc(guess - 60_000) >= nextMidnightAsUtc; step++)
    guess -= 60_000;
  return guess;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the office is open for walk-in tickets at an instant. */
export function isOpen(config: OfficeConfig, instant: number): boolean {
  const local = localTime(instant, config.timeZone);
  if (config.closedDates.includes(local.day)) return false;
  return config.openingHours[local.weekday].some(
    (interval) =>
      local.minutes >= toMinutes(interval.open) && local.minutes < toMinutes(interval.close),
  );
}
