import * as z from "zod/mini";
import { IsoDate, Slug, Weekday } from "../protocol/config";
import { ReportOptions } from "./report-options";

/*
 * The report as it travels to the dashboard. Durations are in seconds, arrivals per hour;
 * a figure that has nothing to average (no called ticket, no finished service) is null,
 * never 0, so a chart can tell "no data" from "no wait".
 */

const Count = z.int().check(z.gte(0));
const Seconds = z.nullable(z.number().check(z.gte(0)));
const Hour = z.int().check(z.gte(0), z.lte(23));

/** Rows are weekdays in ISO order (Monday first, as WEEKDAYS), columns local hours 0–23. */
const weekGrid = <T extends z.core.SomeType>(cell: T) =>
  z.array(z.array(cell).check(z.length(24))).check(z.length(7));

export const DurationStats = z.object({
  count: Count,
  meanSeconds: Seconds,
  /** The middle value, or the mean of the two middle values. */
  medianSeconds: Seconds,
  /** Nearest-rank: the smallest value with at least 90% of the values at or below it. */
  p90Seconds: Seconds,
  minSeconds: Seconds,
  maxSeconds: Seconds,
});
export type DurationStats = z.infer<typeof DurationStats>;

export const ArrivalsHeatmap = z.object({
  /** How many Mondays … Sundays the range holds: the divisor of `mean`. */
  occurrences: z.array(Count).check(z.length(7)),
  /** Tickets issued in each local weekday × hour over the whole range. */
  total: weekGrid(Count),
  /** `total` divided by the weekday's occurrences: "on an average Monday, 10:00–10:59". */
  mean: weekGrid(z.number().check(z.gte(0))),
  /** The cell with the highest mean (the first in week order on a tie); null with no tickets. */
  peak: z.nullable(
    z.object({ weekday: Weekday, hour: Hour, total: Count, mean: z.number().check(z.gte(0)) }),
  ),
});
export type ArrivalsHeatmap = z.infer<typeof ArrivalsHeatmap>;

export const TicketsPerDay = z.object({
  /** Every day of the range, tickets or not, so gaps show. */
  days: z.array(IsoDate),
  /** Services with tickets in the range, by id; `perDay` lines up with `days`. */
  services: z.array(z.object({ serviceId: Slug, perDay: z.array(Count), total: Count })),
});
export type TicketsPerDay = z.infer<typeof TicketsPerDay>;

/** Wait: issue → first call, for tickets that were called. Service: start → finish, done tickets. */
const waitAndService = { wait: DurationStats, service: DurationStats };
export const WaitAndServiceTimes = z.object(waitAndService);
export type WaitAndServiceTimes = z.infer<typeof WaitAndServiceTimes>;

export const TimesReport = z.object({
  overall: WaitAndServiceTimes,
  byService: z.array(z.object({ serviceId: Slug, ...waitAndService })),
  /** By the counter that served the ticket or last called it. */
  byCounter: z.array(z.object({ counterId: Slug, ...waitAndService })),
  /** By who called the ticket; the name is the latest one seen for that account. */
  byClerk: z.array(
    z.object({ clerkId: z.string(), clerkName: z.nullable(z.string()), ...waitAndService }),
  ),
});
export type TimesReport = z.infer<typeof TimesReport>;

export const TargetShare = z.object({
  called: Count,
  /** Called after waiting at most the target (the target itself counts as within). */
  withinTarget: Count,
  /** withinTarget / called, from 0 to 1; null when nothing was called. */
  share: z.nullable(z.number().check(z.gte(0), z.lte(1))),
});
export type TargetShare = z.infer<typeof TargetShare>;

export const WithinTargetReport = z.object({
  targetWaitMinutes: z.int(),
  overall: TargetShare,
  byService: z.array(z.object({ serviceId: Slug, ...TargetShare.shape })),
});
export type WithinTargetReport = z.infer<typeof WithinTargetReport>;

export const OutcomeCounts = z.object({
  tickets: Count,
  served: Count,
  noShows: Count,
  /** Gave up: the ticket was cancelled before being served. */
  cancelled: Count,
  /** Still waiting when the office day closed. */
  expired: Count,
  /** Every transfer, and the tickets transferred at least once. */
  transfers: Count,
  transferredTickets: Count,
  recalls: Count,
});
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

