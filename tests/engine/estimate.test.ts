import { describe, expect, it } from "vitest";
import {
  averageServiceSeconds,
  estimateWaitSeconds,
  openCountersFor,
  queueKey,
  queuePositionByScan,
  queuePositionOf,
  queuePositions,
  summarizeServices,
} from "../../shared/engine";
import { demoConfig, id, MINUTE, MONDAY_10, Office, SECOND, withModes } from "./helpers";

describe("Average service time", () => {
  it("Until a service has history, its average is its configured default time.", () => {
    const office = new Office();
    expect(averageServiceSeconds(office.state, "urp")).toBe(5 * 60);
    expect(averageServiceSeconds(office.state, "anagrafe")).toBe(15 * 60);
    expect(averageServiceSeconds(office.state, "edilizia")).toBe(30 * 60);
  });

  it("After completions the moving average replaces the default.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.advance(10 * MINUTE);
    office.ok({ type: "complete", counterId: "sportello-1" });
    expect(averageServiceSeconds(office.state, "urp")).toBe(300 + 0.2 * (600 - 300));
  });

  it("A service the office does not know falls back to ten minutes.", () => {
    const office = new Office();
    expect(averageServiceSeconds(office.state, "nope")).toBe(600);
  });
});

describe("Open counters", () => {
  it("Only counters in front-office mode that serve the service count as open for it.", () => {
    const office = new Office();
    expect(openCountersFor(office.state, "urp")).toBe(3); // 1, 2, 4 (6, 7 are back office)
    expect(openCountersFor(office.state, "anagrafe")).toBe(3); // 1, 2, 3
    expect(openCountersFor(office.state, "edilizia")).toBe(0); // 5, 6 are back office
    office.ok({ type: "setCounterMode", counterId: "sportello-4", mode: "paused" });
    office.ok({ type: "setCounterMode", counterId: "sportello-7", mode: "front" });
    expect(openCountersFor(office.state, "urp")).toBe(3);
    office.ok({ type: "setCounterMode", counterId: "sportello-1", mode: "closed" });
    expect(openCountersFor(office.state, "urp")).toBe(2);
  });

  it("A counter that is busy with a ticket still counts as open.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-4");
    expect(openCountersFor(office.state, "urp")).toBe(3);
  });
});

describe("Estimated wait", () => {
  it("The estimated wait is people ahead × average service time ÷ open counters, rounded to the second.", () => {
    const office = new Office();
    expect(estimateWaitSeconds(office.state, "urp", 4)).toBe(400); // 4 × 300 ÷ 3
    expect(estimateWaitSeconds(office.state, "anagrafe", 3)).toBe(900); // 3 × 900 ÷ 3
    expect(estimateWaitSeconds(office.state, "pagamenti", 1)).toBe(120); // 1 × 360 ÷ 3
    expect(estimateWaitSeconds(office.state, "elettorale", 1)).toBe(160); // 1 × 480 ÷ 3
    expect(estimateWaitSeconds(office.state, "scuola", 0)).toBe(0);
  });

  it("With no counter open for a service the estimate is null rather than a made-up number.", () => {
    const office = new Office();
    expect(estimateWaitSeconds(office.state, "edilizia", 2)).toBeNull();
    for (const counterId of ["sportello-1", "sportello-2", "sportello-4"]) {
      office.ok({ type: "setCounterMode", counterId, mode: "paused" });
    }
    expect(estimateWaitSeconds(office.state, "urp", 0)).toBeNull();
    expect(estimateWaitSeconds(office.state, "urp", 5)).toBeNull();
  });

  it("Opening a back-office desk shortens the estimate.", () => {
    const office = new Office();
    const before = estimateWaitSeconds(office.state, "urp", 6);
    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
    const after = estimateWaitSeconds(office.state, "urp", 6);
    expect(before).toBe(600); // 6 × 300 ÷ 3
    expect(after).toBe(450); // 6 × 300 ÷ 4
  });

  it("The estimate follows the service's measured average once there is history.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(20 * MINUTE); // sample 1200 → average 300 + 0.2 × 900 = 480
    office.ok({ type: "complete", counterId: "sportello-1" });
    expect(estimateWaitSeconds(office.state, "urp", 3)).toBe(480);
  });
});

