import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPOINTMENT_CALLABLE_EARLY_MS,
  averageServiceSeconds,
  CALL_RANK,
  callMoment,
  callNextChoice,
  callRank,
  firstInCallOrder,
  isCallableBy,
  nextTicketFor,
  starvationBoundMs,
} from "../../shared/engine";
import type { OfficeState, Ticket } from "../../shared/protocol";
import { demoConfig, id, MINUTE, MONDAY_10, Office, withModes } from "./helpers";

/*
 * The call order's look-ahead (routing.ts): a counter does not start a walk-in
 * who is expected to be still at the desk when a checked-in appointment it
 * serves falls due, unless another free counter may take that appointment.
 *
 * In the demo office building permits (edilizia, G) are served by Sportello 5
 * and 6 only, both in back office at the start. Sportello 5 also serves
 * anagrafe (B, 15 minutes) and stato civile (C, 12); Sportello 6 urp,
 * scuola and pagamenti.
 */

function officeWithDesk5(): Office {
  const office = new Office(withModes(demoConfig(), { scuola: "mixed" }));
  office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
  return office;
}

function counter(office: Office, counterId: string) {
  return office.state.config.counters.find((c) => c.id === counterId)!;
}

describe("Call next keeps a counter for an appointment about to fall due", () => {
  it("A counter with no other desk free for a checked-in appointment due in 8 minutes does not start a 15-minute walk-in; it calls the appointment once due.", () => {
    const office = officeWithDesk5();
    const slot = MONDAY_10 + 10 * MINUTE;
    office.checkIn("edilizia", "apt-1", slot); // G001, due at 10:08
    office.issue("anagrafe"); // B001
    office.refuse({ type: "callNext", counterId: "sportello-5" }, "kept_for_appointment");
    const choice = callNextChoice(office.state, counter(office, "sportello-5"), office.now);
    expect(choice).toMatchObject({
      kind: "keep",
      appointment: { id: id("G001") },
      walkIn: { id: id("B001") },
    });
    office.at(slot - APPOINTMENT_CALLABLE_EARLY_MS);
    expect(office.callNext("sportello-5")).toBe(id("G001"));
  });

  it("The message names the appointment and when it can be called.", () => {
    const office = officeWithDesk5();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE);
    office.issue("anagrafe");
    const run = office.run({ type: "callNext", counterId: "sportello-5" });
    expect(run.error?.message).toContain("G001");
    expect(run.error?.message).toContain("8 min");
  });

  it("A later walk-in expected to be done before the appointment falls due is called instead.", () => {
    const office = officeWithDesk5();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 15 * MINUTE); // due at 10:13
    office.issue("anagrafe"); // B001, 15 minutes: would overrun
    office.issue("stato-civile"); // C001, 12 minutes: done by 10:12
    expect(office.callNext("sportello-5")).toBe(id("C001"));
  });

  it("A walk-in done just as the appointment falls due may be called; a millisecond later it may not.", () => {
    const office = officeWithDesk5();
    office.issue("stato-civile"); // C001, 12 minutes
    const twelveMinutes = averageServiceSeconds(office.state, "stato-civile") * 1000;
    // Due exactly when C001 is expected to be done: it is not falling due during C001.
    office.checkIn("edilizia", "apt-1", office.now + twelveMinutes + APPOINTMENT_CALLABLE_EARLY_MS);
    const desk5 = counter(office, "sportello-5");
    expect(nextTicketFor(office.state, desk5, office.now)?.id).toBe(id("C001"));
    expect(callNextChoice(office.state, desk5, office.now + 1)).toMatchObject({ kind: "keep" });
  });

  it("Another free counter that serves the appointment lets this one take the walk-in; that counter is then kept.", () => {
    const office = officeWithDesk5();
    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE); // G001
    office.issue("anagrafe"); // B001, only desk 5 of the two serves it
    office.issue("scuola"); // E001, 10 minutes at desk 6
    expect(office.callNext("sportello-5")).toBe(id("B001"));
    office.refuse({ type: "callNext", counterId: "sportello-6" }, "kept_for_appointment");
  });

  it("A free counter that does not serve the appointment's service does not count.", () => {
    const office = officeWithDesk5();
    // Sportello 1 is free and in front mode, but does not serve building permits.
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE);
    office.issue("anagrafe");
    expect(office.state.counters["sportello-1"]).toMatchObject({ mode: "front", ticketId: null });
    office.refuse({ type: "callNext", counterId: "sportello-5" }, "kept_for_appointment");
    expect(office.callNext("sportello-1")).toBe(id("B001"));
  });

  it("Two appointments falling due during the walk-in need two other free counters.", () => {
    const office = officeWithDesk5();
    office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 6 * MINUTE); // G001
    office.checkIn("edilizia", "apt-2", MONDAY_10 + 10 * MINUTE); // G002
    office.issue("anagrafe");
    expect(callNextChoice(office.state, counter(office, "sportello-5"), office.now)).toMatchObject({
      kind: "keep",
      appointment: { id: id("G002") },
    });
  });

  it("An appointment falling due after the walk-in is expected to be done does not hold the counter.", () => {
    const office = officeWithDesk5();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 30 * MINUTE);
    office.issue("anagrafe");
    expect(office.callNext("sportello-5")).toBe(id("B001"));
  });

  it("A priority ticket and a walk-in past the starvation bound are never held back.", () => {
    const office = officeWithDesk5();
    office.issue("anagrafe"); // B001
    office.advance(starvationBoundMs(office.state.config) + 1);
    office.checkIn("edilizia", "apt-1", office.now + 10 * MINUTE);
    office.issue("anagrafe", { priority: true }); // B002
    office.issue("anagrafe"); // B003
    expect(office.callNext("sportello-5")).toBe(id("B002"));
    office.ok({ type: "complete", counterId: "sportello-5" });
    expect(office.callNext("sportello-5")).toBe(id("B001"));
    office.ok({ type: "complete", counterId: "sportello-5" });
    office.refuse({ type: "callNext", counterId: "sportello-5" }, "kept_for_appointment");
  });

  it("A clerk may still call a walk-in by hand while the counter is kept.", () => {
    const office = officeWithDesk5();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE);
    office.issue("anagrafe"); // B001
    office.refuse({ type: "callNext", counterId: "sportello-5" }, "kept_for_appointment");
    const events = office.ok({
      type: "callTicket",
      counterId: "sportello-5",
      ticketId: id("B001"),
    });
    expect(events).toMatchObject([{ type: "ticketCalled", ticketId: id("B001"), chosen: true }]);
  });

  it("Without a moment nothing is kept: the order at an unknown time has every appointment due.", () => {
    const office = officeWithDesk5();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE);
    office.issue("anagrafe");
    expect(nextTicketFor(office.state, counter(office, "sportello-5"))?.id).toBe(id("G001"));
  });
});

