import * as z from "zod/mini";
import type { IssueRule } from "./issues";
import { ClockTime, ClosingTime, IsoDate } from "./time-formats";
import {
  clockMinutes,
  clockTime,
  isCalendarDate,
  type MinuteSpan,
  mergedSpans,
  weekdayOf,
  withinSpans,
} from "./wall-time";
import { everyWeekday, WEEKDAYS } from "./weekdays";

/*
 * How a service takes appointments: when people can book, how many at once,
 * how far ahead, and how arrivals are received. Slots are never stored; they
 * are computed from this on read (shared/booking/slots.ts).
 */

/**
 * walk-in: tickets at the kiosk only; appointment: booked only (the kiosk
 * checks people in); mixed: both, on the same counters.
 */
export const SERVICE_MODES = ["walk-in", "appointment", "mixed"] as const;
export const ServiceMode = z.enum(SERVICE_MODES);
export type ServiceMode = z.infer<typeof ServiceMode>;

/** Whether the kiosk issues numbered tickets for a service without a booking. */
export function takesWalkIns(mode: ServiceMode): boolean {
  switch (mode) {
    case "walk-in":
    case "mixed":
      return true;
    case "appointment":
      return false;
    default: {
      const unknown: never = mode;
      return unknown;
    }
  }
}

/**
 * What a person arriving after the check-in window gets: a walk-in ticket,
 * the clerk's decision at the counter, or a refusal with a link to rebook.
 */
export const LATE_ARRIVAL_RULES = ["walk-in", "clerk", "refuse"] as const;
export const LateArrivalRule = z.enum(LATE_ARRIVAL_RULES);
export type LateArrivalRule = z.infer<typeof LateArrivalRule>;

/**
 * Why a booking no longer fits the office's configuration after a change
 * (shared/booking/conflicts.ts), first reason first: its service is gone;
 * it takes no bookings here now (walk-in, or booked elsewhere); its date is
 * closed; its time is outside the opening hours; no booking window holds it;
 * its start has fewer seats than people booked.
 */
export const CONFLICT_REASONS = [
  "service_removed",
  "no_bookings",
  "closed_date",
  "outside_hours",
  "no_window",
  "over_seats",
] as const;
export const ConflictReason = z.enum(CONFLICT_REASONS);
export type ConflictReason = z.infer<typeof ConflictReason>;

const wellFormed = (...times: string[]) => times.every((time) => /^\d\d:\d\d$/.test(time));

/** When bookings start within a day, and how many people may book the same start. */
export const BookingWindow = z
  .object({
    start: ClockTime,
    end: ClosingTime,
    seats: z.int().check(z.gte(1), z.lte(20)),
  })
  .check(
    // A malformed time is its own issue (clock_time): the order is judged between well-formed ones.
    z.refine((window) => !wellFormed(window.start, window.end) || window.start < window.end, {
      params: { rule: "start_before_end" },
      error: (issue) => {
        const window = issue.input as { start?: unknown; end?: unknown } | undefined;
        return `start must be before end (got ${String(window?.start)}–${String(window?.end)})`;
      },
    }),
  );
export type BookingWindow = z.infer<typeof BookingWindow>;

const DayWindows = z.array(BookingWindow).check(z.maxLength(12));
const WeekDayWindows = z._default(DayWindows, []);
export const BookingWeek = z.object({
  mon: WeekDayWindows,
  tue: WeekDayWindows,
  wed: WeekDayWindows,
  thu: WeekDayWindows,
  fri: WeekDayWindows,
  sat: WeekDayWindows,
  sun: WeekDayWindows,
});
export type BookingWeek = z.infer<typeof BookingWeek>;

/** One date's own windows, in place of its weekday's; an empty list takes no bookings that day. */
export const BookingException = z.object({ date: IsoDate, windows: DayWindows });
export type BookingException = z.infer<typeof BookingException>;

export const DEFAULT_CHECK_IN = { earlyMinutes: 30, lateMinutes: 10 };
/** Check-in opens `earlyMinutes` before the slot and closes `lateMinutes` after it. */
export const CheckInWindow = z.object({
  earlyMinutes: z._default(z.int().check(z.gte(0), z.lte(240)), DEFAULT_CHECK_IN.earlyMinutes),
  lateMinutes: z._default(z.int().check(z.gte(0), z.lte(120)), DEFAULT_CHECK_IN.lateMinutes),
});
export type CheckInWindow = z.infer<typeof CheckInWindow>;

