import { describe, expect, it } from "vitest";
import {
  averageServiceSeconds,
  estimateWaitSeconds,
  openCountersFor,
  queueKey,
  queuePositionOf,
  queuePositions,
  summarizeServices,
} from "../../shared/engine";
import { id, MINUTE, Office, SECOND } from "./helpers";

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
