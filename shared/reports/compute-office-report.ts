import {
  appointmentFigures,
  appointmentsInRange,
  bookedMinutesByWeekHour,
  isAppointmentTicket,
} from "./appointments";
import { arrivalsByService, arrivalsHeatmap } from "./arrivals";
import { weekdayOccurrences } from "./calendar";
import { LocalClock } from "./local-clock";
import type { OfficeReport } from "./office-report";
import { outcomes } from "./outcomes";
import type { ReportAppointment } from "./report-appointment";
import { ReportOptions, type ReportOptionsInput } from "./report-options";
import { type ReportTicket, ticketsInRange } from "./report-ticket";
import { type ServiceMinutes, staffing } from "./staffing";
import { ticketsPerDay } from "./tickets-per-day";
import { waitAndServiceTimes } from "./wait-and-service-times";
import { withinTarget } from "./within-target";

/**
 * The office's report for a range of local days: pure, from the tickets and the bookings'
 * anonymous facts (the appointments' figures and their booked minutes in staffing).
 *
 * The options are validated here (they come from a request); the tickets and bookings are
 * trusted, as they come from the office's own tables; parse them with ReportTicket and
 * ReportAppointment if they do not.
 * Throws the zod error on invalid options.
 */
export function computeOfficeReport(
  tickets: readonly ReportTicket[],
  options: ReportOptionsInput,
  appointments: readonly ReportAppointment[] = [],
): OfficeReport {
  const checked = ReportOptions.parse(options);
  const { from, to, timeZone, targetWaitMinutes, targetSharePercent, onTimeMinutes } = checked;
  const inRange = ticketsInRange(tickets, from, to);
  const clock = new LocalClock(timeZone);
  const bookings = appointmentsInRange(appointments, from, to, clock);

  const occurrences = weekdayOccurrences(from, to);
  const arrivals = arrivalsByService(inRange, clock);
  // Staffing counts appointments by their booked minutes: their tickets are not walk-ins.
  const walkIns = inRange.filter((ticket) => !isAppointmentTicket(ticket));
  const walkInArrivals =
    walkIns.length === inRange.length ? arrivals : arrivalsByService(walkIns, clock);
  const times = waitAndServiceTimes(inRange);
  const outcomeCounts = outcomes(inRange);
  const perDay = ticketsPerDay(inRange, from, to);

  return {
    options: checked,
    totals: {
      tickets: inRange.length,
      served: outcomeCounts.overall.served,
      daysWithTickets: daysWithTickets(perDay),
      daysInRange: perDay.days.length,
    },
    arrivals: arrivalsHeatmap(arrivals, occurrences),
    ticketsPerDay: perDay,
    times,
    withinTarget: withinTarget(inRange, targetWaitMinutes),
    outcomes: outcomeCounts,
    staffing: staffing(
      walkInArrivals,
      occurrences,
      serviceMinutesOf(times),
      targetWaitMinutes,
      targetSharePercent / 100,
      bookedMinutesByWeekHour(bookings, clock),
    ),
    appointments: appointmentFigures(bookings, inRange, onTimeMinutes),
  };
}

function serviceMinutesOf(times: OfficeReport["times"]): ServiceMinutes {
  const byService = new Map<string, number>();
  for (const { serviceId, service } of times.byService) {
    if (service.meanSeconds !== null) byService.set(serviceId, service.meanSeconds / 60);
  }
  const overall = times.overall.service.meanSeconds;
  return { byService, overall: overall === null ? null : overall / 60 };
}

function daysWithTickets({ days, services }: OfficeReport["ticketsPerDay"]): number {
  return days.filter((_, column) => services.some((service) => service.perDay[column]! > 0)).length;
}
