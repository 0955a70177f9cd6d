import { describe, expect, it } from "vitest";
import {
  counterRows,
  counterTimer,
  isOverTarget,
  longestWaitMs,
  serviceRows,
  waitingTotal,
} from "../../dashboard/model/live-view";
import { todayTotals } from "../../dashboard/model/today";
import type { TodayFigures } from "../../shared/protocol/responses";
import { MINUTE, Office, SECOND } from "../engine/helpers";

const today: TodayFigures = {
  day: "2026-11-23",
  services: {
    anagrafe: { issued: 40, served: 31, noShows: 2, cancelled: 1 },
    urp: { issued: 12, served: 10, noShows: 0, cancelled: 0 },
  },
  counters: { "sportello-1": { clerkName: "Maria Rossi", since: 1 } },
};

describe("The live view's rows", () => {
  it("gives each service its people waiting, the longest wait so far, the engine's estimate and today's figures.", () => {
    const office = new Office();
    const first = office.issue("anagrafe");
    office.advance(4 * MINUTE);
    office.issue("anagrafe");
    office.advance(3 * MINUTE + 7 * SECOND);
    const rows = serviceRows(office.state, "en", today);
    const anagrafe = rows.find((r) => r.serviceId === "anagrafe")!;
    expect(anagrafe).toMatchObject({
      name: "Registry and ID card",
      prefix: "B",
      waiting: 2,
      oldestIssuedAt: first.issuedAt,
      estimatedWaitSeconds: 10 * 60, // 2 × 15 min ÷ 3 desks
      openCounters: 3,
      issuing: "open",
      overTarget: false,
      today: today.services.anagrafe,
    });
    expect(longestWaitMs(anagrafe, office.now)).toBe(7 * MINUTE + 7 * SECOND);
    const stato = rows.find((r) => r.serviceId === "stato-civile")!;
    expect(longestWaitMs(stato, office.now)).toBeNull();
    expect(stato.today).toBeNull();
    expect(rows.find((r) => r.serviceId === "urp")?.name).toBe("Information desk");
    expect(serviceRows(office.state, "it", null)[1]?.name).toBe("Anagrafe e carta d'identità");
  });

  it("counts an appointment's wait from when it is due, not from an early check-in.", () => {
    const office = new Office();
    office.checkIn("edilizia", "apt-1", office.now + 30 * MINUTE);
    office.advance(10 * MINUTE);
    const early = serviceRows(office.state, "en", null).find((r) => r.serviceId === "edilizia")!;
    expect(early.waiting).toBe(1);
    expect(longestWaitMs(early, office.now)).toBe(0);
    office.advance(25 * MINUTE); // due at the 28th minute
    const due = serviceRows(office.state, "en", null).find((r) => r.serviceId === "edilizia")!;
    expect(longestWaitMs(due, office.now)).toBe(7 * MINUTE);
  });

  it("says whether a service issues tickets: open, finished for today, or closed in setup.", () => {
    const office = new Office();
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    const rows = serviceRows(office.state, "en", null);
    expect(rows.find((r) => r.serviceId === "urp")?.issuing).toBe("closed-today");
    expect(rows.find((r) => r.serviceId === "anagrafe")?.issuing).toBe("open");
  });

  it("counts as over target an estimate past it, or people waiting with no desk open.", () => {
    expect(isOverTarget(0, null, 20)).toBe(false);
    expect(isOverTarget(3, 20 * 60, 20)).toBe(false);
    expect(isOverTarget(3, 20 * 60 + 1, 20)).toBe(true);
    expect(isOverTarget(1, null, 20)).toBe(true);
  });

  it("gives each counter its mode, usual mode, clerk, ticket and running time.", () => {
    const office = new Office();
    const ticket = office.issue("urp");
    office.callNext("sportello-1");
    office.advance(45 * SECOND);
    let rows = counterRows(office.state, today);
    const one = rows.find((r) => r.counterId === "sportello-1")!;
    expect(one).toMatchObject({
      name: "Sportello 1",
      mode: "front",
      defaultMode: "front",
      clerkName: "Maria Rossi",
      ticket: { code: ticket.code, status: "called" },
    });
    expect(counterTimer(one, office.now)).toEqual({ kind: "called", ms: 45 * SECOND });

    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(2 * MINUTE);
    rows = counterRows(office.state, today);
    expect(counterTimer(rows[0]!, office.now)).toEqual({ kind: "serving", ms: 2 * MINUTE });

    const five = rows.find((r) => r.counterId === "sportello-5")!;
    expect(five).toMatchObject({ mode: "back-office", defaultMode: "back-office", ticket: null });
    expect(five.clerkName).toBeNull();
    expect(counterTimer(five, office.now)).toBeNull();
  });

  it("adds up today's tickets issued and served, and the people waiting now.", () => {
    expect(todayTotals(today)).toEqual({ issued: 52, served: 41 });
    expect(todayTotals(null)).toBeNull();
    const office = new Office();
    office.issue("urp");
    office.issue("anagrafe");
    office.callNext("sportello-1");
    expect(waitingTotal(office.state)).toBe(1);
  });
});
