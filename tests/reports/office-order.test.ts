import { describe, expect, it } from "vitest";
import { computeOfficeReport, inOfficeOrder } from "../../shared/reports";
import { KNOWN_HISTORY, RANGE, TARGET_WAIT_MINUTES, TIME_ZONE } from "./known-history";

/* Issue 10, point 17: the reports listed services by id, so "Informazioni / URP" (urp), first in Setup, came last. */
const report = computeOfficeReport(KNOWN_HISTORY, {
  ...RANGE,
  timeZone: TIME_ZONE,
  targetWaitMinutes: TARGET_WAIT_MINUTES,
});
const serviceIds = [...new Set(KNOWN_HISTORY.map((t) => t.serviceId))].sort();
const counterIds = [
  ...new Set(KNOWN_HISTORY.flatMap((t) => (t.counterId ? [t.counterId] : []))),
].sort();
// Setup's order: the ids reversed, so it differs from the id order everywhere.
const setupServices = [...serviceIds].reverse().map((id) => ({ id }));
const setupCounters = [...counterIds].reverse().map((id) => ({ id }));

describe("The report in the office's order", () => {
  it("has more than one service and counter to order (the fixture is worth testing with).", () => {
    expect(serviceIds.length).toBeGreaterThan(1);
    expect(counterIds.length).toBeGreaterThan(1);
    expect(report.times.byService.map((r) => r.serviceId)).toEqual(serviceIds);
  });

  it("lists every per-service table in Setup's order, not by id.", () => {
    const ordered = inOfficeOrder(report, { services: setupServices, counters: setupCounters });
    const expected = setupServices.map((s) => s.id);
    expect(ordered.times.byService.map((r) => r.serviceId)).toEqual(expected);
    expect(ordered.withinTarget.byService.map((r) => r.serviceId)).toEqual(expected);
    expect(ordered.outcomes.byService.map((r) => r.serviceId)).toEqual(expected);
    expect(ordered.ticketsPerDay.services.map((r) => r.serviceId)).toEqual(expected);
  });

  it("lists counters in Setup's order, and keeps each row's figures with its service.", () => {
    const ordered = inOfficeOrder(report, { services: setupServices, counters: setupCounters });
    expect(ordered.times.byCounter.map((r) => r.counterId)).toEqual(setupCounters.map((c) => c.id));
    for (const row of ordered.withinTarget.byService)
      expect(row).toEqual(report.withinTarget.byService.find((r) => r.serviceId === row.serviceId));
  });

  it("puts services no longer configured last, in id order, and leaves the report it was given alone.", () => {
    const first = serviceIds[serviceIds.length - 1]!;
    const ordered = inOfficeOrder(report, { services: [{ id: first }], counters: [] });
    expect(ordered.times.byService.map((r) => r.serviceId)).toEqual([
      first,
      ...serviceIds.filter((id) => id !== first),
    ]);
    expect(report.times.byService.map((r) => r.serviceId)).toEqual(serviceIds);
  });
});
