import { WEEKDAYS } from "../protocol/weekdays";
import { WEEK_HOURS } from "./arrivals";
import { desksForTarget } from "./erlang-c";
import type { StaffingCell, StaffingReport } from "./office-report";

/** Mean service minutes of each service over the range, and of all services together. */
export interface ServiceMinutes {
  byService: ReadonlyMap<string, number>;
  /** Stands in for a service with no finished ticket; null when nothing was finished at all. */
  overall: number | null;
}

/**
 * "Which desk should open at 10 on Mondays": for each weekday × hour, the desks the
 * average demand needs.
 *
 * Offered load (Erlangs) = Σ over services of mean arrivals per hour × mean service
 * minutes / 60, so the service mix of that very hour weighs each service's length
 * (Monday mornings may be mostly long registry cases). Rounded up, it is the fewest desks
 * that can keep up on average; fewer and the queue grows all hour. Erlang C then adds
 * the desks that call the office's share of people (`serviceLevel`, 0.8 = 80%) within
 * the target wait.
 *
 * Appointments are not random arrivals: their booked minutes (slot length × bookings, in
 * the hours the slots occupy) add to the load as they are, and the desks they fill, rounded
 * up, add to the walk-ins' Erlang C desks. `arrivalsByService` counts walk-ins only, so
 * an appointment's ticket is not counted twice.
 */
export function staffing(
  arrivalsByService: ReadonlyMap<string, Float64Array>,
  occurrences: readonly number[],
  serviceMinutes: ServiceMinutes,
  targetWaitMinutes: number,
  serviceLevel: number,
  bookedMinutes: Float64Array = new Float64Array(WEEK_HOURS),
): StaffingReport {
  const cells: StaffingCell[] = [];
  for (let cell = 0; cell < WEEK_HOURS; cell++) {
    const weekdayIndex = Math.floor(cell / 24);
    const days = occurrences[weekdayIndex]!;
    let meanArrivals = 0;
    let loadMinutes: number | null = 0;
    for (const [serviceId, arrivals] of arrivalsByService) {
      const perHour = days > 0 ? arrivals[cell]! / days : 0;
      if (perHour === 0) continue;
      meanArrivals += perHour;
      const minutes = serviceMinutes.byService.get(serviceId) ?? serviceMinutes.overall;
      loadMinutes =
        minutes === null || loadMinutes === null ? null : loadMinutes + perHour * minutes;
    }
    const appointmentMinutes = days > 0 ? bookedMinutes[cell]! / days : 0;
    cells.push(
      staffingCell(
        WEEKDAYS[weekdayIndex]!,
        cell % 24,
        { meanArrivals, loadMinutes, appointmentMinutes },
        { targetWaitMinutes, serviceLevel },
      ),
    );
  }
  return { targetWaitMinutes, serviceLevel, cells };
}

/** The epsilon keeps 7.000000000001 (floating point) at 7. */
const ceilDesks = (load: number) => Math.max(0, Math.ceil(load - 1e-9));

function staffingCell(
  weekday: StaffingCell["weekday"],
  hour: number,
  demand: { meanArrivals: number; loadMinutes: number | null; appointmentMinutes: number },
  target: { targetWaitMinutes: number; serviceLevel: number },
): StaffingCell {
  const { meanArrivals, loadMinutes, appointmentMinutes } = demand;
  const bookedLoad = appointmentMinutes / 60;
  const bookedDesks = ceilDesks(bookedLoad);
  if (meanArrivals === 0) {
    return {
      weekday,
      hour,
      meanArrivals,
      appointmentMinutes,
      meanServiceMinutes: null,
      offeredLoad: bookedLoad,
      desks: bookedDesks,
      desksForTarget: bookedDesks,
    };
  }
  if (loadMinutes === null) {
    return {
      weekday,
      hour,
      meanArrivals,
      appointmentMinutes,
      meanServiceMinutes: null,
      offeredLoad: null,
      desks: null,
      desksForTarget: null,
    };
  }
  const walkInLoad = loadMinutes / 60;
  const meanServiceMinutes = loadMinutes / meanArrivals;
  // Anyone arriving needs one desk.
  const walkInDesks = Math.max(1, ceilDesks(walkInLoad));
  const offeredLoad = walkInLoad + bookedLoad;
  return {
    weekday,
    hour,
    meanArrivals,
    appointmentMinutes,
    meanServiceMinutes,
    offeredLoad,
    desks: Math.max(walkInDesks, ceilDesks(offeredLoad)),
    // Never fewer than keep up: with service times of zero the load is 0, yet people came.
    desksForTarget:
      Math.max(
        walkInDesks,
        desksForTarget(
          walkInLoad,
          meanServiceMinutes,
          target.targetWaitMinutes,
          target.serviceLevel,
        ),
      ) + bookedDesks,
  };
}
