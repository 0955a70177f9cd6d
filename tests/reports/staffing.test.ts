import { describe, expect, it } from "vitest";
import { computeOfficeReport, type ReportTicket } from "../../shared/reports";

/**
 * Two Mondays (7 and 14 April 2025, Rome summer time: 10:00 is 08:00 UTC) with 38
 * arrivals each between 10:00 and 10:59, every one served in 9 min 30 s.
 */
function busyMondays(): ReportTicket[] {
  const tickets: ReportTicket[] = [];
  for (const day of ["2025-04-07", "2025-04-14"]) {
    const tenOClock = Date.parse(`${day}T10:00:00+02:00`);
    for (let n = 1; n <= 38; n++) {
      const issuedAt = tenOClock + (n - 1) * 90_000; // one every 90 s: the last at 10:55:30
      const startedAt = issuedAt + 60_000;
      tickets.push({
        id: `${day}-A${String(n).padStart(3, "0")}`,
        day,
        code: `A${String(n).padStart(3, "0")}`,
        serviceId: "anagrafe",
        counterId: "sportello-1",
        clerkId: "acc_anna",
        clerkName: "Anna",
        status: "done",
        channel: "kiosk",
        priority: false,
        issuedAt,
        calledAt: startedAt,
        startedAt,
        finishedAt: startedAt + 570_000,
        transfers: 0,
        recalls: 0,
      });
    }
  }
  return tickets;
}

describe("Staffing", () => {
  it("answers 'Mon 10:00 — 38 arrivals/h, 9.5 min each → 7 desks'.", () => {
    const report = computeOfficeReport(busyMondays(), {
      timeZone: "Europe/Rome",
      targetWaitMinutes: 20,
      from: "2025-04-07",
      to: "2025-04-14",
    });
    // 76 arrivals / 2 Mondays = 38 per hour; 38 × 9.5 / 60 = 6.0167 Erlangs → 7 desks keep up,
    // and 7 also call 92.2% within 20 min (Erlang C).
    expect(report.staffing.cells[10]).toEqual({
      weekday: "mon",
      hour: 10,
      meanArrivals: 38,
      appointmentMinutes: 0,
      meanServiceMinutes: 9.5,
      offeredLoad: (38 * 9.5) / 60,
      desks: 7,
      desksForTarget: 7,
    });
  });

  it("adds desks for a tighter target wait: within 5 min, 7 desks call 63.1% and 8 call 87.3%.", () => {
    const report = computeOfficeReport(busyMondays(), {
      timeZone: "Europe/Rome",
      targetWaitMinutes: 5,
      from: "2025-04-07",
      to: "2025-04-14",
    });
    expect(report.staffing.cells[10]).toMatchObject({ desks: 7, desksForTarget: 8 });
    expect(report.staffing.targetWaitMinutes).toBe(5);
  });

  it("counts desks for the office's own share: 7 desks call 92.2% within 20 min, 8 call 99.4%.", () => {
    const options = {
      timeZone: "Europe/Rome",
      targetWaitMinutes: 20,
      from: "2025-04-07",
      to: "2025-04-14",
    };
    const at90 = computeOfficeReport(busyMondays(), { ...options, targetSharePercent: 90 });
    expect(at90.staffing.serviceLevel).toBe(0.9);
    expect(at90.staffing.cells[10]).toMatchObject({ desks: 7, desksForTarget: 7 });
    const at99 = computeOfficeReport(busyMondays(), { ...options, targetSharePercent: 99 });
    expect(at99.staffing.cells[10]).toMatchObject({ desks: 7, desksForTarget: 8 });
  });

  it("leaves desks unknown when no ticket was ever served, instead of guessing a service time.", () => {
    const waitingOnly = busyMondays().map((t) => ({
      ...t,
      status: "cancelled" as const,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
    }));
    const report = computeOfficeReport(waitingOnly, {
      timeZone: "Europe/Rome",
      targetWaitMinutes: 20,
      from: "2025-04-07",
      to: "2025-04-14",
    });
    expect(report.staffing.cells[10]).toMatchObject({
      meanArrivals: 38,
      offeredLoad: null,
      desks: null,
      desksForTarget: null,
    });
  });

  it("never asks for fewer desks to meet the target than to keep up, even when every service took no time.", () => {
    const instant = busyMondays().map((t) => ({ ...t, finishedAt: t.startedAt }));
    const report = computeOfficeReport(instant, {
      timeZone: "Europe/Rome",
      targetWaitMinutes: 20,
      from: "2025-04-07",
      to: "2025-04-14",
    });
    expect(report.staffing.cells[10]).toMatchObject({
      offeredLoad: 0,
      desks: 1,
      desksForTarget: 1,
    });
  });
});
