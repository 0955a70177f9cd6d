import { WEEKDAYS } from "../protocol/weekdays";
import type { LocalClock } from "./local-clock";
import type { ArrivalsHeatmap } from "./office-report";
import type { ReportTicket } from "./report-ticket";

/** Cells of the week: weekday (0 = Monday) × 24 + local hour. */
export const WEEK_HOURS = 7 * 24;

/**
 * Tickets issued per service in each local weekday × hour, as flat arrays of WEEK_HOURS.
 * Counted once and shared by the heatmap and the staffing figures.
 */
export function arrivalsByService(
  tickets: readonly ReportTicket[],
  clock: LocalClock,
): Map<string, Float64Array> {
  const byService = new Map<string, Float64Array>();
  for (const ticket of tickets) {
    let cells = byService.get(ticket.serviceId);
    if (!cells) {
      cells = new Float64Array(WEEK_HOURS);
      byService.set(ticket.serviceId, cells);
    }
    cells[clock.weekHour(ticket.issuedAt)]! += 1;
  }
  return byService;
}

/**
 * The heatmap of arrivals. The mean divides by how many times the weekday occurs in the
 * range, closed days included: it answers "what does a Monday look like" over the range
 * the manager chose. (On the night clocks go forward the 2:00 hour does not exist and on
 * the night they go back it happens twice; offices are closed then, so it is not corrected.)
 */
export function arrivalsHeatmap(
  byService: ReadonlyMap<string, Float64Array>,
  occurrences: readonly number[],
): ArrivalsHeatmap {
  const totals = new Float64Array(WEEK_HOURS);
  for (const cells of byService.values()) {
    for (let cell = 0; cell < WEEK_HOURS; cell++) totals[cell]! += cells[cell]!;
  }
  const total: number[][] = [];
  const mean: number[][] = [];
  let peak: ArrivalsHeatmap["peak"] = null;
  for (let weekday = 0; weekday < 7; weekday++) {
    const days = occurrences[weekday]!;
    const totalRow: number[] = [];
    const meanRow: number[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const cellTotal = totals[weekday * 24 + hour]!;
      const cellMean = days > 0 ? cellTotal / days : 0;
      totalRow.push(cellTotal);
      meanRow.push(cellMean);
      if (cellTotal > 0 && (peak === null || cellMean > peak.mean)) {
        peak = { weekday: WEEKDAYS[weekday]!, hour, total: cellTotal, mean: cellMean };
      }
    }
    total.push(totalRow);
    mean.push(meanRow);
  }
  return { occurrences: [...occurrences], total, mean, peak };
}