export const BookingConfig = z.object({
  windows: z._default(BookingWeek, () => everyWeekday((): BookingWindow[] => [])),
  slotMinutes: z._default(z.int().check(z.gte(5), z.lte(240)), 20),
  /** The last bookable day is today + daysAhead (the office's today). */
  daysAhead: z._default(z.int().check(z.gte(1), z.lte(180)), 30),
  /** The public books at least this long before the slot; staff may book up to its start. */
  minNoticeMinutes: z._default(z.int().check(z.gte(0), z.lte(10080)), 60),
  checkIn: z._default(CheckInWindow, () => ({ ...DEFAULT_CHECK_IN })),
  lateArrivals: z._default(LateArrivalRule, "walk-in"),
  /** Staff booking on someone's behalf (by phone) may go this many seats over the public's. */
  staffExtraSeats: z._default(z.int().check(z.gte(0), z.lte(10)), 0),
  /** Active bookings one contact (e-mail or phone) may hold for this service. */
  maxActivePerContact: z._default(z.int().check(z.gte(1), z.lte(10)), 1),
  exceptions: z._default(z.array(BookingException).check(z.maxLength(366)), []),
});
export type BookingConfig = z.infer<typeof BookingConfig>;
export type BookingConfigInput = z.input<typeof BookingConfig>;

/** The rules across fields that the booking part of an office's configuration can break. */
const BOOKING_RULES = [
  "booking_on_walk_in",
  "booking_outside_hours",
  "booking_windows_overlap",
  "seats_over_counters",
  "duplicate_exception_date",
  "date",
] as const satisfies readonly IssueRule[];
export type BookingRule = (typeof BOOKING_RULES)[number];

export interface BookingIssue {
  path: (string | number)[];
  rule: BookingRule;
  message: string;
}

/** The parts of an office's configuration the booking rules read. */
interface BookingContext {
  openingHours: Record<(typeof WEEKDAYS)[number], { open: string; close: string }[]>;
  services: { id: string; mode: ServiceMode; booking?: BookingConfig | undefined }[];
  counters: { serviceIds: string[] }[];
}

const spanText = (spans: readonly MinuteSpan[]) =>
  spans.length === 0
    ? "closed"
    : spans.map((span) => `${clockTime(span.start)}–${clockTime(span.end)}`).join(", ");

/**
 * What is wrong with the services' booking settings, given the office's
 * hours and counters: checked with the rest of OfficeConfig (config.ts), so
 * a change of hours or counters that leaves a window outside them is refused
 * too. Paths are from the configuration's root.
 */
export function bookingIssues(config: BookingContext): BookingIssue[] {
  const issues: BookingIssue[] = [];
  config.services.forEach((service, serviceIndex) => {
    const booking = service.booking;
    if (!booking) return;
    const at = ["services", serviceIndex, "booking"];
    if (service.mode === "walk-in") {
      issues.push({
        path: at,
        rule: "booking_on_walk_in",
        message: `a walk-in service takes no bookings: set mode to "appointment" or "mixed", or remove booking`,
      });
      return;
    }
    const counters = config.counters.filter((c) => c.serviceIds.includes(service.id)).length;
    const checkDay = (
      windows: readonly BookingWindow[],
      path: (string | number)[],
      hours: readonly { open: string; close: string }[],
      dayName: string,
    ) => {
      const open = mergedSpans(hours);
      windows.forEach((window, index) => {
        const start = clockMinutes(window.start);
        const end = clockMinutes(window.end);
        if (start < end && !withinSpans(open, start, end))
          issues.push({
            path: [...path, index],
            rule: "booking_outside_hours",
            message: `${window.start}–${window.end} is outside the opening hours of ${dayName} (${spanText(open)})`,
          });
        if (window.seats > counters)
          issues.push({
            path: [...path, index, "seats"],
            rule: "seats_over_counters",
            message: `${window.seats} seats, but ${counters === 1 ? "1 counter serves" : `${counters} counters serve`} this service: at most one person per counter at once`,
          });
      });
      const byStart = windows
        .map((window, index) => ({ index, start: window.start, end: window.end }))
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
      // Against the window reaching furthest so far, not only the one just before: a long
      // window can overlap several shorter ones after it.
      let reaching: (typeof byStart)[number] | undefined;
      for (const window of byStart) {
        if (reaching && window.start < reaching.end)
          issues.push({
            path: [...path, window.index],
            rule: "booking_windows_overlap",
            message: `${window.start}–${window.end} overlaps ${reaching.start}–${reaching.end} on ${dayName}`,
          });
        if (!reaching || window.end > reaching.end) reaching = window;
      }
    };
    for (const weekday of WEEKDAYS)
      checkDay(
        booking.windows[weekday],
        [...at, "windows", weekday],
        config.openingHours[weekday],
        weekday,
      );
    const dates = new Set<string>();
    booking.exceptions.forEach((exception, index) => {
      const path = [...at, "exceptions", index];
      if (!isCalendarDate(exception.date)) {
        issues.push({
          path: [...path, "date"],
          rule: "date",
          message: `${exception.date} is not a day of the calendar`,
        });
        return;
      }
      if (dates.has(exception.date))
        issues.push({
          path: [...path, "date"],
          rule: "duplicate_exception_date",
          message: `${exception.date} already has its exception: one per date`,
        });
      dates.add(exception.date);
      const weekday = weekdayOf(exception.date);
      checkDay(
        exception.windows,
        [...path, "windows"],
        config.openingHours[weekday],
        `${exception.date} (${weekday})`,
      );
    });
  });
  return issues;
}
