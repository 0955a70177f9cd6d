import { describe, expect, it } from "vitest";
import { RECENT_CALLS_KEPT } from "../../shared/engine";
import { demoConfig, eventsOfType, id, MINUTE, MONDAY_10, Office, SECOND } from "./helpers";

describe("Call next", () => {
  it("Calling marks the ticket called at the counter, records the call time and shows it first in the recent calls.", () => {
    const office = new Office();
    office.issue("anagrafe");
    office.advance(MINUTE);
    const events = office.ok({ type: "callNext", counterId: "sportello-1" });
    expect(events).toEqual([
      {
        type: "ticketCalled",
        at: MONDAY_10 + MINUTE,
        ticketId: id("B001"),
        counterId: "sportello-1",
        chosen: false,
      },
    ]);
    expect(office.ticket(id("B001"))).toMatchObject({
      status: "called",
      counterId: "sportello-1",
      calledAt: MONDAY_10 + MINUTE,
      startedAt: null,
    });
    expect(office.counter("sportello-1")).toEqual({ mode: "front", ticketId: id("B001") });
    expect(office.state.recentCalls[0]).toEqual({
      ticketId: id("B001"),
      code: "B001",
      serviceId: "anagrafe",
      counterId: "sportello-1",
      at: MONDAY_10 + MINUTE,
      recalls: 0,
    });
  });

  it("Call next takes the oldest waiting ticket across all the services the counter serves.", () => {
    const office = new Office();
    office.issue("pagamenti"); // F001, oldest
    office.advance(SECOND);
    office.issue("anagrafe"); // B001
    office.advance(SECOND);
    office.issue("urp"); // A001
    expect(office.callNext("sportello-1")).toBe(id("F001"));
    expect(office.callNext("sportello-2")).toBe(id("B001"));
    expect(office.callNext("sportello-4")).toBe(id("A001"));
  });

  it("A counter only calls tickets of the services it serves, skipping older tickets of other services.", () => {
    const office = new Office();
    office.issue("urp"); // sportello-3 does not serve urp
    office.advance(SECOND);
    office.issue("elettorale");
    expect(office.callNext("sportello-3")).toBe(id("D001"));
    office.ok({ type: "startService", counterId: "sportello-3" });
    office.refuse({ type: "callNext", counterId: "sportello-3" }, "queue_empty");
    expect(office.ticket(id("A001"))?.status).toBe("waiting");
  });

  it("A priority ticket is called before older ordinary tickets, whatever its service.", () => {
    const office = new Office();
    office.issue("urp");
    office.advance(MINUTE);
    office.issue("anagrafe");
    office.advance(MINUTE);
    office.issue("pagamenti", { priority: true });
    expect(office.callNext("sportello-1")).toBe(id("F001"));
    expect(office.callNext("sportello-2")).toBe(id("A001"));
  });

  it("Among priority tickets the oldest one is called first.", () => {
    const office = new Office();
    office.issue("urp", { priority: true });
    office.advance(MINUTE);
    office.issue("anagrafe", { priority: true });
    expect(office.callNext("sportello-1")).toBe(id("A001"));
    expect(office.callNext("sportello-2")).toBe(id("B001"));
  });

  it("A priority ticket of a service the counter does not serve does not block the counter's own queue.", () => {
    const office = new Office();
    office.issue("urp", { priority: true });
    office.advance(MINUTE);
    office.issue("anagrafe");
    expect(office.callNext("sportello-3")).toBe(id("B001"));
  });

  it("Tickets issued at the same instant are called in ticket id order, so ties never depend on chance.", () => {
    const office = new Office();
    office.issue("pagamenti");
    office.issue("anagrafe");
    office.issue("urp");
    office.issue("anagrafe");
    const order = ["sportello-1", "sportello-2", "sportello-3"].map((c) => office.callNext(c));
    expect(order).toEqual([id("A001"), id("B001"), id("B002")]);
  });

  it("Two counters calling one after the other get two different tickets.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    const first = office.callNext("sportello-1");
    const second = office.callNext("sportello-2");
    expect(first).not.toBe(second);
    expect(office.counter("sportello-1").ticketId).toBe(first);
    expect(office.counter("sportello-2").ticketId).toBe(second);
  });

  it("Call next with nobody waiting for the counter is refused with queue_empty.", () => {
    const office = new Office();
    office.refuse({ type: "callNext", counterId: "sportello-1" }, "queue_empty");
  });

  it.each(["back-office", "paused", "closed"] as const)(
    "A counter in %s mode cannot call tickets and is refused with counter_cannot_call.",
    (mode) => {
      const office = new Office();
      office.issue("urp");
      office.ok({ type: "setCounterMode", counterId: "sportello-1", mode });
      office.refuse({ type: "callNext", counterId: "sportello-1" }, "counter_cannot_call");
      office.refuse(
        { type: "callTicket", counterId: "sportello-1", ticketId: id("A001") },
        "counter_cannot_call",
      );
    },
  );

  it("A back-office desk cannot call until it is switched to front office, and then calls at once.", () => {
    const office = new Office();
    office.issue("urp");
    office.refuse({ type: "callNext", counterId: "sportello-6" }, "counter_cannot_call");
    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
    expect(office.callNext("sportello-6")).toBe(id("A001"));
  });

  it("An unknown counter is refused with unknown_counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.refuse({ type: "callNext", counterId: "sportello-99" }, "unknown_counter");
  });

  it("A counter whose ticket is still called is refused with counter_busy until the person is started, marked absent or transferred.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.callNext("sportello-1");
    office.refuse({ type: "callNext", counterId: "sportello-1" }, "counter_busy");
    office.refuse(
      { type: "callTicket", counterId: "sportello-1", ticketId: id("A002") },
      "counter_busy",
    );
    office.ok({ type: "noShow", counterId: "sportello-1" });
    expect(office.callNext("sportello-1")).toBe(id("A002"));
  });

  it("Call next completes the ticket being served at the counter and calls the next one in one step.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.callNext("sportello-1");
    office.advance(30 * SECOND);
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(4 * MINUTE);
    const events = office.ok({ type: "callNext", counterId: "sportello-1" });
    expect(events).toEqual([
      {
        type: "ticketCompleted",
        at: office.now,
        ticketId: id("A001"),
        counterId: "sportello-1",
        serviceSeconds: 240,
      },
      {
        type: "ticketCalled",
        at: office.now,
        ticketId: id("A002"),
        counterId: "sportello-1",
        chosen: false,
      },
    ]);
    expect(office.ticket(id("A001"))).toBeUndefined();
    expect(office.counter("sportello-1").ticketId).toBe(id("A002"));
    expect(office.state.timings.urp?.samples).toBe(1);
  });

  it("When nobody is waiting, call next is refused and leaves the ticket being served untouched.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.refuse({ type: "callNext", counterId: "sportello-1" }, "queue_empty");
    expect(office.ticket(id("A001"))?.status).toBe("serving");
    expect(office.counter("sportello-1").ticketId).toBe(id("A001"));
  });

  it(`The recent calls list keeps the ${RECENT_CALLS_KEPT} newest calls, newest first, with the counter of each call.`, () => {
    const office = new Office();
    for (let i = 0; i < 12; i++) office.issue("urp");
    for (let i = 0; i < 12; i++) {
      office.advance(MINUTE);
      const counter = i % 2 === 0 ? "sportello-1" : "sportello-2";
      if (office.counter(counter).ticketId) office.ok({ type: "startService", counterId: counter });
      office.callNext(counter);
    }
    const calls = office.state.recentCalls;
    expect(calls).toHaveLength(RECENT_CALLS_KEPT);
    expect(calls.map((c) => c.code)).toEqual([
      "A012",
      "A011",
      "A010",
      "A009",
      "A008",
      "A007",
      "A006",
      "A005",
      "A004",
      "A003",
    ]);
    expect(calls.map((c) => c.counterId).slice(0, 2)).toEqual(["sportello-2", "sportello-1"]);
  });
});