describe("Queue summaries and positions", () => {
  it("The service summary lists every configured service with its waiting count and the wait for someone arriving now.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.issue("anagrafe");
    office.callNext("sportello-4"); // A001 called: no longer waiting
    const summary = summarizeServices(office.state);
    expect(summary.map((s) => s.serviceId)).toEqual(office.state.config.services.map((s) => s.id));
    expect(summary.find((s) => s.serviceId === "urp")).toEqual({
      serviceId: "urp",
      waiting: 1,
      estimatedWaitSeconds: 100,
    });
    expect(summary.find((s) => s.serviceId === "anagrafe")).toEqual({
      serviceId: "anagrafe",
      waiting: 1,
      estimatedWaitSeconds: 300,
    });
    expect(summary.find((s) => s.serviceId === "edilizia")).toEqual({
      serviceId: "edilizia",
      waiting: 0,
      estimatedWaitSeconds: null,
    });
  });

  it("A ticket transferred to a counter stands in that counter's queue, not in its service's.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-4" });
    const transferred = office.ticket(id("A001"))!;
    expect(queueKey(transferred)).toBe("counter:sportello-4");
    expect(queueKey(office.ticket(id("A002"))!)).toBe("service:urp");
    expect(summarizeServices(office.state).find((s) => s.serviceId === "urp")?.waiting).toBe(1);
    expect(queuePositions(office.state).get(id("A001"))?.peopleAhead).toBe(0);
    expect(queuePositions(office.state).get(id("A002"))?.peopleAhead).toBe(0);
  });

  it("Each waiting ticket's position counts the people ahead of it in its own queue, priority tickets first.", () => {
    const office = new Office();
    office.issue("urp"); // A001
    office.advance(SECOND);
    office.issue("anagrafe"); // B001
    office.advance(SECOND);
    office.issue("urp"); // A002
    office.advance(SECOND);
    office.issue("urp", { priority: true }); // A003
    const positions = queuePositions(office.state);
    expect(positions.get(id("A003"))).toEqual({ peopleAhead: 0, estimatedWaitSeconds: 0 });
    expect(positions.get(id("A001"))).toEqual({ peopleAhead: 1, estimatedWaitSeconds: 100 });
    expect(positions.get(id("A002"))).toEqual({ peopleAhead: 2, estimatedWaitSeconds: 200 });
    expect(positions.get(id("B001"))).toEqual({ peopleAhead: 0, estimatedWaitSeconds: 0 });
  });

  it("Called and served tickets have no queue position.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.callNext("sportello-1");
    office.callNext("sportello-2");
    office.ok({ type: "startService", counterId: "sportello-2" });
    expect(queuePositions(office.state).size).toBe(0);
  });

  it("The position of one ticket agrees with the positions computed for the whole office.", () => {
    const office = new Office();
    const services = ["urp", "anagrafe", "urp", "pagamenti", "urp", "anagrafe", "scuola", "urp"];
    services.forEach((service, index) => {
      office.advance(SECOND);
      office.issue(service, { priority: index % 5 === 3 });
    });
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-3" });
    const positions = queuePositions(office.state);
    const waiting = Object.values(office.state.tickets).filter((t) => t.status === "waiting");
    expect(positions.size).toBe(waiting.length);
    for (const ticket of waiting) {
      expect(queuePositionOf(office.state, ticket)).toEqual(positions.get(ticket.id));
    }
  });
  it("A ticket transferred to a counter that cannot call (back office) has no estimated wait.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-5" });
    expect(office.counter("sportello-5").mode).toBe("back-office");
    expect(queuePositions(office.state).get(id("A001"))?.estimatedWaitSeconds).toBeNull();
  });

  it("The wait of a ticket transferred to a counter is estimated for that single counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-4" });
    office.callNext("sportello-2");
    office.ok({ type: "transfer", counterId: "sportello-2", toCounterId: "sportello-4" });
    const second = queuePositions(office.state).get(id("A002"));
    expect(second?.peopleAhead).toBe(1);
    expect(second?.estimatedWaitSeconds).toBe(300); // 1 person × 300 s ÷ 1 counter
  });
});

