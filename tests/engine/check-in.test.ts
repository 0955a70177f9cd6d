import { describe, expect, it } from "vitest";
import { evolve } from "../../shared/engine";
import {
  OfficeState,
  PublicOfficeEvent,
  PublicOfficeState,
  publicEvents,
  publicOfficeState,
  Ticket,
} from "../../shared/protocol";
import {
  demoConfig,
  eventsOfType,
  HOUR,
  id,
  MINUTE,
  MONDAY_10,
  Office,
  SECOND,
  withModes,
} from "./helpers";

/** Edilizia by appointment only (as in the demo), school enrolment mixed; sportello-6 open for both. */
function mixedOffice(now = MONDAY_10): Office {
  const office = new Office(withModes(demoConfig(), { scuola: "mixed" }), now);
  office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
  return office;
}

const checkIn = (serviceId: string, appointmentId: string, slotStart = MONDAY_10 + 30 * MINUTE) =>
  ({ type: "checkInAppointment", serviceId, appointmentId, slotStart, channel: "kiosk" }) as const;

describe("Checking an appointment in", () => {
  it("Issues a waiting ticket in the service's own series, marked with the appointment and queued from the check-in.", () => {
    const office = mixedOffice();
    const slot = MONDAY_10 + 20 * MINUTE;
    const ticket = office.checkIn("edilizia", "apt-7", slot, { lang: "en" });
    expect(ticket).toEqual({
      id: id("G001"),
      code: "G001",
      serviceId: "edilizia",
      priority: false,
      status: "waiting",
      lang: "en",
      channel: "kiosk",
      issuedAt: MONDAY_10,
      queuedAt: MONDAY_10,
      targetCounterId: null,
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      transfers: 0,
      appointment: { id: "apt-7", slotStart: slot },
    });
    expect(office.ticket(ticket.id)).toEqual(ticket);
  });

  it("Walk-ins and appointments of a mixed service share one numbering, in the order they arrive.", () => {
    const office = mixedOffice();
    expect(office.issue("scuola").code).toBe("E001");
    expect(office.checkIn("scuola", "apt-1", MONDAY_10).code).toBe("E002");
    expect(office.issue("scuola").code).toBe("E003");
    expect(office.state.lastNumbers.E).toBe(3);
  });

  it("The event is the ordinary ticketIssued, so every client folds it as it folds a walk-in's.", () => {
    const office = mixedOffice();
    const events = office.ok(checkIn("scuola", "apt-1"));
    expect(events.map((e) => e.type)).toEqual(["ticketIssued"]);
    const [issued] = eventsOfType(events, "ticketIssued");
    expect(Ticket.parse(issued!.ticket)).toEqual(issued!.ticket);
  });

  it("Defaults to no language and the API channel, like issueTicket.", () => {
    const office = mixedOffice();
    const [event] = office.ok({
      type: "checkInAppointment",
      serviceId: "edilizia",
      appointmentId: "apt-1",
      slotStart: MONDAY_10,
    });
    expect(event).toMatchObject({ ticket: { lang: null, channel: "api", priority: false } });
  });

  it("A walk-in service takes no appointments: service_walk_in_only.", () => {
    mixedOffice().refuse(checkIn("urp", "apt-1"), "service_walk_in_only");
  });

  it("An unknown service is refused with unknown_service.", () => {
    mixedOffice().refuse(checkIn("passaporti", "apt-1"), "unknown_service");
  });

  it("The same appointment cannot hold two active tickets: appointment_checked_in, whatever the service or channel.", () => {
    const office = mixedOffice();
    office.checkIn("edilizia", "apt-1", MONDAY_10);
    office.refuse(checkIn("edilizia", "apt-1"), "appointment_checked_in");
    office.refuse({ ...checkIn("scuola", "apt-1"), channel: "staff" }, "appointment_checked_in");
    office.callNext("sportello-6");
    office.refuse(checkIn("edilizia", "apt-1"), "appointment_checked_in");
    office.ok({ type: "startService", counterId: "sportello-6" });
    office.refuse(checkIn("edilizia", "apt-1"), "appointment_checked_in");
  });

  it("Once its ticket has ended (here a no-show), the office may check the appointment in again.", () => {
    const office = mixedOffice();
    office.checkIn("edilizia", "apt-1", MONDAY_10);
    office.callNext("sportello-6");
    office.ok({ type: "noShow", counterId: "sportello-6" });
    expect(office.checkIn("edilizia", "apt-1", MONDAY_10).code).toBe("G002");
  });

  it("A service finished for today refuses check-ins as it refuses tickets: service_finished_today.", () => {
    const office = mixedOffice();
    office.ok({ type: "setServiceToday", serviceId: "edilizia", open: false });
    office.refuse(checkIn("edilizia", "apt-1"), "service_finished_today");
    office.ok({ type: "setServiceToday", serviceId: "edilizia", open: true });
    office.checkIn("edilizia", "apt-1", MONDAY_10);
  });

  it("A service set up as not issuing refuses check-ins too: service_closed.", () => {
    const config = withModes(demoConfig(), { scuola: "mixed" });
    config.services = config.services.map((s) => (s.id === "scuola" ? { ...s, open: false } : s));
    new Office(config).refuse(checkIn("scuola", "apt-1"), "service_closed");
  });

  it("Outside opening hours only staff may check someone in (office_closed for the kiosk).", () => {
    const evening = Date.parse("2026-11-23T20:00:00Z"); // Monday 21:00 in Rome
    const office = mixedOffice(evening);
    office.refuse(checkIn("edilizia", "apt-1"), "office_closed");
    office.ok({ ...checkIn("edilizia", "apt-1"), channel: "staff" });
  });

  it("A check-in from the citizen's phone does not need remote tickets to be allowed: the booking is their right to a place.", () => {
    const office = mixedOffice();
    expect(office.state.config.allowRemoteTickets).toBe(false);
    office.ok({ ...checkIn("edilizia", "apt-1"), channel: "remote" });
  });

  it("The day rollover expires an appointment's ticket like any other, and numbering restarts.", () => {
    const office = mixedOffice();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + HOUR);
    office.advance(22 * HOUR);
    office.ok({ type: "rollover" });
    expect(office.state.tickets).toEqual({});
    expect(office.checkIn("edilizia", "apt-2", office.now + HOUR).code).toBe("G001");
  });
});

