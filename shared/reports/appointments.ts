import { assertNever } from "../assert-never";
import { WEEK_HOURS } from "./arrivals";
import { HOUR_MS } from "./calendar";
import { entriesById } from "./compare-ids";
import { durationStats } from "./duration-stats";
import type { LocalClock } from "./local-clock";
import type { AppointmentFigures, AppointmentsReport } from "./office-report";
import type { ReportAppointment } from "./report-appointment";
import type { ReportTicket } from "./report-ticket";

const MINUTE_MS = 60_000;

/** Bookings whose slot falls on a local day in [from, to]: the range selects appointments by their day, as tickets by theirs. */
export function appointmentsInRange(
  appointments: readonly ReportAppointment[],
  from: string,
  to: string,
  clock: LocalClock,
): ReportAppointment[] {
  return appointments.filter((appointment) => {
    const day = clock.dateTime(appointment.start).slice(0, 10);
    return day >= from && day <= to;
  });
}

/** Tickets issued for an appointment (checked in with its own ticket). */
export function isAppointmentTicket(
  ticket: ReportTicket,
): ticket is ReportTicket & { appointment: NonNullable<ReportTicket["appointment"]> } {
  return ticket.appointment !== undefined && ticket.appointment !== null;
}

interface Tally {
  counts: Pick<AppointmentFigures, "booked" | "checkedIn" | "missed" | "cancelled" | "upcoming">;
  leadTimes: number[];
  lateness: number[];
  calledOnTime: number;
}

const emptyTally = (): Tally => ({
  counts: { booked: 0, checkedIn: 0, missed: 0, cancelled: 0, upcoming: 0 },
  leadTimes: [],
  lateness: [],
  calledOnTime: 0,
});

/**
 * Appointments booked, checked in, missed and cancelled per service and for the office;
 * lead time (booking made → slot); punctuality of the calls.
 *
 * Punctuality asks whether the office kept the time it gave: an appointment ticket is on
 * time when first called at most `onTimeMinutes` after its slot. Someone who checked in
 * after their slot (a late arrival the clerk took) is measured from their check-in
 * instead, since the minutes they were late are not the office's. Called before the slot
 * (appointments are callable two minutes early) counts as lateness 0.
 */
export function appointmentFigures(
  appointments: readonly ReportAppointment[],
  tickets: readonly ReportTicket[],
  onTimeMinutes: number,
): AppointmentsReport {
  const overall = emptyTally();
  const byService = new Map<string, Tally>();
  const tallyOf = (serviceId: string) => {
    let tally = byService.get(serviceId);
    if (!tally) {
      tally = emptyTally();
      byService.set(serviceId, tally);
    }
    return tally;
  };

  for (const appointment of appointments) {
    const leadTime = Math.max(0, appointment.start - appointment.bookedAt);
    for (const tally of [overall, tallyOf(appointment.serviceId)]) {
      countStatus(tally.counts, appointment.status);
      tally.leadTimes.push(leadTime);
    }
  }

  const onTimeMillis = onTimeMinutes * MINUTE_MS;
  for (const ticket of tickets) {
    const lateness = callLatenessMillis(ticket);
    if (lateness === null) continue;
    for (const tally of [overall, tallyOf(ticket.serviceId)]) {
      tally.lateness.push(lateness);
      if (lateness <= onTimeMillis) tally.calledOnTime += 1;
    }
  }

  return {
    onTimeMinutes,
    overall: figuresOf(overall),
    byService: entriesById(byService).map(([serviceId, tally]) => ({
      serviceId,
      ...figuresOf(tally),
    })),
  };
}

/**
 * How late an appointment ticket was first called: from its slot, or from its check-in if
 * that came after the slot; 0 when called before. Null for a walk-in or a ticket not called.
 */
export function callLatenessMillis(ticket: ReportTicket): number | null {
  if (!isAppointmentTicket(ticket) || ticket.calledAt === null) return null;
  const due = Math.max(ticket.appointment.slotStart, ticket.issuedAt);
  return Math.max(0, ticket.calledAt - due);
}

function countStatus(counts: Tally["counts"], status: ReportAppointment["status"]) {
  counts.booked += 1;
  switch (status) {
    case "booked":
      counts.upcoming += 1;
      return;
    case "checked-in":
      counts.checkedIn += 1;
      return;
    case "missed":
      counts.missed += 1;
      return;
    case "cancelled":
      counts.cancelled += 1;
      return;
    default:
      assertNever(status);
  }
}

function figuresOf(tally: Tally): AppointmentFigures {
  const called = tally.lateness.length;
  return {
    ...tally.counts,
    leadTime: durationStats(tally.leadTimes),
    called,
    calledOnTime: tally.calledOnTime,
    onTimeShare: called === 0 ? null : tally.calledOnTime / called,
    callLateness: durationStats(tally.lateness),
  };
}

/**
 * Booked minutes in each local weekday × hour over the range: slot length × bookings that
 * kept their seat (checked in, missed or still booked; a cancellation gave its seat back),
 * each spread over the hours the slot occupies. Divided by the weekday's occurrences in
 * staffing, as arrivals are.
 */
export function bookedMinutesByWeekHour(
  appointments: readonly ReportAppointment[],
  clock: LocalClock,
): Float64Array {
  const minutes = new Float64Array(WEEK_HOURS);
  for (const appointment of appointments) {
    if (appointment.status === "cancelled" || appointment.slotMinutes === null) continue;
    const end = appointment.start + appointment.slotMinutes * MINUTE_MS;
    let at = appointment.start;
    while (at < end) {
      // The next local hour boundary: wall time rounds to the hour, then back to an instant.
      const wall = clock.wallTime(at);
      const nextHour = at + (HOUR_MS - (((wall % HOUR_MS) + HOUR_MS) % HOUR_MS));
      const until = Math.min(end, nextHour);
      minutes[clock.weekHour(at)]! += (until - at) / MINUTE_MS;
      at = until;
    }
  }
  return minutes;
}