describe("Early arrivals in the estimates", () => {
  /**
   * School enrolment (10 min, counters 1, 2 and 4 open) is mixed: three
   * walk-ins at 10:00, then two appointments checked in early, for 10:08
   * (due 10:06) and 11:00 (due 10:58).
   */
  function withEarlyArrivals(): Office {
    const office = new Office(withModes(demoConfig(), { scuola: "mixed" }));
    for (let i = 0; i < 3; i++) office.issue("scuola"); // E001–E003
    office.checkIn("scuola", "soon", MONDAY_10 + 8 * MINUTE); // E004
    office.checkIn("scuola", "later", MONDAY_10 + 60 * MINUTE); // E005
    return office;
  }

  it("Someone taking a ticket now has ahead the walk-ins and the early arrivals due before their turn, not those due after.", () => {
    const office = withEarlyArrivals();
    const scuola = summarizeServices(office.state, office.now).find(
      (s) => s.serviceId === "scuola",
    );
    // 3 walk-ins: 3 × 600 ÷ 3 = 10 minutes, by when E004 is due (10:06) but not E005 (10:58).
    expect(scuola).toEqual({ serviceId: "scuola", waiting: 5, estimatedWaitSeconds: 800 });
  });

  it("Without a moment every appointment counts, as a display (which cannot tell them apart) counts them.", () => {
    const office = withEarlyArrivals();
    expect(summarizeServices(office.state).find((s) => s.serviceId === "scuola")).toEqual({
      serviceId: "scuola",
      waiting: 5,
      estimatedWaitSeconds: 1000,
    });
  });

  it("A waiting walk-in counts an early arrival only if it is due by the walk-in's expected call.", () => {
    const office = withEarlyArrivals();
    const positions = queuePositions(office.state, office.now);
    expect(positions.get(id("E001"))).toEqual({ peopleAhead: 0, estimatedWaitSeconds: 0 });
    // E002 expected at 10:03:20, before E004 is due.
    expect(positions.get(id("E002"))).toEqual({ peopleAhead: 1, estimatedWaitSeconds: 200 });
    // E003 expected at 10:06:40: E004 (due 10:06) will be called before it.
    expect(positions.get(id("E003"))).toEqual({ peopleAhead: 3, estimatedWaitSeconds: 600 });
  });

  it("An early arrival waits at least until its appointment is due, behind the appointments before it.", () => {
    const office = withEarlyArrivals();
    const positions = queuePositions(office.state, office.now);
    expect(positions.get(id("E004"))).toEqual({ peopleAhead: 0, estimatedWaitSeconds: 6 * 60 });
    expect(positions.get(id("E005"))).toEqual({ peopleAhead: 1, estimatedWaitSeconds: 58 * 60 });
    office.advance(6 * MINUTE); // E004 is due: it goes before the walk-ins
    expect(queuePositions(office.state, office.now).get(id("E004"))).toEqual({
      peopleAhead: 0,
      estimatedWaitSeconds: 0,
    });
    expect(queuePositions(office.state, office.now).get(id("E001"))?.peopleAhead).toBe(1);
  });

  it("One ticket's position at a moment is the same as in the whole queue's.", () => {
    const office = withEarlyArrivals();
    office.issue("scuola", { priority: true });
    for (const at of [0, 5 * MINUTE, 7 * MINUTE, 50 * MINUTE, 2 * 60 * MINUTE]) {
      const now = office.now + at;
      const positions = queuePositions(office.state, now);
      for (const ticket of Object.values(office.state.tickets)) {
        expect(queuePositionOf(office.state, ticket, now), `${ticket.code} at +${at}`).toEqual(
          positions.get(ticket.id),
        );
      }
    }
  });
});

describe("The queue census (a just-issued walk-in's place without reading every ticket)", () => {
  it("Counts from the census what a full read counts, also for tickets of one millisecond whose codes pass 999.", () => {
    const office = new Office();
    const prefix = office.state.config.services.find((s) => s.id === "urp")!.prefix;
    // Build the census before the tickets come, so evolve keeps it in step from here.
    queuePositionOf(office.state, office.issue("urp"));
    office.state.lastNumbers[prefix] = 998;
    office.advance(SECOND);
    const nineHundredNinetyNine = office.issue("urp");
    // Same millisecond: "…-A1000" sorts before "…-A999", so the newer ticket is ahead of it.
    const thousand = office.issue("urp");
    expect(thousand.code).toBe(`${prefix}1000`);
    for (const ticket of [nineHundredNinetyNine, thousand]) {
      const live = office.state.tickets[ticket.id]!;
      expect(queuePositionOf(office.state, live, office.now)).toEqual(
        queuePositionByScan(office.state, live, office.now),
      );
    }
    expect(queuePositionOf(office.state, office.state.tickets[thousand.id]!).peopleAhead).toBe(1);
    expect(
      queuePositionOf(office.state, office.state.tickets[nineHundredNinetyNine.id]!).peopleAhead,
    ).toBe(2);
  });
});
