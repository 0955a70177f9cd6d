import { describe, expect, it } from "vitest";
import {
  SWITCH_BACK_SHARE,
  switchBackAdvice,
  waitAlerts,
  withCounterMode,
} from "../../dashboard/model/staffing-advice";
import { summarizeServices } from "../../shared/engine/estimate";
import { MINUTE, Office } from "../engine/helpers";

/*
 * The demo office: Anagrafe (15 min by default) is served at the front by
 * Sportello 1, 2 and 3, and in the back office by Sportello 5 and 7; the target
 * wait is 20 minutes.
 */
function issueMany(office: Office, serviceId: string, count: number) {
  for (let i = 0; i < count; i++) {
    office.issue(serviceId);
    office.advance(10_000);
  }
}

function estimateOf(office: Office, serviceId: string) {
  return summarizeServices(office.state).find((s) => s.serviceId === serviceId)
    ?.estimatedWaitSeconds;
}

describe("The wait alert", () => {
  it("stays quiet while every estimated wait is within the target.", () => {
    const office = new Office();
    issueMany(office, "anagrafe", 4); // 4 × 15 min ÷ 3 desks = 20 min: at the target, not past it
    expect(estimateOf(office, "anagrafe")).toBe(20 * 60);
    expect(waitAlerts(office.state)).toEqual([]);
  });

  it("names the service past the target and offers its back-office desks, with the engine's wait after the switch.", () => {
    const office = new Office();
    issueMany(office, "anagrafe", 12); // 12 × 15 ÷ 3 = 60 min
    const [alert, ...others] = waitAlerts(office.state);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      serviceId: "anagrafe",
      waiting: 12,
      estimatedWaitSeconds: 60 * 60,
      targetSeconds: 20 * 60,
    });
    expect(alert?.options.map((o) => o.counterId)).toEqual(["sportello-5", "sportello-7"]);
    // 12 × 15 ÷ 4 desks = 45 min, as the displays will say once the desk is at the front.
    expect(alert?.options[0]?.estimatedWaitAfterSeconds).toBe(45 * 60);
    const switched = withCounterMode(office.state, "sportello-5", "front");
    expect(alert?.options[0]?.estimatedWaitAfterSeconds).toBe(
      summarizeServices(switched).find((s) => s.serviceId === "anagrafe")?.estimatedWaitSeconds,
    );
  });

  it("offers first the desk that relieves the most queues over target.", () => {
    const office = new Office();
    issueMany(office, "anagrafe", 12);
    issueMany(office, "urp", 30); // 30 × 5 ÷ 3 = 50 min; Sportello 7 serves both
    const alerts = waitAlerts(office.state);
    expect(alerts.map((a) => a.serviceId)).toEqual(["urp", "anagrafe"]);
    const anagrafe = alerts.find((a) => a.serviceId === "anagrafe");
    expect(anagrafe?.options.map((o) => [o.counterId, o.helps])).toEqual([
      ["sportello-7", 2],
      ["sportello-5", 1],
    ]);
  });

  it("also alerts when people wait and no desk is open for them, and says when no back-office desk can help.", () => {
    const office = new Office();
    issueMany(office, "scuola", 2);
    for (const counterId of ["sportello-1", "sportello-2", "sportello-4"])
      office.ok({ type: "setCounterMode", counterId, mode: "paused" });
    const alert = waitAlerts(office.state).find((a) => a.serviceId === "scuola");
    expect(alert?.estimatedWaitSeconds).toBeNull();
    // Sportello 6 handles school enrolment in the back office.
    expect(alert?.options.map((o) => o.counterId)).toEqual(["sportello-6"]);

    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "closed" });
    expect(waitAlerts(office.state).find((a) => a.serviceId === "scuola")?.options).toEqual([]);
  });

  it("changes nothing in the state it reads.", () => {
    const office = new Office();
    issueMany(office, "anagrafe", 12);
    const before = structuredClone(office.state);
    waitAlerts(office.state);
    switchBackAdvice(office.state);
    expect(office.state).toEqual(before);
  });
});

describe("Switching back", () => {
  it("waits until one desk fewer keeps the wait under half the target, not merely under it.", () => {
    expect(SWITCH_BACK_SHARE).toBe(0.5);
    const office = new Office();
    issueMany(office, "anagrafe", 12);
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    // Just switched: going back would put the wait at 60 min again.
    expect(switchBackAdvice(office.state)).toEqual([]);

    // Serve the queue down to 3 (15 minutes each, so the average stays 15): without
    // Sportello 5, 3 × 15 ÷ 3 = 15 min, under the target but over half of it.
    const desks = ["sportello-1", "sportello-2", "sportello-3"];
    for (let i = 0; i < 9; i++) {
      const counterId = desks[i % 3]!;
      office.callNext(counterId);
      office.ok({ type: "startService", counterId });
      office.advance(15 * MINUTE);
      office.ok({ type: "complete", counterId });
    }
    expect(estimateOf(office, "anagrafe")).toBeLessThan(20 * 60);
    expect(switchBackAdvice(office.state)).toEqual([]);

    // Down to 2: 2 × 15 ÷ 3 = 10 min, exactly half the target: Sportello 5 may go back.
    office.callNext("sportello-1");
    const advice = switchBackAdvice(office.state);
    expect(advice).toEqual([
      {
        counterId: "sportello-5",
        name: "Sportello 5",
        worstWaitAfterSeconds: 10 * 60,
        ticketCode: null,
      },
    ]);
  });

  it("is not offered for a desk that is the last one open for a walk-in service.", () => {
    const office = new Office();
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    // Stato civile: Sportello 1, 2, 3 at the front by default; close them all.
    for (const counterId of ["sportello-1", "sportello-2", "sportello-3"])
      office.ok({ type: "setCounterMode", counterId, mode: "closed" });
    expect(switchBackAdvice(office.state)).toEqual([]);
    // Unless the service's tickets are finished for today and no one waits.
    office.ok({ type: "setServiceToday", serviceId: "anagrafe", open: false });
    office.ok({ type: "setServiceToday", serviceId: "stato-civile", open: false });
    expect(switchBackAdvice(office.state).map((a) => a.counterId)).toEqual(["sportello-5"]);
  });

  it("does not hold a desk back for appointments that are handled in the back office on ordinary days.", () => {
    const office = new Office();
    // Edilizia (by appointment) is served only by Sportello 5 and 6, both back office by default.
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    expect(switchBackAdvice(office.state).map((a) => a.counterId)).toEqual(["sportello-5"]);
  });

  it("names the ticket the desk still holds, so it goes back after that one.", () => {
    const office = new Office();
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    const ticket = office.issue("anagrafe");
    office.callNext("sportello-5");
    expect(switchBackAdvice(office.state)[0]?.ticketCode).toBe(ticket.code);
  });
});
