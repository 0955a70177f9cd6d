import { arrivalsByService, arrivalsHeatmap } from "./arrivals";
import { weekdayOccurrences } from "./calendar";
import { LocalClock } from "./local-clock";
import type { OfficeReport } from "./office-report";
import { outcomes } from "./outcomes";
import { ReportOptions, type ReportOptionsInput } from "./report-options";
import { type ReportTicket, ticketsInRange } from "./report-ticket";
import { type ServiceMinutes, staffing } from "./staffing";
import { ticketsPerDay } from "./tickets-per-day";
import { waitAndServiceTimes } from "./wait-and-service-times";
import { withinTarget } from "./within-target";

/**
 * The office's report for a range of local days: pure, from the tickets alone.
 *
 * The options are validated here (they come from a request); the tickets are trusted, as
 * they come from the office's own log; parse them with ReportTicket if they do not.
 * Throws the zod error on invalid options.
 */
export function computeOfficeReport(
  tickets: readonly ReportTicket[],
  options: ReportOptionsInput,
): OfficeReport {
  const checked = ReportOptions.parse(options);
  const { from, to, timeZone, targetWaitMinutes, targetSharePercent } = checked;
  const inRange = ticketsInRange(tickets, from, to);
  const clock = new LocalClock(timeZone);

  const occurrences = weekdayOccurrences(from, to);
  const arrivals = arrivalsByService(inRange, clock);
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
      arrivals,
      occurrences,
      serviceMinutesOf(times),
      targetWaitMinutes,
      targetSharePercent / 100,
    ),
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