describe("Appointment tickets at the counter", () => {
  it("Recall, start and complete work on an appointment's ticket as on a walk-in's, and it keeps its appointment.", () => {
    const office = mixedOffice();
    const ticket = office.checkIn("edilizia", "apt-1", MONDAY_10);
    office.callNext("sportello-6");
    office.advance(SECOND);
    office.ok({ type: "recall", counterId: "sportello-6" });
    office.ok({ type: "startService", counterId: "sportello-6" });
    expect(office.ticket(ticket.id)).toMatchObject({
      status: "serving",
      recalls: 1,
      appointment: { id: "apt-1", slotStart: MONDAY_10 },
    });
    office.advance(20 * MINUTE);
    office.ok({ type: "complete", counterId: "sportello-6" });
    expect(office.ticket(ticket.id)).toBeUndefined();
    expect(office.state.timings.edilizia?.samples).toBe(1);
  });

  it("A transferred appointment's ticket keeps its appointment, to another service or to one counter.", () => {
    const office = mixedOffice();
    const ticket = office.checkIn("edilizia", "apt-1", MONDAY_10);
    office.callNext("sportello-6");
    office.ok({ type: "transfer", counterId: "sportello-6", toServiceId: "anagrafe" });
    expect(office.ticket(ticket.id)).toMatchObject({
      serviceId: "anagrafe",
      status: "waiting",
      transfers: 1,
      appointment: { id: "apt-1", slotStart: MONDAY_10 },
    });
    expect(office.callNext("sportello-3")).toBe(ticket.id);
    office.ok({ type: "transfer", counterId: "sportello-3", toCounterId: "sportello-1" });
    expect(office.ticket(ticket.id)).toMatchObject({
      targetCounterId: "sportello-1",
      transfers: 2,
      appointment: { id: "apt-1", slotStart: MONDAY_10 },
    });
    expect(office.callNext("sportello-1")).toBe(ticket.id);
  });

  it("A cancelled appointment's ticket leaves the queue, and the appointment may be checked in again.", () => {
    const office = mixedOffice();
    const ticket = office.checkIn("edilizia", "apt-1", MONDAY_10);
    office.ok({ type: "cancelTicket", ticketId: ticket.id });
    expect(office.ticket(ticket.id)).toBeUndefined();
    office.checkIn("edilizia", "apt-1", MONDAY_10);
  });
});

describe("What the waiting room sees of an appointment", () => {
  it("The display's state and events carry no appointment: its ticket looks like any other.", () => {
    const office = new Office(); // parsed by the schemas below: no "mixed" service
    const walkIn = office.issue("urp");
    const events = office.ok(checkIn("edilizia", "apt-secret", MONDAY_10 + 5 * MINUTE));
    const [event] = publicEvents(events);
    expect(JSON.stringify(event)).not.toMatch(/apt-secret|slotStart|"appointment":/);
    expect(PublicOfficeEvent.parse(event)).toEqual(event);

    const view = publicOfficeState(office.state);
    expect(JSON.stringify(view)).not.toMatch(/apt-secret|slotStart|"appointment":/);
    const appointmentTicket = view.tickets[id("G001")]!;
    expect(Object.keys(appointmentTicket).sort()).toEqual(
      Object.keys(view.tickets[walkIn.id]!).sort(),
    );
    expect(PublicOfficeState.parse(view)).toEqual(view);
  });

  it("The counters' full stream carries it, and a client folding the events gets the same state as the office.", () => {
    const office = new Office(); // parsed by the schemas below: no "mixed" service
    office.checkIn("edilizia", "apt-1", MONDAY_10);
    const wire = JSON.parse(JSON.stringify(office.log)) as typeof office.log;
    let client: OfficeState | null = null;
    for (const event of wire) client = evolve(client, event);
    expect(client).toEqual(office.state);
    expect(OfficeState.parse(client).tickets[id("G001")]?.appointment).toEqual({
      id: "apt-1",
      slotStart: MONDAY_10,
    });
  });

  it("A ticket or snapshot stored before appointments existed still parses, as a walk-in's.", () => {
    const office = new Office(); // parsed by the schemas below: no "mixed" service
    office.issue("urp");
    const old = JSON.parse(JSON.stringify(office.state)) as Record<string, unknown> & {
      tickets: Record<string, Record<string, unknown>>;
    };
    for (const ticket of Object.values(old.tickets)) delete ticket.appointment;
    expect(OfficeState.parse(old).tickets[id("A001")]?.appointment).toBeNull();
  });
});
