import { describe, expect, it } from "vitest";
import { generateHistory, openDays } from "../../scripts/demo-history/generate";
import { demoOfficeConfig } from "../../shared/demo-office";
import { computeOfficeReport, ReportTicket } from "../../shared/reports";

const days = openDays(demoOfficeConfig, "2026-11-26", 30);
const tickets = generateHistory(demoOfficeConfig, days);
const report = computeOfficeReport(tickets, {
  from: days[0]!,
  to: days.at(-1)!,
  timeZone: demoOfficeConfig.timeZone,
  targetWaitMinutes: 20,
});

describe("The demo office's past (npm run demo:history)", () => {
  it("Covers only open days before today: no Sundays, nothing today.", () => {
    expect(days).toHaveLength(30);
    expect(days.at(-1)! < "2026-11-26").toBe(true);
    for (const day of days) expect(new Date(`${day}T12:00:00Z`).getUTCDay()).not.toBe(0);
    expect(new Set(tickets.map((t) => t.day)).size).toBe(30);
  });

  it("Every ticket is a valid report row with a unique id, and the same seed gives the same past.", () => {
    for (const ticket of tickets.slice(0, 500))
      expect(ReportTicket.safeParse(ticket).success).toBe(true);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    expect(generateHistory(demoOfficeConfig, days.slice(0, 2))).toEqual(
      generateHistory(demoOfficeConfig, days.slice(0, 2)),
    );
  });

  it("Looks like the seed's office: a few hundred tickets a day, the URP busiest, peaks on weekday mornings and on Mondays.", () => {
    const perDay = tickets.length / days.length;
    expect(perDay).toBeGreaterThan(150);
    expect(perDay).toBeLessThan(350);
    const perService = report.ticketsPerDay.services;
    const urp = perService.find((s) => s.serviceId === "urp")!.total;
    for (const service of perService) expect(urp).toBeGreaterThanOrEqual(service.total);
    expect(report.arrivals.peak?.weekday).toBe("mon");
    expect(report.arrivals.peak?.hour).toBeGreaterThanOrEqual(9);
    expect(report.arrivals.peak?.hour).toBeLessThanOrEqual(11);
  });

  it("Waits come from the simulated desks: most people within the target, a tail at the peaks, a few no-shows and give-ups.", () => {
    const share = report.withinTarget.overall.share ?? 0;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.95);
    expect(report.outcomes.overall.noShows).toBeGreaterThan(0);
    expect(report.outcomes.overall.cancelled).toBeGreaterThan(0);
    expect(report.times.overall.service.medianSeconds).toBeGreaterThan(4 * 60);
  });
});
