/**
 * Erlang C: the classic model of a queue served by several desks (random
 * arrivals, service times spread around their mean). It turns an hour's
 * demand into the desks that keep the wait under a target, which the
 * offered load alone (desks kept busy on average) cannot: at 95% busy the
 * queue is long even though the desks "keep up".
 */

/** Probability that a newcomer has to wait at all, with `desks` open and `load` Erlangs offered. */
export function waitProbability(desks: number, load: number): number {
  if (load <= 0) return 0;
  if (desks <= load) return 1;
  // Erlang B by its recursion (no factorials: stable for any number of desks), then C from B.
  let blocking = 1;
  for (let k = 1; k <= desks; k++) blocking = (load * blocking) / (k + load * blocking);
  return (desks * blocking) / (desks - load * (1 - blocking));
}

/** Share of people called within `targetMinutes` of taking their ticket. */
export function shareWithinTarget(
  desks: number,
  load: number,
  serviceMinutes: number,
  targetMinutes: number,
): number {
  if (load <= 0) return 1;
  if (desks <= load) return 0;
  const waiting = waitProbability(desks, load);
  return 1 - waiting * Math.exp((-(desks - load) * targetMinutes) / serviceMinutes);
}

/** The most desks ever suggested for one hour: a bound on the search, far above any front office. */
const MAX_DESKS = 500;

/**
 * The fewest desks that call `serviceLevel` of the people (e.g. 0.8) within
 * `targetMinutes`; never fewer than the offered load rounded up.
 */
export function desksForTarget(
  load: number,
  serviceMinutes: number,
  targetMinutes: number,
  serviceLevel: number,
): number {
  if (load <= 0) return 0;
  // The epsilon keeps 7.000000000001 (floating point) at 7.
  let desks = Math.max(1, Math.ceil(load - 1e-9));
  while (
    desks < MAX_DESKS &&
    shareWithinTarget(desks, load, serviceMinutes, targetMinutes) < serviceLevel
  )
    desks++;
  return desks;
}
