import { describe, expect, it } from "vitest";
import { decide, localDay, startOfNextDay } from "../../shared/engine";
import {
  DAY,
  demoConfig,
  HOUR,
  id,
  MINUTE,
  MONDAY,
  MONDAY_10,
  Office,
  TUESDAY_MIDNIGHT,
} from "./helpers";

const TUESDAY = "2026-11-24";

/** An office at Monday 10:00 with a waiting, a called, a serving and a transferred ticket, and some history. */
function busyMonday(): Office {
  const office = new Office();
  for (const service of ["urp", "urp", "anagrafe", "pagamenti", "stato-civile"])
    office.issue(service);
  office.callNext("sportello-1"); // A001 called
  office.callNext("sportello-2"); // A002 → serving
  office.ok({ type: "startService", counterId: "sportello-2" });
  office.callNext("sportello-3"); // B001 → transferred to sportello-4
  office.ok({ type: "transfer", counterId: "sportello-3", toCounterId: "sportello-4" });
  office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
  return office;
}

describe("Day rollover", () => {
  it("A rollover on the same local day produces no events and changes nothing.", () => {
    const office = busyMonday();
    office.at(TUESDAY_MIDNIGHT - 1);
    const before = structuredClone(office.state);
    const result = office.run({ type: "rollover" });
    expect(result).toMatchObject({ error: null, events: [] });
    expect(office.state).toEqual(before);
  });

  it("After local midnight, a rollover moves the office to the new day and expires every open ticket, whatever its status.", () => {
    const office = busyMonday();
    const open = Object.keys(office.state.tickets).sort();
    expect(open).toHaveLength(5);
    office.at(TUESDAY_MIDNIGHT);
    const events = office.ok({ type: "rollover" });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      type: "dayRolledOver",
      at: TUESDAY_MIDNIGHT,
      fromDay: MONDAY,
      toDay: TUESDAY,
    });
    expect(event?.type === "dayRolledOver" && [...event.expiredTicketIds].sort()).toEqual(open);
    expect(office.state.day).toBe(TUESDAY);
    expect(office.state.tickets).toEqual({});
    expect(office.state.lastNumbers).toEqual({});
    expect(office.state.recentCalls).toEqual([]);
    for (const counter of Object.values(office.state.counters)) expect(counter.ticketId).toBeNull();
  });

  it("A second rollover on the same new day produces no events: rollover is idempotent.", () => {
    const office = busyMonday();
    office.at(TUESDAY_MIDNIGHT + MINUTE);
    expect(office.ok({ type: "rollover" })).toHaveLength(1);
    const after = structuredClone(office.state);
    expect(office.ok({ type: "rollover" })).toEqual([]);
    office.advance(5 * HOUR);
    expect(office.ok({ type: "rollover" })).toEqual([]);
    expect(office.state).toEqual(after);
  });

  it("Counter modes and the services' timing history survive the night.", () => {
    const office = busyMonday();
    office.advance(5 * MINUTE);
    office.ok({ type: "complete", counterId: "sportello-2" });
    const timings = structuredClone(office.state.timings);
    expect(timings.urp?.samples).toBe(1);
    office.at(TUESDAY_MIDNIGHT).ok({ type: "rollover" });
    expect(office.state.timings).toEqual(timings);
    expect(office.counter("sportello-6").mode).toBe("front");
    expect(office.counter("sportello-5").mode).toBe("back-office");
  });

  it("Numbering restarts from 001 for every prefix on the new day, and the ids carry the new day.", () => {
    const office = busyMonday();
    office.at(TUESDAY_MIDNIGHT + 8.5 * HOUR).ok({ type: "rollover" });
    const urp = office.issue("urp");
    const anagrafe = office.issue("anagrafe");
    expect(urp).toMatchObject({ code: "A001", id: id("A001", TUESDAY) });
    expect(anagrafe).toMatchObject({ code: "B001", id: id("B001", TUESDAY) });
  });

  it("Any command after midnight first rolls the day over, even if the midnight alarm never ran.", () => {
    const office = busyMonday();
    office.at(TUESDAY_MIDNIGHT + 8.5 * HOUR);
    const events = office.ok({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
    expect(events.map((e) => e.type)).toEqual(["dayRolledOver", "ticketIssued"]);
    expect(events[1]).toMatchObject({ ticket: { code: "A001", id: id("A001", TUESDAY) } });
  });

  it("A refused command after midnight still returns the rollover that came before it, and the state shows the new day.", () => {
    const office = busyMonday();
    office.at(TUESDAY_MIDNIGHT + 8.5 * HOUR);
    const result = office.run({ type: "callNext", counterId: "sportello-1" });
    expect(result.error?.code).toBe("queue_empty");
    expect(result.events.map((e) => e.type)).toEqual(["dayRolledOver"]);
    expect(office.state.day).toBe(TUESDAY);
    expect(office.state.tickets).toEqual({});
  });

  it("The office's day follows Rome's midnight, not UTC midnight.", () => {
    const office = new Office();
    office.issue("urp");
    office.at(Date.parse("2026-11-23T22:59:59.999Z"));
    expect(office.ok({ type: "rollover" })).toEqual([]);
    office.at(Date.parse("2026-11-23T23:00:00Z"));
    expect(office.ok({ type: "rollover" })).toMatchObject([{ fromDay: MONDAY, toDay: TUESDAY }]);
    office.at(Date.parse("2026-11-24T00:00:00Z"));
    expect(office.ok({ type: "rollover" })).toEqual([]);
  });

  it("In summer time the office's day ends at 22:00 UTC.", () => {
    const office = new Office(demoConfig(), Date.parse("2026-07-13T08:00:00Z"));
    expect(office.state.day).toBe("2026-07-13");
    office.at(Date.parse("2026-07-13T21:59:59.999Z"));
    expect(office.ok({ type: "rollover" })).toEqual([]);
    office.at(Date.parse("2026-07-13T22:00:00Z"));
    expect(office.ok({ type: "rollover" })).toMatchObject([
      { fromDay: "2026-07-13", toDay: "2026-07-14" },
    ]);
  });

  it("Around the spring change to summer time (Sunday 29 March 2026) the day turns exactly at each local midnight.", () => {
    const saturday = Date.parse("2026-03-28T09:00:00Z"); // 10:00 CET
    const office = new Office(demoConfig(), saturday);
    office.issue("urp");
    const sundayStart = Date.parse("2026-03-28T23:00:00Z"); // 00:00 CET
    const mondayStart = Date.parse("2026-03-29T22:00:00Z"); // 00:00 CEST: Sunday lasts 23 hours
    expect(startOfNextDay("2026-03-28", "Europe/Rome")).toBe(sundayStart);
    expect(startOfNextDay("2026-03-29", "Europe/Rome")).toBe(mondayStart);
    expect(mondayStart - sundayStart).toBe(23 * HOUR);

    expect(office.at(sundayStart - 1).ok({ type: "rollover" })).toEqual([]);
    expect(office.at(sundayStart).ok({ type: "rollover" })).toMatchObject([
      {
        type: "dayRolledOver",
        fromDay: "2026-03-28",
        toDay: "2026-03-29",
        expiredTicketIds: [id("A001", "2026-03-28")],
      },
    ]);
    // Sunday 01:59 CET and 03:00 CEST are one minute apart and the same day.
    expect(office.at(Date.parse("2026-03-29T01:00:00Z")).ok({ type: "rollover" })).toEqual([]);
    expect(office.at(mondayStart - 1).ok({ type: "rollover" })).toEqual([]);
    expect(office.at(mondayStart).ok({ type: "rollover" })).toMatchObject([
      { fromDay: "2026-03-29", toDay: "2026-03-30" },
    ]);
  });

  it("Around the autumn change back to winter time (Sunday 25 October 2026) the 25-hour Sunday ends at local midnight.", () => {
    const saturday = Date.parse("2026-10-24T08:00:00Z"); // 10:00 CEST
    const office = new Office(demoConfig(), saturday);
    const sundayStart = Date.parse("2026-10-24T22:00:00Z"); // 00:00 CEST
    const mondayStart = Date.parse("2026-10-25T23:00:00Z"); // 00:00 CET
    expect(startOfNextDay("2026-10-24", "Europe/Rome")).toBe(sundayStart);
    expect(startOfNextDay("2026-10-25", "Europe/Rome")).toBe(mondayStart);
    expect(mondayStart - sundayStart).toBe(25 * HOUR);

    expect(office.at(sundayStart - 1).ok({ type: "rollover" })).toEqual([]);
    expect(office.at(sundayStart).ok({ type: "rollover" })).toMatchObject([
      { fromDay: "2026-10-24", toDay: "2026-10-25" },
    ]);
    // Sunday 23:30 CET is 22:30 UTC: a fixed UTC+2 offset would already be Monday.
    expect(office.at(Date.parse("2026-10-25T22:30:00Z")).ok({ type: "rollover" })).toEqual([]);
    expect(office.at(mondayStart - 1).ok({ type: "rollover" })).toEqual([]);
    expect(office.at(mondayStart).ok({ type: "rollover" })).toMatchObject([
      { fromDay: "2026-10-25", toDay: "2026-10-26" },
    ]);
  });

  it("An office idle for several days rolls straight to the current day in one event.", () => {
    const office = busyMonday();
    office.at(MONDAY_10 + 4 * DAY);
    const events = office.ok({ type: "rollover" });
    expect(events).toMatchObject([{ type: "dayRolledOver", fromDay: MONDAY, toDay: "2026-11-27" }]);
    expect(office.state.day).toBe(localDay(office.now, "Europe/Rome"));
  });

  it("When the clock goes backward across midnight nothing rolls over, and tickets keep the office's day.", () => {
    const office = new Office();
    office.at(MONDAY_10 - DAY);
    expect(office.ok({ type: "rollover" })).toEqual([]);
    expect(office.issue("urp", { channel: "staff" }).id).toBe(id("A001"));
    expect(office.state.day).toBe(MONDAY);
  });

  it("decide alone reports a rollover without applying it, so two decisions at the same instant agree.", () => {
    const office = busyMonday();
    const first = decide(office.state, { type: "rollover" }, TUESDAY_MIDNIGHT);
    const second = decide(office.state, { type: "rollover" }, TUESDAY_MIDNIGHT);
    expect(first).toEqual(second);
    expect(office.state.day).toBe(MONDAY);
  });
});
