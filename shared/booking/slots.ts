import { localDay, localTime, zoneOffset } from "../engine/clock";
import type { BookingConfig, BookingWindow } from "../protocol/booking";
import type { OfficeConfig } from "../protocol/config";
import {
  addDays,
  clockMinutes,
  clockTime,
  isCalendarDate,
  mergedSpans,
  weekdayOf,
  withinSpans,
} from "../protocol/wall-time";

/*
 * The bookable starts of a service, computed from its configuration on every
 * read: nothing here is stored, so a change of hours, windows or closed
 * dates is seen at once. Bookings are not subtracted here (the office knows
 * them): `seats` is how many a start takes in all.
 */

/** A calendar day in the office's zone, "YYYY-MM-DD". */
export type IsoDay = string;

export interface Slot {
  /** The instant the slot starts (epoch ms). */
  start: number;
  /** The same start on the office's wall clock, "YYYY-MM-DDTHH:MM". */
  startLocal: string;
  /** How many people may book this start. */
  seats: number;
}

export interface SlotOptions {
  /** Staff booking on someone's behalf: no minimum notice, and the service's extra seats. */
  staff?: boolean;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The instant a wall-clock time of a day has in a time zone: null when the
 * clock skips it (spring forward: Rome has no 02:30 on 2026-03-29), the first
 * of the two when it happens twice (fall back: 02:30 on 2026-10-25).
 * `minutes` counts from the day's midnight, 0–1439.
 */
export function localInstant(day: IsoDay, minutes: number, timeZone: string): number | null {
  return wallClockOf(day, timeZone)(minutes);
}

/**
 * The converter from wall-clock minutes of one day to instants. The zone's
 * offset is read twice per day, not per slot: most days have one offset all
 * through, and only around a change is each slot's wall time read back.
 */
function wallClockOf(day: IsoDay, timeZone: string): (minutes: number) => number | null {
  const midnightAsUtc = Date.UTC(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
  );
  if (!Number.isFinite(midnightAsUtc)) return () => null;
  // Every instant of the day lies within a day of its wall time read as UTC (offsets are under
  // 15 hours), so these two are the offsets before and after any change around the day.
  const offsetBefore = zoneOffset(midnightAsUtc - DAY, timeZone);
  const offsetAfter = zoneOffset(midnightAsUtc + 2 * DAY, timeZone);
  if (offsetBefore === offsetAfter)
    return (minutes) => midnightAsUtc + minutes * MINUTE - offsetBefore;
  return (minutes) => {
    const asUtc = midnightAsUtc + minutes * MINUTE;
    const wanted = clockTime(minutes);
    const candidates = [asUtc - offsetBefore, asUtc - offsetAfter].filter((instant) => {
      const local = localTime(instant, timeZone);
      return local.day === day && clockTime(local.minutes) === wanted;
    });
    return candidates.length === 0 ? null : Math.min(...candidates);
  };
}

function bookingOf(config: OfficeConfig, serviceId: string): BookingConfig | null {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service?.booking) return null;
  switch (service.mode) {
    case "appointment":
    case "mixed":
      return service.booking;
    case "walk-in":
      return null;
    default: {
      const unknown: never = service.mode;
      return unknown;
    }
  }
}

/** A date's windows: its exception's if it has one, else its weekday's. */
function windowsOn(booking: BookingConfig, day: IsoDay): readonly BookingWindow[] {
  const exception = booking.exceptions.find((e) => e.date === day);
  return exception ? exception.windows : booking.windows[weekdayOf(day)];
}

/** The slots of one day, in start order, before notice and horizon. */
function slotsOfDay(
  config: OfficeConfig,
  booking: BookingConfig,
  day: IsoDay,
  extraSeats: number,
): Slot[] {
  if (config.closedDates.includes(day)) return [];
  const open = mergedSpans(config.openingHours[weekdayOf(day)]);
  if (open.length === 0) return [];
  const instantOf = wallClockOf(day, config.timeZone);
  const slots: Slot[] = [];
  const length = booking.slotMinutes;
  for (const window of windowsOn(booking, day)) {
    const end = clockMinutes(window.end);
    for (let minutes = clockMinutes(window.start); minutes + length <= end; minutes += length) {
      // Shorter hours shrink the window: a slot must fit, start to end, inside the hours.
      if (!withinSpans(open, minutes, minutes + length)) continue;
      const start = instantOf(minutes);
      if (start === null) continue;
      slots.push({
        start,
        startLocal: `${day}T${clockTime(minutes)}`,
        seats: window.seats + extraSeats,
      });
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

// ISO days sort as text.
const laterDay = (a: IsoDay, b: IsoDay) => (a > b ? a : b);
const earlierDay = (a: IsoDay, b: IsoDay) => (a < b ? a : b);

/**
 * The slots of a service from `range.from` to `range.to` (office-local days,
 * both included), in start order: those that start at least the minimum
 * notice after `now` (staff: not before `now`) on a day no later than the
 * office's today + `daysAhead`. None for a walk-in service, one without
 * booking settings, an unknown one, or days that are not in the calendar.
 */
export function slotsFor(
  config: OfficeConfig,
  serviceId: string,
  range: { from: IsoDay; to: IsoDay },
  now: number,
  options: SlotOptions = {},
): Slot[] {
  const booking = bookingOf(config, serviceId);
  if (!booking || !isCalendarDate(range.from) || !isCalendarDate(range.to)) return [];
  const staff = options.staff === true;
  const today = localDay(now, config.timeZone);
  const first = laterDay(range.from, today);
  const last = earlierDay(range.to, addDays(today, booking.daysAhead));
  const earliest = now + (staff ? 0 : booking.minNoticeMinutes * MINUTE);
  const extraSeats = staff ? booking.staffExtraSeats : 0;
  const slots: Slot[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    for (const slot of slotsOfDay(config, booking, day, extraSeats))
      if (slot.start >= earliest) slots.push(slot);
  }
  return slots;
}

/**
 * The slot of a service that starts exactly at `start`, or null: how a
 * booking checks the start it was asked for (the same rules as slotsFor).
 */
export function slotAt(
  config: OfficeConfig,
  serviceId: string,
  start: number,
  now: number,
  options: SlotOptions = {},
): Slot | null {
  // No slot is more than daysAhead (≤ 180) from now, so a start a year away is none; one past
  // the dates JavaScript can name would make the calendar throw (a 503 the fuzz suite found).
  if (!Number.isFinite(start) || Math.abs(start - now) > 366 * DAY) return null;
  const day = localDay(start, config.timeZone);
  return (
    slotsFor(config, serviceId, { from: day, to: day }, now, options).find(
      (slot) => slot.start === start,
    ) ?? null
  );
}