// ---------------------------------------------------------------------------
// Properties over random waiting rooms at 10:00.

const WALK_IN_SERVICES = ["urp", "anagrafe", "stato-civile", "elettorale", "scuola", "pagamenti"];
const COUNTERS = [
  "sportello-1",
  "sportello-2",
  "sportello-3",
  "sportello-4",
  "sportello-5",
  "sportello-6",
  "sportello-7",
];

interface Room {
  /** Desks 5–7 switched to the front. */
  front: boolean[];
  /** Counters serving someone at 10:00 (by index in COUNTERS, if in front mode). */
  busy: number[];
  arrivals: (
    | { kind: "walk-in"; serviceId: string; priority: boolean; minutesAgo: number }
    | { kind: "appointment"; serviceId: string; minutesAgo: number; slotInMinutes: number }
  )[];
}

const roomArb: fc.Arbitrary<Room> = fc.record({
  front: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  busy: fc.uniqueArray(fc.nat({ max: COUNTERS.length - 1 }), { minLength: 4, maxLength: 7 }),
  arrivals: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant("walk-in" as const),
        serviceId: fc.constantFrom(...WALK_IN_SERVICES),
        priority: fc.nat({ max: 9 }).map((n) => n === 0),
        minutesAgo: fc.nat({ max: 45 }),
      }),
      fc.record({
        kind: fc.constant("appointment" as const),
        serviceId: fc.constantFrom("edilizia", "scuola"),
        minutesAgo: fc.nat({ max: 30 }),
        slotInMinutes: fc.integer({ min: -5, max: 20 }),
      }),
    ),
    { maxLength: 25 },
  ),
});

