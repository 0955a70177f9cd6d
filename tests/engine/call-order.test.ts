import { describe, expect, it } from "vitest";
import {
  APPOINTMENT_CALLABLE_EARLY_MS,
  CALL_RANK,
  callMoment,
  callRank,
  nextTicketFor,
  starvationBoundMs,
  waitStartOf,
} from "../../shared/engine";
import { demoConfig, id, MINUTE, MONDAY_10, Office, SECOND, withModes } from "./helpers";

/**
 * School enrolment (E) is mixed; sportello-4 serves urp, scuola and pagamenti.
 * The office's target wait is 20 minutes, so the starvation bound is 40.
 */
function mixedOffice(): Office {
  return new Office(withModes(demoConfig(), { scuola: "mixed" }));
}

const BOUND = 40 * MINUTE;

/** Sportello-4 calls next and starts at once, so the following call completes it. */
function next(office: Office): string {
  const ticketId = office.callNext("sportello-4");
  office.ok({ type: "startService", counterId: "sportello-4" });
  return ticketId;
}

describe("The call order for mixed counters", () => {
  it("The starvation bound is twice the office's target wait.", () => {
    expect(starvationBoundMs(demoConfig())).toBe(BOUND);
    expect(starvationBoundMs(demoConfig({ targetWaitMinutes: 15 }))).toBe(30 * MINUTE);
  });

  it("Priority tickets first, then due appointments, then walk-ins, whatever the order they arrived in.", () => {
    const office = mixedOffice();
    office.issue("scuola"); // E001, walk-in, oldest
    office.advance(MINUTE);
    office.checkIn("scuola", "apt-1", office.now); // E002, due
    office.advance(MINUTE);
    office.issue("pagamenti", { priority: true }); // F001, newest
    expect(next(office)).toBe(id("F001"));
    expect(next(office)).toBe(id("E002"));
    expect(next(office)).toBe(id("E001"));
  });

  it("Due appointments go by slot time, not by when their holders checked in.", () => {
    const office = mixedOffice();
    const slot = MONDAY_10 + 10 * MINUTE;
    office.checkIn("scuola", "late-slot", slot + 30 * MINUTE); // E001
    office.checkIn("scuola", "early-slot", slot); // E002
    office.checkIn("scuola", "same-slot", slot); // E003, same slot, checked in after E002
    office.at(slot + 30 * MINUTE);
    expect(next(office)).toBe(id("E002"));
    expect(next(office)).toBe(id("E003"));
    expect(next(office)).toBe(id("E001"));
  });

  it("Walk-ins go by original issue time, then by ticket id, across the counter's services.", () => {
    const office = mixedOffice();
    office.issue("pagamenti"); // F001
    office.issue("scuola"); // E001, same instant: the id decides
    office.advance(SECOND);
    office.issue("urp"); // A001
    expect(next(office)).toBe(id("E001"));
    expect(next(office)).toBe(id("F001"));
    expect(next(office)).toBe(id("A001"));
  });

  it("An appointment not due yet is skipped by call next; it is due from two minutes before its slot, to the millisecond.", () => {
    const office = mixedOffice();
    const slot = MONDAY_10 + 30 * MINUTE;
    office.checkIn("scuola", "apt-1", slot); // E001, 30 minutes early
    office.issue("scuola"); // E002, walk-in
    expect(next(office)).toBe(id("E002"));
    office.ok({ type: "complete", counterId: "sportello-4" });
    office.refuse({ type: "callNext", counterId: "sportello-4" }, "queue_empty");
    office.at(slot - 2 * MINUTE - 1);
    office.refuse({ type: "callNext", counterId: "sportello-4" }, "queue_empty");
    office.at(slot - 2 * MINUTE);
    expect(next(office)).toBe(id("E001"));
  });

  it("A clerk may still call an appointment that is not due yet, out of order.", () => {
    const office = mixedOffice();
    office.checkIn("scuola", "apt-1", MONDAY_10 + 2 * 60 * MINUTE);
    const events = office.ok({
      type: "callTicket",
      counterId: "sportello-4",
      ticketId: id("E001"),
    });
    expect(events).toMatchObject([{ type: "ticketCalled", ticketId: id("E001"), chosen: true }]);
  });

  it("A walk-in that has waited exactly twice the target still lets a due appointment go first; a millisecond more and it goes before it.", () => {
    const office = mixedOffice();
    office.issue("scuola"); // E001 at 10:00
    office.advance(30 * MINUTE);
    office.checkIn("scuola", "apt-1", office.now); // E002, due at once
    office.checkIn("scuola", "apt-2", office.now); // E003
    office.at(MONDAY_10 + BOUND);
    expect(next(office)).toBe(id("E002"));
    office.at(MONDAY_10 + BOUND + 1);
    expect(next(office)).toBe(id("E001"));
    expect(next(office)).toBe(id("E003"));
  });

  it("An overdue walk-in still comes after priority tickets, and overdue walk-ins keep their own order.", () => {
    const office = mixedOffice();
    office.issue("scuola"); // E001 at 10:00
    office.advance(MINUTE);
    office.issue("urp"); // A001 at 10:01
    office.advance(BOUND + SECOND); // both past the bound
    office.checkIn("scuola", "apt-1", office.now); // E002, due
    office.issue("pagamenti", { priority: true }); // F001
    expect(next(office)).toBe(id("F001"));
    expect(next(office)).toBe(id("E001"));
    expect(next(office)).toBe(id("A001"));
    expect(next(office)).toBe(id("E002"));
  });

  it("A transferred appointment's ticket keeps its appointment's place in the service it was sent to.", () => {
    const office = mixedOffice();
    office.checkIn("scuola", "apt-1", MONDAY_10); // E001
    next(office);
    office.advance(MINUTE);
    office.issue("urp"); // A001, after E001 was checked in
    office.ok({ type: "transfer", counterId: "sportello-4", toServiceId: "urp" });
    expect(next(office)).toBe(id("E001"));
  });

  it("Without a moment (a display cannot tell appointments apart) every appointment counts as due and no walk-in as overdue.", () => {
    const office = mixedOffice();
    office.issue("scuola"); // E001
    office.checkIn("scuola", "apt-1", MONDAY_10 + 3 * 60 * MINUTE); // E002, three hours early
    const counter = office.state.config.counters.find((c) => c.id === "sportello-4")!;
    expect(nextTicketFor(office.state, counter)?.id).toBe(id("E002"));
    expect(nextTicketFor(office.state, counter, office.now)?.id).toBe(id("E001"));
    const early = office.ticket(id("E002"))!;
    expect(callRank(early)).toBe(CALL_RANK.dueAppointment);
    expect(callRank(early, callMoment(office.state, office.now))).toBe(CALL_RANK.appointmentNotDue);
    const walkIn = office.ticket(id("E001"))!;
    expect(callRank(walkIn, callMoment(office.state, office.now + 3 * 60 * MINUTE))).toBe(
      CALL_RANK.overdueWalkIn,
    );
  });

  it("A wait counts from the issue time, or for an appointment from when it became callable.", () => {
    const office = mixedOffice();
    const walkIn = office.issue("scuola");
    const slot = MONDAY_10 + 30 * MINUTE;
    const early = office.checkIn("scuola", "apt-1", slot);
    const late = office.checkIn("scuola", "apt-2", MONDAY_10 - 10 * MINUTE);
    expect(waitStartOf(walkIn)).toBe(MONDAY_10);
    expect(waitStartOf(early)).toBe(slot - APPOINTMENT_CALLABLE_EARLY_MS);
    expect(waitStartOf(late)).toBe(MONDAY_10);
  });
});
