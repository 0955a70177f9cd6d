import type { DurationStats } from "./office-report";

/**
 * Count, mean, median, 90th percentile, min and max of durations given in milliseconds,
 * reported in seconds.
 *
 * Percentile method, nearest-rank: the p-th percentile of n sorted values is the value at
 * rank ⌈p/100 × n⌉ (1-based). It is always one of the observed durations ("90% waited at
 * most this long, and somebody waited exactly this long"), with no interpolation.
 * The median is the usual one: the middle value, or the mean of the two middle values.
 *
 * A year of tickets holds hundreds of thousands of durations per figure, and V8 sorts
 * typed arrays slowly (about 100 ns a value), so the two ranks are found by selection
 * instead of a full sort: linear time, in one typed array.
 */
export function durationStats(millis: ArrayLike<number>): DurationStats {
  return durationStatsInPlace(Float64Array.from(millis));
}

/** The same, reordering the given array instead of copying it. */
export function durationStatsInPlace(values: Float64Array): DurationStats {
  const count = values.length;
  if (count === 0) {
    return {
      count,
      meanSeconds: null,
      medianSeconds: null,
      p90Seconds: null,
      minSeconds: null,
      maxSeconds: null,
    };
  }
  let sum = 0;
  let min = values[0]!;
  let max = values[0]!;
  for (let i = 0; i < count; i++) {
    const value = values[i]!;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  // Select the 90th percentile first: afterwards the values before it are the smaller
  // ones, and the median, never above it, is selected among them alone.
  const p90Index = nearestRankIndex(count, 90);
  const p90 = selectInPlace(values, p90Index, 0, count - 1);
  const middle = count >> 1;
  const upperMiddle = selectInPlace(values, middle, 0, p90Index);
  // Even count: the lower middle value is the largest of those left of the upper one.
  const median = count % 2 === 1 ? upperMiddle : (largest(values, 0, middle) + upperMiddle) / 2;
  return {
    count,
    meanSeconds: sum / count / 1000,
    medianSeconds: median / 1000,
    p90Seconds: p90 / 1000,
    minSeconds: min / 1000,
    maxSeconds: max / 1000,
  };
}

/** The 0-based position of the p-th percentile among n sorted values, nearest-rank. */
function nearestRankIndex(count: number, percent: number): number {
  // percent × n first: an integer, so exact ranks (90 × 10 / 100 = 9) stay exact.
  return Math.max(1, Math.ceil((percent * count) / 100)) - 1;
}

/** The p-th percentile of ascending values, nearest-rank (see above). */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number {
  return sorted[nearestRankIndex(sorted.length, percent)]!;
}

/**
 * Hoare's selection (quickselect) on values[left..right]: moves the k-th smallest to
 * position k, smaller or equal values before it and larger or equal after, and returns it.
 * The pivot is the median of three, so sorted or constant input stays linear.
 */
function selectInPlace(values: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < values[lo]!) swap(values, mid, lo);
    if (values[hi]! < values[lo]!) swap(values, hi, lo);
    if (values[hi]! < values[mid]!) swap(values, hi, mid);
    const pivot = values[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now values[lo..j] ≤ pivot ≤ values[i..hi], and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

function swap(values: Float64Array, a: number, b: number) {
  const value = values[a]!;
  values[a] = values[b]!;
  values[b] = value;
}

/** The largest of values[from..to), to > from. */
function largest(values: Float64Array, from: number, to: number): number {
  let result = values[from]!;
  for (let i = from + 1; i < to; i++) if (values[i]! > result) result = values[i]!;
  return result;
}