const HOUR_AGO = 60 * MINUTE;

/** The office at 10:00 with the room's desks, people being served, and people waiting. */
function officeOf(room: Room): Office {
  const office = new Office(withModes(demoConfig(), { scuola: "mixed" }), MONDAY_10 - HOUR_AGO);
  room.front.forEach((front, i) => {
    if (front) office.ok({ type: "setCounterMode", counterId: COUNTERS[4 + i]!, mode: "front" });
  });
  // Someone at each busy counter: a ticket of its first service, called and started.
  for (const index of room.busy) {
    const desk = office.state.config.counters.find((c) => c.id === COUNTERS[index])!;
    if (office.state.counters[desk.id]?.mode !== "front") continue;
    const serviceId = desk.serviceIds.find((s) => s !== "edilizia")!;
    const ticket = office.issue(serviceId);
    office.ok({ type: "callTicket", counterId: desk.id, ticketId: ticket.id });
    office.ok({ type: "startService", counterId: desk.id });
  }
  const arrivals = [...room.arrivals].sort((a, b) => b.minutesAgo - a.minutesAgo);
  let n = 0;
  for (const arrival of arrivals) {
    office.at(MONDAY_10 - arrival.minutesAgo * MINUTE);
    if (arrival.kind === "walk-in") {
      office.issue(arrival.serviceId, { priority: arrival.priority });
    } else {
      office.checkIn(arrival.serviceId, `apt-${n++}`, MONDAY_10 + arrival.slotInMinutes * MINUTE);
    }
  }
  office.at(MONDAY_10);
  return office;
}

/** Appointments `desk` may call falling due during `walkIn`, and the other free counters that may call one. */
function squeeze(state: OfficeState, deskId: string, walkIn: Ticket, now: number) {
  const desk = state.config.counters.find((c) => c.id === deskId)!;
  const doneAt = now + averageServiceSeconds(state, walkIn.serviceId) * 1000;
  const soon = Object.values(state.tickets).filter((t) => {
    if (!t.appointment || !isCallableBy(t, desk)) return false;
    const dueAt = t.appointment.slotStart - APPOINTMENT_CALLABLE_EARLY_MS;
    return dueAt > now && dueAt < doneAt;
  });
  const free = state.config.counters.filter(
    (c) =>
      c.id !== deskId &&
      state.counters[c.id]?.mode === "front" &&
      state.counters[c.id]?.ticketId === null &&
      soon.some((t) => isCallableBy(t, c)),
  );
  return { soon: soon.length, free: free.length };
}

