import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDay } from "../../shared/engine/clock";
import { ACTIVE_STATUSES, TERMINAL_STATUSES } from "../../shared/protocol/ticket";
import {
  computeOfficeReport,
  type DurationStats,
  OfficeReport,
  type ReportTicket,
} from "../../shared/reports";

const TIME_ZONE = "Europe/Rome";
const MINUTE = 60_000;
// Three weeks around the switch to summer time (30 March 2025), so some tickets cross it.
const WINDOW_START = Date.parse("2025-03-20T00:00:00+01:00");
const WINDOW_END = Date.parse("2025-04-10T00:00:00+02:00");
const DAYS = Array.from({ length: 22 }, (_, i) =>
  new Date(Date.UTC(2025, 2, 20 + i)).toISOString().slice(0, 10),
);

const optionalDelay = fc.option(fc.integer({ min: 0, max: 180 * MINUTE }), { nil: null });

const ticketArb: fc.Arbitrary<ReportTicket> = fc
  .record({
    issuedAt: fc.integer({ min: WINDOW_START, max: WINDOW_END - 1 }),
    serviceId: fc.constantFrom("anagrafe", "tributi", "urp"),
    counterId: fc.option(fc.constantFrom("sportello-1", "sportello-2"), { nil: null }),
    clerkId: fc.option(fc.constantFrom("acc_anna", "acc_bruno"), { nil: null }),
    status: fc.constantFrom(...ACTIVE_STATUSES, ...TERMINAL_STATUSES),
    channel: fc.constantFrom("kiosk", "staff", "remote", "api" as const),
    priority: fc.boolean(),
    wait: optionalDelay,
    startDelay: optionalDelay,
    service: optionalDelay,
    transfers: fc.nat({ max: 3 }),
    recalls: fc.nat({ max: 3 }),
  })
  .map((t) => {
    const day = localDay(t.issuedAt, TIME_ZONE);
    const calledAt = t.wait === null ? null : t.issuedAt + t.wait;
    const startedAt = calledAt === null || t.startDelay === null ? null : calledAt + t.startDelay;
    const finishedAt = startedAt === null || t.service === null ? null : startedAt + t.service;
    return {
      id: `${day}-A001`,
      day,
      code: "A001",
      serviceId: t.serviceId,
      counterId: t.counterId,
      clerkId: t.clerkId,
      clerkName: t.clerkId,
      status: t.status,
      channel: t.channel,
      priority: t.priority,
      issuedAt: t.issuedAt,
      calledAt,
      startedAt,
      finishedAt,
      transfers: t.transfers,
      recalls: t.recalls,
    };
  });

const rangeArb = fc
  .tuple(fc.nat({ max: DAYS.length - 1 }), fc.nat({ max: DAYS.length - 1 }))
  .map(([a, b]) => ({ from: DAYS[Math.min(a, b)]!, to: DAYS[Math.max(a, b)]! }));

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function expectOrdered(stats: DurationStats) {
  if (stats.count === 0) return;
  const { minSeconds: min, meanSeconds: mean, medianSeconds: median, p90Seconds: p90 } = stats;
  const max = stats.maxSeconds!;
  expect(min).not.toBeNull();
  expect(min!).toBeLessThanOrEqual(median!);
  expect(median!).toBeLessThanOrEqual(p90!);
  expect(p90!).toBeLessThanOrEqual(max);
  expect(mean!).toBeGreaterThanOrEqual(min! - 1e-9);
  expect(mean!).toBeLessThanOrEqual(max + 1e-9);
}

describe("Report properties on random histories", () => {
  it("counts every ticket of the range exactly once, in the heatmap, per day and per service.", () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 120 }), rangeArb, (tickets, range) => {
        const report = computeOfficeReport(tickets, {
          timeZone: TIME_ZONE,
          targetWaitMinutes: 20,
          ...range,
        });
        const inRange = tickets.filter((t) => t.day >= range.from && t.day <= range.to).length;
        expect(report.totals.tickets).toBe(inRange);
        expect(sum(report.arrivals.total.flat())).toBe(inRange);
        const perDay = report.ticketsPerDay.services;
        expect(sum(perDay.map((s) => s.total))).toBe(inRange);
        expect(sum(perDay.flatMap((s) => s.perDay))).toBe(inRange);
        for (const service of perDay) expect(sum(service.perDay)).toBe(service.total);
        expect(sum(report.outcomes.byService.map((s) => s.tickets))).toBe(inRange);
        expect(report.outcomes.overall.tickets).toBe(inRange);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every percentile between min and max, in order, with the mean in between too.", () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 120 }), rangeArb, (tickets, range) => {
        const { times, withinTarget, staffing } = computeOfficeReport(tickets, {
          timeZone: TIME_ZONE,
          targetWaitMinutes: 20,
          ...range,
        });
        const groups = [times.overall, ...times.byService, ...times.byCounter, ...times.byClerk];
        for (const group of groups) {
          expectOrdered(group.wait);
          expectOrdered(group.service);
        }
        expect(withinTarget.overall.called).toBe(times.overall.wait.count);
        expect(withinTarget.overall.withinTarget).toBeLessThanOrEqual(withinTarget.overall.called);
        for (const cell of staffing.cells) {
          if (cell.desks !== null && cell.offeredLoad !== null) {
            expect(cell.desks).toBeGreaterThanOrEqual(cell.offeredLoad - 1e-9);
            expect(cell.desksForTarget).toBeGreaterThanOrEqual(cell.desks);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("always produces a report its own wire schema accepts.", () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 60 }), rangeArb, (tickets, range) => {
        const report = computeOfficeReport(tickets, {
          timeZone: TIME_ZONE,
          targetWaitMinutes: 20,
          ...range,
        });
        expect(OfficeReport.safeParse(report).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
