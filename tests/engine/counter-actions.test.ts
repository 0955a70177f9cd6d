import { describe, expect, it } from "vitest";
import { SERVICE_SECONDS_RANGE, SERVICE_TIME_SMOOTHING } from "../../shared/engine";
import { HOUR, id, MINUTE, MONDAY_10, Office, SECOND } from "./helpers";

/** An office with A001 called at sportello-1 (and A002 called at sportello-2 when `two`). */
function officeWithCall(two = false): Office {
  const office = new Office();
  office.issue("urp");
  office.issue("urp");
  office.callNext("sportello-1");
  if (two) {
    office.advance(SECOND);
    office.callNext("sportello-2");
  }
  return office;
}

describe("Recall", () => {
  it("Recalling counts the recall on the ticket and moves its call back to the front of the recent calls.", () => {
    const office = officeWithCall(true);
    expect(office.state.recentCalls.map((c) => c.code)).toEqual(["A002", "A001"]);
    office.advance(MINUTE);
    const events = office.ok({ type: "recall", counterId: "sportello-1" });
    expect(events).toEqual([
      { type: "ticketRecalled", at: office.now, ticketId: id("A001"), counterId: "sportello-1" },
    ]);
    expect(office.ticket(id("A001"))?.recalls).toBe(1);
    expect(office.state.recentCalls).toHaveLength(2);
    expect(office.state.recentCalls[0]).toEqual({
      ticketId: id("A001"),
      code: "A001",
      serviceId: "urp",
      counterId: "sportello-1",
      at: office.now,
      recalls: 1,
    });
    expect(office.state.recentCalls[1]?.code).toBe("A002");
  });

  it("Every recall is counted, and the ticket stays called at the same counter.", () => {
    const office = officeWithCall();
    for (let i = 1; i <= 3; i++) {
      office.advance(30 * SECOND);
      office.ok({ type: "recall", counterId: "sportello-1" });
      expect(office.ticket(id("A001"))).toMatchObject({
        recalls: i,
        status: "called",
        counterId: "sportello-1",
        calledAt: MONDAY_10,
      });
      expect(office.state.recentCalls[0]?.recalls).toBe(i);
    }
  });

  it("A ticket already being served cannot be recalled (ticket_not_called).", () => {
    const office = officeWithCall();
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.refuse({ type: "recall", counterId: "sportello-1" }, "ticket_not_called");
  });

  it("A counter with no ticket has nothing to recall (no_current_ticket), and an unknown counter is refused.", () => {
    const office = new Office();
    office.refuse({ type: "recall", counterId: "sportello-1" }, "no_current_ticket");
    office.refuse({ type: "recall", counterId: "sportello-99" }, "unknown_counter");
  });
});

describe("Starting service", () => {
  it("Starting service marks the called ticket as being served and records when service started.", () => {
    const office = officeWithCall();
    office.advance(45 * SECOND);
    const events = office.ok({ type: "startService", counterId: "sportello-1" });
    expect(events).toEqual([
      { type: "serviceStarted", at: office.now, ticketId: id("A001"), counterId: "sportello-1" },
    ]);
    expect(office.ticket(id("A001"))).toMatchObject({
      status: "serving",
      counterId: "sportello-1",
      calledAt: MONDAY_10,
      startedAt: MONDAY_10 + 45 * SECOND,
    });
    expect(office.counter("sportello-1").ticketId).toBe(id("A001"));
  });

  it("Starting service twice is refused with ticket_not_called.", () => {
    const office = officeWithCall();
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.refuse({ type: "startService", counterId: "sportello-1" }, "ticket_not_called");
  });

  it("Starting service at a counter with no ticket is refused with no_current_ticket, at an unknown counter with unknown_counter.", () => {
    const office = officeWithCall();
    office.refuse({ type: "startService", counterId: "sportello-2" }, "no_current_ticket");
    office.refuse({ type: "startService", counterId: "sportello-99" }, "unknown_counter");
  });
});