export const OutcomesReport = z.object({
  overall: OutcomeCounts,
  byService: z.array(z.object({ serviceId: Slug, ...OutcomeCounts.shape })),
});
export type OutcomesReport = z.infer<typeof OutcomesReport>;

/** "Mon 10:00 — 38 arrivals/h, 9.5 min each → 7 desks". */
export const StaffingCell = z.object({
  weekday: Weekday,
  hour: Hour,
  /** Walk-in arrivals (tickets not issued for an appointment), per hour on average. */
  meanArrivals: z.number().check(z.gte(0)),
  /**
   * Booked minutes of appointments (slot length × bookings not cancelled) that fall in this
   * hour, on average: a 20-minute slot from 9:50 puts 10 minutes in 9:00 and 10 in 10:00.
   */
  appointmentMinutes: z.number().check(z.gte(0)),
  /** Mean service time of that hour's mix of services; null with no arrivals or no history. */
  meanServiceMinutes: z.nullable(z.number().check(z.gte(0))),
  /** (meanArrivals × meanServiceMinutes + appointmentMinutes) / 60, in Erlangs: desks busy on average. */
  offeredLoad: z.nullable(z.number().check(z.gte(0))),
  /** The offered load rounded up: fewer and the queue grows all hour. Null when no service time is known at all. */
  desks: z.nullable(Count),
  /**
   * Erlang C: the fewest desks that call `serviceLevel` of the walk-ins within the target
   * wait, plus the desks the booked minutes fill (rounded up: appointments come by the clock).
   */
  desksForTarget: z.nullable(Count),
});
export type StaffingCell = z.infer<typeof StaffingCell>;

export const StaffingReport = z.object({
  /** The office's target wait the desks were counted for. */
  targetWaitMinutes: z.number().check(z.gte(0)),
  /** Share of people to call within it (0.8: 80%). */
  serviceLevel: z.number().check(z.gte(0), z.lte(1)),
  /** 168 cells, Monday 0:00 first, hour by hour. */
  cells: z.array(StaffingCell).check(z.length(168)),
});
export type StaffingReport = z.infer<typeof StaffingReport>;

export const AppointmentFigures = z.object({
  /** Bookings for slots in the range, whatever became of them: the sum of the four below. */
  booked: Count,
  checkedIn: Count,
  /** Not checked in by the end of the grace period (a late arrival given a walk-in ticket too). */
  missed: Count,
  cancelled: Count,
  /** Still booked: the slot is ahead, or its grace period has not ended. */
  upcoming: Count,
  /** Booking made → slot, every booking of the range. */
  leadTime: DurationStats,
  /** Appointment tickets called, and called within `onTimeMinutes` of their slot. */
  called: Count,
  calledOnTime: Count,
  /** calledOnTime / called; null when none was called. */
  onTimeShare: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  /** Slot (or a later check-in) → first call, 0 when called before it. */
  callLateness: DurationStats,
});
export type AppointmentFigures = z.infer<typeof AppointmentFigures>;

export const AppointmentsReport = z.object({
  /** "On time": called at most this many minutes after the slot (5 unless asked). */
  onTimeMinutes: z.int(),
  overall: AppointmentFigures,
  /** Services with bookings or appointment tickets in the range. */
  byService: z.array(z.object({ serviceId: Slug, ...AppointmentFigures.shape })),
});
export type AppointmentsReport = z.infer<typeof AppointmentsReport>;

export const ReportTotals = z.object({
  tickets: Count,
  served: Count,
  daysWithTickets: Count,
  daysInRange: Count,
});
export type ReportTotals = z.infer<typeof ReportTotals>;

export const OfficeReport = z.object({
  options: ReportOptions,
  totals: ReportTotals,
  arrivals: ArrivalsHeatmap,
  ticketsPerDay: TicketsPerDay,
  times: TimesReport,
  withinTarget: WithinTargetReport,
  outcomes: OutcomesReport,
  staffing: StaffingReport,
  appointments: AppointmentsReport,
});
export type OfficeReport = z.infer<typeof OfficeReport>;
