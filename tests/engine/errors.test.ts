import { describe, expect, it } from "vitest";
import {
  ENGINE_ERROR_CODES,
  type EngineErrorCode,
  type Execution,
  execute,
} from "../../shared/engine";
import { demoConfig, id, MINUTE, MONDAY_10, Office } from "./helpers";

/** Drives an office into a situation and returns the execution of the command that must be refused. */
type Scenario = () => Execution;

const evening = Date.parse("2026-11-23T20:00:00Z"); // Monday 21:00 in Rome

function withCalled(): Office {
  const office = new Office();
  office.issue("urp");
  office.callNext("sportello-1");
  return office;
}

function withServing(): Office {
  const office = withCalled();
  office.ok({ type: "startService", counterId: "sportello-1" });
  return office;
}

/** One way to reach every error code the engine can produce. */
const scenarios: Record<EngineErrorCode, Scenario> = {
  office_not_configured: () =>
    execute(null, { type: "callNext", counterId: "sportello-1" }, MONDAY_10),
  office_closed: () =>
    new Office(demoConfig(), evening).run({
      type: "issueTicket",
      serviceId: "urp",
      channel: "kiosk",
    }),
  unknown_service: () => new Office().run({ type: "issueTicket", serviceId: "nope" }),
  unknown_counter: () => new Office().run({ type: "callNext", counterId: "nope" }),
  unknown_ticket: () => new Office().run({ type: "cancelTicket", ticketId: id("A001") }),
  service_closed: () => {
    const config = demoConfig();
    config.services = config.services.map((s) => ({ ...s, open: false }));
    return new Office(config).run({ type: "issueTicket", serviceId: "urp" });
  },
  service_finished_today: () => {
    const office = new Office();
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    return office.run({ type: "issueTicket", serviceId: "urp" });
  },
  service_appointment_only: () => new Office().run({ type: "issueTicket", serviceId: "edilizia" }),
  service_walk_in_only: () =>
    new Office().run({
      type: "checkInAppointment",
      serviceId: "urp",
      appointmentId: "apt-1",
      slotStart: MONDAY_10,
    }),
  appointment_checked_in: () => {
    const office = new Office();
    office.checkIn("edilizia", "apt-1", MONDAY_10);
    return office.run({
      type: "checkInAppointment",
      serviceId: "edilizia",
      appointmentId: "apt-1",
      slotStart: MONDAY_10,
    });
  },
  counter_cannot_call: () => new Office().run({ type: "callNext", counterId: "sportello-5" }),
  counter_busy: () => withCalled().run({ type: "callNext", counterId: "sportello-1" }),
  queue_empty: () => new Office().run({ type: "callNext", counterId: "sportello-1" }),
  kept_for_appointment: () => {
    // Sportello 5 is the only desk open for building permits; an anagrafe walk-in takes 15 minutes.
    const office = new Office();
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE);
    office.issue("anagrafe");
    return office.run({ type: "callNext", counterId: "sportello-5" });
  },
  no_current_ticket: () => new Office().run({ type: "complete", counterId: "sportello-1" }),
  ticket_not_waiting: () => withServing().run({ type: "cancelTicket", ticketId: id("A001") }),
  ticket_reserved: () => {
    const office = withCalled();
    office.run({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-2" });
    return office.run({ type: "callTicket", counterId: "sportello-4", ticketId: id("A001") });
  },
  ticket_not_called: () => withServing().run({ type: "noShow", counterId: "sportello-1" }),
  invalid_transfer: () =>
    withCalled().run({ type: "transfer", counterId: "sportello-1", toServiceId: "urp" }),
  config_conflict: () => {
    const office = withCalled();
    const config = demoConfig();
    config.counters = config.counters.filter((c) => c.id !== "sportello-1");
    return office.run({ type: "configure", config });
  },
  remote_tickets_disabled: () =>
    new Office().run({ type: "issueTicket", serviceId: "urp", channel: "remote" }),
};

describe("Error codes", () => {
  it.each(Object.entries(scenarios))(
    "The engine refuses with %s in the situation made for it, with a message for people and no events.",
    (code, scenario) => {
      const result = scenario();
      expect(result.error?.code).toBe(code);
      expect(result.error?.message.length).toBeGreaterThan(5);
      expect(result.events).toEqual([]);
    },
  );

  it("Every declared error code has a scenario that produces it.", () => {
    const covered = new Set(Object.keys(scenarios));
    expect(ENGINE_ERROR_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  it("Completing a ticket that was only called is accepted: the clerk forgot to press start.", () => {
    const office = withCalled();
    expect(office.run({ type: "complete", counterId: "sportello-1" }).error).toBeNull();
  });

  it("Error codes are unique and written in snake_case, so clients can match on them.", () => {
    expect(new Set(ENGINE_ERROR_CODES).size).toBe(ENGINE_ERROR_CODES.length);
    for (const code of ENGINE_ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
