import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durationStats, nearestRank } from "../../shared/reports";

const minutes = (...values: number[]) => values.map((m) => m * 60_000);

describe("Duration statistics", () => {
  it("takes the 90th percentile by nearest rank: the ⌈0.9 n⌉-th smallest value.", () => {
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(oneToTen, 90)).toBe(9); // ⌈9⌉ = 9th
    expect(nearestRank([...oneToTen, 11], 90)).toBe(10); // ⌈9.9⌉ = 10th
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([3, 8], 90)).toBe(8); // ⌈1.8⌉ = 2nd
    expect(nearestRank(oneToTen, 0)).toBe(1); // rank 0 means the smallest
  });

  it("reports seconds, whatever order the durations come in, with the usual median.", () => {
    expect(durationStats(minutes(30, 1, 4, 2))).toEqual({
      count: 4,
      meanSeconds: 555, // (1 + 2 + 4 + 30) / 4 = 9.25 min
      medianSeconds: 180, // (2 + 4) / 2 = 3 min
      p90Seconds: 1800, // ⌈3.6⌉ = 4th = 30 min
      minSeconds: 60,
      maxSeconds: 1800,
    });
  });

  it("has no figures but the count for no durations.", () => {
    expect(durationStats([])).toEqual({
      count: 0,
      meanSeconds: null,
      medianSeconds: null,
      p90Seconds: null,
      minSeconds: null,
      maxSeconds: null,
    });
  });
});

describe("Duration statistics against a plain sort", () => {
  it("finds the same median and 90th percentile as sorting, for any durations.", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat({ max: 10 }), fc.nat({ max: 10_000_000 })), { minLength: 1 }),
        (millis) => {
          const sorted = [...millis].sort((a, b) => a - b);
          const n = sorted.length;
          const median =
            n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
          const stats = durationStats(millis);
          expect(stats.medianSeconds).toBe(median / 1000);
          expect(stats.p90Seconds).toBe(nearestRank(sorted, 90) / 1000);
          expect(stats.minSeconds).toBe(sorted[0]! / 1000);
          expect(stats.maxSeconds).toBe(sorted[n - 1]! / 1000);
        },
      ),
      { numRuns: 500 },
    );
  });
});