describe("Calling a chosen ticket", () => {
  it("A clerk can call a chosen waiting ticket out of queue order; the call is marked as chosen.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    office.issue("urp");
    const events = office.ok({
      type: "callTicket",
      counterId: "sportello-1",
      ticketId: id("A003"),
    });
    expect(events).toEqual([
      {
        type: "ticketCalled",
        at: MONDAY_10,
        ticketId: id("A003"),
        counterId: "sportello-1",
        chosen: true,
      },
    ]);
    expect(office.ticket(id("A003"))).toMatchObject({ status: "called", counterId: "sportello-1" });
    expect(office.callNext("sportello-2")).toBe(id("A001"));
  });

  it("Calling a chosen ticket that is not in the queue is refused with unknown_ticket.", () => {
    const office = new Office();
    office.refuse(
      { type: "callTicket", counterId: "sportello-1", ticketId: id("A001") },
      "unknown_ticket",
    );
  });

  it("A finished ticket cannot be called again: it is no longer in the queue (unknown_ticket).", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "noShow", counterId: "sportello-1" });
    office.refuse(
      { type: "callTicket", counterId: "sportello-2", ticketId: id("A001") },
      "unknown_ticket",
    );
  });

  it("Calling a chosen ticket already called or served at another counter is refused with ticket_not_waiting.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.refuse(
      { type: "callTicket", counterId: "sportello-2", ticketId: id("A001") },
      "ticket_not_waiting",
    );
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.refuse(
      { type: "callTicket", counterId: "sportello-2", ticketId: id("A001") },
      "ticket_not_waiting",
    );
  });

  it("Calling a chosen ticket first completes the ticket being served at that counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("anagrafe");
    office.callNext("sportello-1");
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(2 * MINUTE);
    const events = office.ok({
      type: "callTicket",
      counterId: "sportello-1",
      ticketId: id("B001"),
    });
    expect(events.map((e) => e.type)).toEqual(["ticketCompleted", "ticketCalled"]);
    expect(eventsOfType(events, "ticketCompleted")[0]).toMatchObject({
      ticketId: id("A001"),
      serviceSeconds: 120,
    });
  });

  it("Calling a chosen ticket is subject to the same counter checks as call next.", () => {
    const office = new Office();
    office.issue("urp");
    office.refuse(
      { type: "callTicket", counterId: "sportello-99", ticketId: id("A001") },
      "unknown_counter",
    );
    office.refuse(
      { type: "callTicket", counterId: "sportello-5", ticketId: id("A001") },
      "counter_cannot_call",
    );
  });

  it("A clerk may call a chosen ticket of a service the counter does not normally serve.", () => {
    // Current behaviour: callTicket does not check the counter's services (a
    // clerk helping out another queue). See the report for discussion.
    const office = new Office();
    office.issue("urp");
    office.ok({ type: "callTicket", counterId: "sportello-3", ticketId: id("A001") });
    expect(office.ticket(id("A001"))?.counterId).toBe("sportello-3");
  });
  it("A ticket transferred to one counter cannot be called as a chosen ticket by another counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-4" });
    const result = office.run({
      type: "callTicket",
      counterId: "sportello-2",
      ticketId: id("A001"),
    });
    expect(result.error?.code).toBe("ticket_reserved");
    expect(office.ticket(id("A001"))?.targetCounterId).toBe("sportello-4");
  });

  it("The target counter can call a ticket transferred to it as a chosen ticket, which clears the target.", () => {
    const office = new Office(demoConfig());
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-4" });
    office.ok({ type: "callTicket", counterId: "sportello-4", ticketId: id("A001") });
    expect(office.ticket(id("A001"))).toMatchObject({
      status: "called",
      counterId: "sportello-4",
      targetCounterId: null,
    });
  });
});