describe("Completing a ticket", () => {
  it("Completing removes the ticket from the live state, frees the counter and reports the seconds since service started.", () => {
    const office = officeWithCall();
    office.advance(20 * SECOND);
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(7 * MINUTE + 400);
    const events = office.ok({ type: "complete", counterId: "sportello-1" });
    expect(events).toEqual([
      {
        type: "ticketCompleted",
        at: office.now,
        ticketId: id("A001"),
        counterId: "sportello-1",
        serviceSeconds: 420,
      },
    ]);
    expect(office.ticket(id("A001"))).toBeUndefined();
    expect(office.counter("sportello-1")).toEqual({ mode: "front", ticketId: null });
    expect(office.state.recentCalls[0]?.ticketId).toBe(id("A001"));
  });

  it("Completing a ticket that was called but never started measures the service from the call.", () => {
    const office = officeWithCall();
    office.advance(3 * MINUTE);
    const events = office.ok({ type: "complete", counterId: "sportello-1" });
    expect(events[0]).toMatchObject({ type: "ticketCompleted", serviceSeconds: 180 });
  });

  it("Service seconds are rounded to the nearest second and never negative, even if the clock went back.", () => {
    const office = officeWithCall();
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(-5 * SECOND);
    const events = office.ok({ type: "complete", counterId: "sportello-1" });
    expect(events[0]).toMatchObject({ type: "ticketCompleted", serviceSeconds: 0 });
  });

  it("The first completion moves the service's average a fifth of the way from its configured default toward the measured time.", () => {
    expect(SERVICE_TIME_SMOOTHING).toBe(0.2);
    const office = new Office();
    office.issue("anagrafe"); // default 15 minutes = 900 s
    office.callNext("sportello-1");
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(5 * MINUTE);
    office.ok({ type: "complete", counterId: "sportello-1" });
    expect(office.state.timings.anagrafe).toEqual({ averageSeconds: 780, samples: 1 });
  });

  it("Each later completion moves the moving average a fifth of the way toward the new time.", () => {
    const office = new Office();
    const serve = (seconds: number) => {
      office.issue("anagrafe");
      office.callNext("sportello-1");
      office.ok({ type: "startService", counterId: "sportello-1" });
      office.advance(seconds * SECOND);
      office.ok({ type: "complete", counterId: "sportello-1" });
    };
    serve(300); // 900 → 780
    serve(600); // 780 → 744
    serve(744); // stays
    const timing = office.state.timings.anagrafe;
    expect(timing?.samples).toBe(3);
    expect(timing?.averageSeconds).toBeCloseTo(744, 9);
  });

  it.each([
    ["10 seconds (a mis-click)", 10, SERVICE_SECONDS_RANGE.min],
    ["5 hours (a forgotten complete)", 5 * 3600, SERVICE_SECONDS_RANGE.max],
  ])(
    "A service time of %s is clamped to the allowed range before it enters the average, while the event keeps the measured time.",
    (_label, seconds, clamped) => {
      const office = new Office();
      office.issue("anagrafe");
      office.callNext("sportello-1");
      office.ok({ type: "startService", counterId: "sportello-1" });
      office.advance(seconds * SECOND);
      const events = office.ok({ type: "complete", counterId: "sportello-1" });
      expect(events[0]).toMatchObject({ serviceSeconds: seconds });
      expect(office.state.timings.anagrafe?.averageSeconds).toBeCloseTo(
        900 + 0.2 * (clamped - 900),
        9,
      );
    },
  );

  it("Completing one service's ticket leaves the other services' timings alone.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.advance(HOUR);
    office.ok({ type: "complete", counterId: "sportello-1" });
    expect(Object.keys(office.state.timings)).toEqual(["urp"]);
  });

  it("Completing at a counter with no ticket is refused with no_current_ticket, at an unknown counter with unknown_counter.", () => {
    const office = new Office();
    office.refuse({ type: "complete", counterId: "sportello-1" }, "no_current_ticket");
    office.refuse({ type: "complete", counterId: "sportello-99" }, "unknown_counter");
  });
});

describe("No-show", () => {
  it("A called ticket nobody answers can be marked no-show: it leaves the queue and frees the counter without touching timings.", () => {
    const office = officeWithCall();
    office.advance(2 * MINUTE);
    const events = office.ok({ type: "noShow", counterId: "sportello-1" });
    expect(events).toEqual([
      { type: "ticketNoShow", at: office.now, ticketId: id("A001"), counterId: "sportello-1" },
    ]);
    expect(office.ticket(id("A001"))).toBeUndefined();
    expect(office.counter("sportello-1").ticketId).toBeNull();
    expect(office.state.timings).toEqual({});
    expect(office.callNext("sportello-1")).toBe(id("A002"));
  });

  it("A ticket being served cannot be marked no-show (ticket_not_called).", () => {
    const office = officeWithCall();
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.refuse({ type: "noShow", counterId: "sportello-1" }, "ticket_not_called");
  });

  it("No-show at a counter with no ticket is refused with no_current_ticket, at an unknown counter with unknown_counter.", () => {
    const office = new Office();
    office.refuse({ type: "noShow", counterId: "sportello-1" }, "no_current_ticket");
    office.refuse({ type: "noShow", counterId: "sportello-99" }, "unknown_counter");
  });
});