describe("Properties of the look-ahead", () => {
  it("A counter calls a walk-in only when every appointment falling due during it has another free counter; it never holds back a priority ticket, an overdue walk-in or a due appointment; and it keeps itself only while walk-ins wait.", () => {
    let kept = 0;
    fc.assert(
      fc.property(roomArb, (room) => {
        const office = officeOf(room);
        const { state, now } = office;
        const moment = callMoment(state, now);
        for (const desk of state.config.counters) {
          if (state.counters[desk.id]?.mode !== "front" || state.counters[desk.id]?.ticketId)
            continue;
          const first = firstInCallOrder(state, desk, now);
          const choice = callNextChoice(state, desk, now);
          if (!first) {
            expect(choice.kind).toBe("none");
            continue;
          }
          const firstRank = callRank(first, moment);
          if (firstRank !== CALL_RANK.walkIn) {
            // Steps 1–3 are never held back.
            expect(choice).toEqual({ kind: "call", ticket: first });
            continue;
          }
          if (choice.kind === "call") {
            expect(callRank(choice.ticket, moment)).toBe(CALL_RANK.walkIn);
            const { soon, free } = squeeze(state, desk.id, choice.ticket, now);
            expect(soon).toBeLessThanOrEqual(free);
            if (choice.ticket !== first) {
              // Every walk-in before it in the order would have left an appointment without a counter.
              const { soon: s, free: f } = squeeze(state, desk.id, first, now);
              expect(s).toBeGreaterThan(f);
            }
          } else {
            expect(choice.kind).toBe("keep");
            kept++;
            for (const t of Object.values(state.tickets)) {
              if (isCallableBy(t, desk) && callRank(t, moment) === CALL_RANK.walkIn) {
                const { soon, free } = squeeze(state, desk.id, t, now);
                expect(soon).toBeGreaterThan(free);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    // The generator reaches kept counters (about one room in thirty); shorter walk-ins are
    // rarer here, and have their own property below.
    expect(kept).toBeGreaterThan(0);
  });

  it("A kept counter has someone to call once the appointment it is kept for falls due, and call-next then calls that appointment or someone entitled to go before it.", () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const office = officeOf(room);
        for (const desk of office.state.config.counters) {
          const choice = callNextChoice(office.state, desk, office.now);
          if (choice.kind !== "keep") continue;
          const dueAt = choice.appointment.appointment!.slotStart - APPOINTMENT_CALLABLE_EARLY_MS;
          const then = callNextChoice(office.state, desk, dueAt);
          expect(then.kind).toBe("call");
          if (then.kind !== "call") continue;
          const rank = callRank(then.ticket, callMoment(office.state, dueAt));
          expect(rank).toBeLessThanOrEqual(CALL_RANK.dueAppointment);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("With one desk for building permits, call-next takes the first walk-in expected to be done before the next checked-in appointment falls due, and keeps the desk when none is.", () => {
    let filled = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            serviceId: fc.constantFrom("anagrafe", "stato-civile"),
            minutesAgo: fc.nat({ max: 30 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.integer({ min: 3, max: 25 }), { minLength: 1, maxLength: 3 }),
        (walkIns, slots) => {
          const office = officeWithDesk5();
          office.at(MONDAY_10 - HOUR_AGO);
          for (const [i, minutes] of slots.entries())
            office.checkIn("edilizia", `apt-${i}`, MONDAY_10 + minutes * MINUTE);
          for (const w of [...walkIns].sort((a, b) => b.minutesAgo - a.minutesAgo)) {
            office.at(MONDAY_10 - w.minutesAgo * MINUTE);
            office.issue(w.serviceId);
          }
          office.at(MONDAY_10);
          const state = office.state;
          const firstDue = Math.min(...slots) * MINUTE + MONDAY_10 - APPOINTMENT_CALLABLE_EARLY_MS;
          const waiting = Object.values(state.tickets)
            .filter((t) => !t.appointment)
            .sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1));
          const fits = waiting.find(
            (t) => MONDAY_10 + averageServiceSeconds(state, t.serviceId) * 1000 <= firstDue,
          );
          const choice = callNextChoice(state, counter(office, "sportello-5"), MONDAY_10);
          if (fits) {
            expect(choice).toEqual({ kind: "call", ticket: fits });
            if (fits !== waiting[0]) filled++;
          } else {
            expect(choice).toMatchObject({ kind: "keep", walkIn: waiting[0] });
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(filled).toBeGreaterThan(0);
  });
});
