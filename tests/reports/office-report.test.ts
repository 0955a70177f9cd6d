import { describe, expect, it } from "vitest";
import { computeOfficeReport, type OfficeReport } from "../../shared/reports";
import {
  ANNA,
  BRUNO,
  KNOWN_HISTORY,
  OUTSIDE_RANGE,
  RANGE,
  TARGET_WAIT_MINUTES,
  TIME_ZONE,
} from "./known-history";

/*
 * Every expected figure below is worked out by hand from known-history.ts; the comment
 * beside it shows the arithmetic. Durations are listed in minutes, sorted, and the
 * report gives seconds (× 60). Percentiles are nearest-rank: p90 of n values is the
 * ⌈0.9 n⌉-th smallest.
 */

const report: OfficeReport = computeOfficeReport([...KNOWN_HISTORY, ...OUTSIDE_RANGE], {
  timeZone: TIME_ZONE,
  targetWaitMinutes: TARGET_WAIT_MINUTES,
  ...RANGE,
});

const MON = 0;
const TUE = 1;
const WED = 2;

describe("The report of a known two-week history", () => {
  it("counts the 12 tickets of the range, 10 served, on 4 of the 14 days, ignoring the 2 outside.", () => {
    expect(report.totals).toEqual({ tickets: 12, served: 10, daysWithTickets: 4, daysInRange: 14 });
  });

  it("puts each arrival in its local weekday × hour cell, and averages over the 2 occurrences of each weekday.", () => {
    const { arrivals } = report;
    expect(arrivals.occurrences).toEqual([2, 2, 2, 2, 2, 2, 2]);
    // Mondays 10:00–10:59: A001 10:00, A002 10:10, T001 10:30 (3 March), A005 10:05, T003 10:20, A006 10:45 (10 March).
    expect(arrivals.total[MON]![10]).toBe(6);
    expect(arrivals.mean[MON]![10]).toBe(3); // 6 / 2 Mondays
    expect(arrivals.total[MON]![11]).toBe(1); // A003 11:00
    expect(arrivals.mean[MON]![11]).toBe(0.5);
    expect(arrivals.total[TUE]![9]).toBe(2); // T002 09:15, A004 09:40
    expect(arrivals.mean[TUE]![9]).toBe(1);
    expect(arrivals.total[WED]![15]).toBe(3); // T004 15:00, A007 15:10, A008 15:30
    expect(arrivals.mean[WED]![15]).toBe(1.5);
    // Nothing else: 6 + 1 + 2 + 3 = 12.
    expect(arrivals.total.flat().reduce((a, b) => a + b)).toBe(12);
    expect(arrivals.peak).toEqual({ weekday: "mon", hour: 10, total: 6, mean: 3 });
  });

  it("lists tickets per service on every day of the range.", () => {
    const { days, services } = report.ticketsPerDay;
    expect(days).toHaveLength(14);
    expect(days[0]).toBe("2025-03-03");
    expect(days[13]).toBe("2025-03-16");
    const zeros = (n: number) => new Array<number>(n).fill(0);
    expect(services).toEqual([
      {
        serviceId: "anagrafe",
        // 3 March: A001, A002, A003; 4 March: A004; 10 March: A005, A006; 12 March: A007, A008.
        perDay: [3, 1, ...zeros(5), 2, 0, 2, ...zeros(4)],
        total: 8,
      },
      {
        serviceId: "tributi",
        // T001 3 March, T002 4 March, T003 10 March, T004 12 March.
        perDay: [1, 1, ...zeros(5), 1, 0, 1, ...zeros(4)],
        total: 4,
      },
    ]);
  });

  it("computes wait times (issue → first call) overall and per service.", () => {
    const { overall, byService } = report.times;
    // Called: all but A004. Waits [2, 5, 5, 5, 10, 10, 20, 20, 25, 32, 42], sum 176.
    expect(overall.wait).toEqual({
      count: 11,
      meanSeconds: 960, // 176 / 11 = 16 min
      medianSeconds: 600, // 6th of 11 = 10 min
      p90Seconds: 1920, // ⌈9.9⌉ = 10th = 32 min
      minSeconds: 120,
      maxSeconds: 2520,
    });
    const anagrafe = byService.find((s) => s.serviceId === "anagrafe")!;
    // [2, 5, 5, 10, 10, 20, 32], sum 84.
    expect(anagrafe.wait).toEqual({
      count: 7,
      meanSeconds: 720, // 84 / 7 = 12 min
      medianSeconds: 600, // 4th of 7 = 10 min
      p90Seconds: 1920, // ⌈6.3⌉ = 7th = 32 min
      minSeconds: 120,
      maxSeconds: 1920,
    });
    const tributi = byService.find((s) => s.serviceId === "tributi")!;
    // [5, 20, 25, 42], sum 92.
    expect(tributi.wait).toEqual({
      count: 4,
      meanSeconds: 1380, // 92 / 4 = 23 min
      medianSeconds: 1350, // (20 + 25) / 2 = 22.5 min
      p90Seconds: 2520, // ⌈3.6⌉ = 4th = 42 min
      minSeconds: 300,
      maxSeconds: 2520,
    });
  });

  it("computes service times (start → finish) of done tickets only, overall and per service.", () => {
    const { overall, byService } = report.times;
    // Done: 10 tickets. [6, 9, 10, 12, 12, 15, 15, 20, 20, 30], sum 149.
    expect(overall.service).toEqual({
      count: 10,
      meanSeconds: 894, // 149 / 10 = 14.9 min
      medianSeconds: 810, // (12 + 15) / 2 = 13.5 min
      p90Seconds: 1200, // ⌈9⌉ = 9th = 20 min
      minSeconds: 360,
      maxSeconds: 1800,
    });
    // anagrafe [6, 9, 10, 12, 15, 20], sum 72 (A003 no-show and A004 cancelled have none).
    expect(byService.find((s) => s.serviceId === "anagrafe")!.service).toEqual({
      count: 6,
      meanSeconds: 720, // 72 / 6 = 12 min
      medianSeconds: 660, // (10 + 12) / 2 = 11 min
      p90Seconds: 1200, // ⌈5.4⌉ = 6th = 20 min
      minSeconds: 360,
      maxSeconds: 1200,
    });
    // tributi [12, 15, 20, 30], sum 77.
    expect(byService.find((s) => s.serviceId === "tributi")!.service).toEqual({
      count: 4,
      meanSeconds: 1155, // 77 / 4 = 19.25 min
      medianSeconds: 1050, // (15 + 20) / 2 = 17.5 min
      p90Seconds: 1800, // ⌈3.6⌉ = 4th = 30 min
      minSeconds: 720,
      maxSeconds: 1800,
    });
  });

  it("computes times per counter.", () => {
    const [one, two] = report.times.byCounter;
    expect(one!.counterId).toBe("sportello-1");
    // Waits A001 5, A002 10, A003 32, T003 20, A007 2, A008 10 → [2, 5, 10, 10, 20, 32], sum 79.
    expect(one!.wait).toMatchObject({
      count: 6,
      meanSeconds: 790, // 79 / 6 min = 790 s
      medianSeconds: 600, // (10 + 10) / 2
      p90Seconds: 1920, // ⌈5.4⌉ = 6th = 32 min
    });
    // Services A001 10, A002 15, T003 30, A007 9, A008 20 → [9, 10, 15, 20, 30], sum 84.
    expect(one!.service).toMatchObject({
      count: 5,
      meanSeconds: 1008, // 84 / 5 = 16.8 min
      medianSeconds: 900, // 3rd = 15 min
      p90Seconds: 1800, // ⌈4.5⌉ = 5th = 30 min
    });
    expect(two!.counterId).toBe("sportello-2");
    // Waits T001 25, T002 5, A005 20, A006 5, T004 42 → [5, 5, 20, 25, 42], sum 97.
    expect(two!.wait).toMatchObject({
      count: 5,
      meanSeconds: 1164, // 97 / 5 = 19.4 min
      medianSeconds: 1200, // 3rd = 20 min
      p90Seconds: 2520, // 5th = 42 min
    });
    // Services T001 20, T002 12, A005 12, A006 6, T004 15 → [6, 12, 12, 15, 20], sum 65.
    expect(two!.service).toMatchObject({
      count: 5,
      meanSeconds: 780, // 65 / 5 = 13 min
      medianSeconds: 720, // 3rd = 12 min
      p90Seconds: 1200, // 5th = 20 min
    });
  });

  it("computes times per clerk, who may work at more than one counter.", () => {
    const [anna, bruno] = report.times.byClerk;
    expect(anna).toMatchObject(ANNA);
    // Anna called A001, A002, A003, T002 (at sportello-2), T003, A007, A008.
    // Waits [2, 5, 5, 10, 10, 20, 32], sum 84.
    expect(anna!.wait).toMatchObject({
      count: 7,
      meanSeconds: 720, // 84 / 7 = 12 min
      medianSeconds: 600, // 4th = 10 min
      p90Seconds: 1920, // ⌈6.3⌉ = 7th = 32 min
    });
    // Services [9, 10, 12, 15, 20, 30], sum 96.
    expect(anna!.service).toMatchObject({
      count: 6,
      meanSeconds: 960, // 96 / 6 = 16 min
      medianSeconds: 810, // (12 + 15) / 2 = 13.5 min
      p90Seconds: 1800, // ⌈5.4⌉ = 6th = 30 min
    });
    expect(bruno).toMatchObject(BRUNO);
    // Bruno called T001, A005, A006, T004. Waits [5, 20, 25, 42], sum 92.
    expect(bruno!.wait).toMatchObject({
      count: 4,
      meanSeconds: 1380, // 92 / 4 = 23 min
      medianSeconds: 1350, // (20 + 25) / 2 = 22.5 min
      p90Seconds: 2520, // 4th = 42 min
    });
    // Services [6, 12, 15, 20], sum 53.
    expect(bruno!.service).toMatchObject({
      count: 4,
      meanSeconds: 795, // 53 / 4 = 13.25 min
      medianSeconds: 810, // (12 + 15) / 2 = 13.5 min
      p90Seconds: 1200, // 4th = 20 min
    });
  });

  it("gives the share of called tickets that waited at most the 20-minute target.", () => {
    const { withinTarget } = report;
    expect(withinTarget.targetWaitMinutes).toBe(20);
    // [2, 5, 5, 5, 10, 10, 20, 20 | 25, 32, 42]: 8 of 11 (20 itself is within).
    expect(withinTarget.overall).toEqual({ called: 11, withinTarget: 8, share: 8 / 11 });
    expect(withinTarget.byService).toEqual([
      { serviceId: "anagrafe", called: 7, withinTarget: 6, share: 6 / 7 }, // all but 32
      { serviceId: "tributi", called: 4, withinTarget: 2, share: 0.5 }, // 5 and 20
    ]);
  });

  it("counts no-shows, cancellations, transfers and recalls overall and per service.", () => {
    const none = { expired: 0 };
    expect(report.outcomes.overall).toEqual({
      ...none,
      tickets: 12,
      served: 10,
      noShows: 1, // A003
      cancelled: 1, // A004
      transfers: 1, // T003
      transferredTickets: 1,
      recalls: 3, // A003 twice, A006 once
    });
    expect(report.outcomes.byService).toEqual([
      {
        ...none,
        serviceId: "anagrafe",
        tickets: 8,
        served: 6,
        noShows: 1,
        cancelled: 1,
        transfers: 0,
        transferredTickets: 0,
        recalls: 3,
      },
      {
        ...none,
        serviceId: "tributi",
        tickets: 4,
        served: 4,
        noShows: 0,
        cancelled: 0,
        transfers: 1,
        transferredTickets: 1,
        recalls: 0,
      },
    ]);
  });

  it("says how many desks each hour needs from its arrivals and its service mix.", () => {
    const cell = (weekday: number, hour: number) => report.staffing.cells[weekday * 24 + hour]!;
    // Mondays at 10: anagrafe 4 / 2 = 2 per hour at 12 min, tributi 2 / 2 = 1 per hour at 19.25 min.
    // Load = (2 × 12 + 1 × 19.25) / 60 = 43.25 / 60 Erlangs; 43.25 / 3 min per arrival; 1 desk
    // keeps up, but Erlang C calls only 51.1% within 20 min with one desk, 96.8% with two.
    expect(cell(MON, 10)).toEqual({
      weekday: "mon",
      hour: 10,
      meanArrivals: 3,
      appointmentMinutes: 0,
      meanServiceMinutes: 43.25 / 3,
      offeredLoad: 43.25 / 60,
      desks: 1,
      desksForTarget: 2,
    });
    // Wednesdays at 15: anagrafe 2 / 2 = 1 per hour, tributi 1 / 2 = 0.5 per hour.
    // Load = (1 × 12 + 0.5 × 19.25) / 60 = 21.625 / 60: one desk calls 85.2% within 20 min.
    expect(cell(WED, 15)).toMatchObject({
      meanArrivals: 1.5,
      offeredLoad: 21.625 / 60,
      desks: 1,
      desksForTarget: 1,
    });
    expect(cell(MON, 9)).toEqual({
      weekday: "mon",
      hour: 9,
      meanArrivals: 0,
      appointmentMinutes: 0,
      meanServiceMinutes: null,
      offeredLoad: 0,
      desks: 0,
      desksForTarget: 0,
    });
    expect(report.staffing).toMatchObject({ targetWaitMinutes: 20, serviceLevel: 0.8 });
  });
});