describe("Counter mode", () => {
  it("Counters start in their configured default mode: four front counters and three back-office desks.", () => {
    const office = new Office();
    expect(
      Object.fromEntries(Object.entries(office.state.counters).map(([c, s]) => [c, s.mode])),
    ).toEqual({
      "sportello-1": "front",
      "sportello-2": "front",
      "sportello-3": "front",
      "sportello-4": "front",
      "sportello-5": "back-office",
      "sportello-6": "back-office",
      "sportello-7": "back-office",
    });
  });

  it.each(["back-office", "paused", "closed", "front"] as const)(
    "Switching a counter to %s mode emits counterModeChanged and updates the counter.",
    (mode) => {
      const office = new Office();
      office.ok({
        type: "setCounterMode",
        counterId: "sportello-7",
        mode: mode === "back-office" ? "front" : "back-office",
      });
      const events = office.ok({ type: "setCounterMode", counterId: "sportello-7", mode });
      expect(events).toEqual([
        { type: "counterModeChanged", at: MONDAY_10, counterId: "sportello-7", mode },
      ]);
      expect(office.counter("sportello-7").mode).toBe(mode);
    },
  );

  it("Setting the mode a counter already has is accepted with no event.", () => {
    const office = new Office();
    const result = office.run({ type: "setCounterMode", counterId: "sportello-1", mode: "front" });
    expect(result.error).toBeNull();
    expect(result.events).toEqual([]);
    expect(office.counter("sportello-1").mode).toBe("front");
  });

  it("Setting the mode of an unknown counter is refused with unknown_counter.", () => {
    const office = new Office();
    office.refuse(
      { type: "setCounterMode", counterId: "sportello-99", mode: "front" },
      "unknown_counter",
    );
  });

  it("Pausing a counter keeps the ticket it holds, which the clerk can still finish.", () => {
    const office = officeWithCall();
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.ok({ type: "setCounterMode", counterId: "sportello-1", mode: "paused" });
    expect(office.counter("sportello-1")).toEqual({ mode: "paused", ticketId: id("A001") });
    office.advance(MINUTE);
    office.ok({ type: "complete", counterId: "sportello-1" });
    expect(office.counter("sportello-1")).toEqual({ mode: "paused", ticketId: null });
  });
});

describe("Cancelling a ticket", () => {
  it("A waiting ticket can be cancelled: it leaves the queue and is never called.", () => {
    const office = new Office();
    office.issue("urp");
    office.issue("urp");
    const events = office.ok({ type: "cancelTicket", ticketId: id("A001") });
    expect(events).toEqual([{ type: "ticketCancelled", at: MONDAY_10, ticketId: id("A001") }]);
    expect(office.ticket(id("A001"))).toBeUndefined();
    expect(office.callNext("sportello-1")).toBe(id("A002"));
  });

  it("A called ticket can be cancelled, which frees its counter.", () => {
    const office = officeWithCall();
    office.ok({ type: "cancelTicket", ticketId: id("A001") });
    expect(office.ticket(id("A001"))).toBeUndefined();
    expect(office.counter("sportello-1").ticketId).toBeNull();
    expect(office.callNext("sportello-1")).toBe(id("A002"));
  });

  it("A ticket being served cannot be cancelled (ticket_not_waiting).", () => {
    const office = officeWithCall();
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.refuse({ type: "cancelTicket", ticketId: id("A001") }, "ticket_not_waiting");
  });

  it("Cancelling an unknown or already finished ticket is refused with unknown_ticket.", () => {
    const office = new Office();
    office.refuse({ type: "cancelTicket", ticketId: id("A001") }, "unknown_ticket");
    office.issue("urp");
    office.ok({ type: "cancelTicket", ticketId: id("A001") });
    office.refuse({ type: "cancelTicket", ticketId: id("A001") }, "unknown_ticket");
  });
});
