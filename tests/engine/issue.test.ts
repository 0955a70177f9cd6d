import { describe, expect, it } from "vitest";
import { demoOfficeConfig } from "../../shared/demo-office";
import { execute } from "../../shared/engine";
import { type Command, OfficeConfig, TicketId } from "../../shared/protocol";
import { demoConfig, HOUR, id, MINUTE, MONDAY_10, Office } from "./helpers";

/** Instants in Rome (CET, UTC+1) in the week of Monday 23 November 2026. */
const rome = (localIso: string) => Date.parse(`${localIso}+01:00`);

describe("Issuing a ticket", () => {
  it("The first ticket of a service gets the service's prefix, number 001 and an id made of the office day and the code.", () => {
    const office = new Office();
    const ticket = office.issue("anagrafe");
    expect(ticket.code).toBe("B001");
    expect(ticket.id).toBe("2026-11-23-B001");
    expect(TicketId.safeParse(ticket.id).success).toBe(true);
  });

  it("A new ticket is waiting in its service's queue, with no counter, no call, no recalls and no transfers.", () => {
    const office = new Office();
    const ticket = office.issue("urp", { lang: "en" });
    expect(ticket).toEqual({
      id: id("A001"),
      code: "A001",
      serviceId: "urp",
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
      appointment: null,
    });
    expect(office.state.tickets[ticket.id]).toEqual(ticket);
    expect(office.state.lastNumbers).toEqual({ A: 1 });
  });

  it("Each service numbers its tickets with its own prefix, independently of the other services.", () => {
    const office = new Office();
    const codes = ["urp", "anagrafe", "urp", "stato-civile", "urp", "anagrafe", "pagamenti"].map(
      (service) => office.issue(service).code,
    );
    expect(codes).toEqual(["A001", "B001", "A002", "C001", "A003", "B002", "F001"]);
    expect(office.state.lastNumbers).toEqual({ A: 3, B: 2, C: 1, F: 1 });
  });

  it("Numbers are padded to three digits and keep counting past 999 without breaking the ticket id format.", () => {
    const office = new Office();
    office.state.lastNumbers.A = 998;
    expect(office.issue("urp").code).toBe("A999");
    const ticket = office.issue("urp");
    expect(ticket.code).toBe("A1000");
    expect(ticket.id).toBe(id("A1000"));
    expect(TicketId.safeParse(ticket.id).success).toBe(true);
    expect(office.issue("urp").code).toBe("A1001");
  });

  it("The priority flag, language and channel of the request are recorded on the ticket.", () => {
    const office = new Office();
    const ticket = office.issue("pagamenti", { priority: true, lang: "it", channel: "staff" });
    expect(ticket).toMatchObject({ priority: true, lang: "it", channel: "staff" });
  });

  it("Tickets default to ordinary priority, no language and the API channel.", () => {
    const office = new Office();
    const [event] = office.ok({ type: "issueTicket", serviceId: "urp" });
    expect(event).toMatchObject({
      type: "ticketIssued",
      at: MONDAY_10,
      ticket: { priority: false, lang: null, channel: "api" },
    });
  });

  it("An appointment-only service refuses walk-in tickets with service_appointment_only, even from staff.", () => {
    const office = new Office();
    office.refuse({ type: "issueTicket", serviceId: "edilizia" }, "service_appointment_only");
    office.refuse(
      { type: "issueTicket", serviceId: "edilizia", channel: "staff" },
      "service_appointment_only",
    );
  });

  it("A service that is not open refuses tickets with service_closed, while the other services keep issuing.", () => {
    const config = demoConfig();
    config.services = config.services.map((s) => (s.id === "urp" ? { ...s, open: false } : s));
    const office = new Office(config);
    office.refuse({ type: "issueTicket", serviceId: "urp", channel: "kiosk" }, "service_closed");
    office.refuse({ type: "issueTicket", serviceId: "urp", channel: "staff" }, "service_closed");
    expect(office.issue("anagrafe").code).toBe("B001");
  });

  it("An unknown service is refused with unknown_service.", () => {
    const office = new Office();
    office.refuse({ type: "issueTicket", serviceId: "passaporti" }, "unknown_service");
  });

  it.each([
    ["Monday 07:59, before opening", rome("2026-11-23T07:59:00")],
    ["Monday 18:30, at closing time", rome("2026-11-23T18:30:00")],
    ["Monday 23:00, late evening", rome("2026-11-23T23:00:00")],
    ["Saturday 12:30, after the short Saturday hours", rome("2026-11-28T12:30:00")],
    ["Sunday 10:00, a closed day", rome("2026-11-29T10:00:00")],
  ])(
    "Outside opening hours (%s) kiosk, API and phone tickets are refused with office_closed.",
    (_label, instant) => {
      const office = new Office(demoConfig({ allowRemoteTickets: true }), instant);
      for (const channel of ["kiosk", "api", "remote"] as const) {
        office.refuse({ type: "issueTicket", serviceId: "urp", channel }, "office_closed");
      }
    },
  );

  it.each([
    ["Monday 08:00, the opening minute", rome("2026-11-23T08:00:00")],
    ["Monday 18:29, the last open minute", rome("2026-11-23T18:29:59")],
    ["Saturday 08:00", rome("2026-11-28T08:00:00")],
    ["Saturday 12:29", rome("2026-11-28T12:29:00")],
  ])("Within opening hours (%s) the kiosk issues tickets.", (_label, instant) => {
    const office = new Office(demoConfig(), instant);
    expect(office.issue("urp", { channel: "kiosk" }).code).toBe("A001");
  });

  it("Staff can issue a ticket on someone's behalf outside opening hours and on closed dates.", () => {
    const office = new Office(
      demoConfig({ closedDates: ["2026-11-24"] }),
      rome("2026-11-23T18:45:00"),
    );
    expect(office.issue("urp", { channel: "staff" }).code).toBe("A001");
    office.at(rome("2026-11-24T10:00:00"));
    expect(office.issue("urp", { channel: "staff" }).code).toBe("A001");
  });

  it("On a closed date the office refuses kiosk tickets even within its weekly hours.", () => {
    const office = new Office(
      demoConfig({ closedDates: ["2026-12-08"] }),
      rome("2026-12-08T10:00:00"),
    );
    office.refuse({ type: "issueTicket", serviceId: "urp", channel: "kiosk" }, "office_closed");
    office.at(rome("2026-12-09T10:00:00"));
    expect(office.issue("urp").code).toBe("A001");
  });

  it("Remote tickets are refused with remote_tickets_disabled by default, while the office is open.", () => {
    const { allowRemoteTickets: _omitted, ...withoutSetting } = demoOfficeConfig;
    const config = OfficeConfig.parse(withoutSetting);
    expect(config.allowRemoteTickets).toBe(false);
    const office = new Office(config);
    office.refuse(
      { type: "issueTicket", serviceId: "urp", channel: "remote" },
      "remote_tickets_disabled",
    );
    expect(office.issue("urp", { channel: "kiosk" }).code).toBe("A001");
  });

  it("When the office allows remote tickets, a phone can take a ticket during opening hours.", () => {
    const office = new Office(demoConfig({ allowRemoteTickets: true }));
    expect(office.issue("urp", { channel: "remote" })).toMatchObject({
      code: "A001",
      channel: "remote",
    });
  });

  it("Only kiosks and staff issue priority tickets: a phone's (or an unnamed channel's) priority is refused with priority_not_allowed and uses no number.", () => {
    const office = new Office(demoConfig({ allowRemoteTickets: true }));
    for (const channel of ["remote", "api"] as const) {
      office.refuse(
        { type: "issueTicket", serviceId: "urp", channel, priority: true },
        "priority_not_allowed",
      );
    }
    expect(office.issue("urp", { channel: "remote" })).toMatchObject({
      code: "A001",
      priority: false,
    });
    expect(office.issue("urp", { channel: "kiosk", priority: true })).toMatchObject({
      code: "A002",
      priority: true,
    });
    expect(office.issue("urp", { channel: "staff", priority: true }).priority).toBe(true);
  });

  it("Refusals are checked in a fixed order: unknown service, appointment-only, closed service, remote disabled, office closed.", () => {
    const config = demoConfig();
    config.services = config.services.map((s) => (s.id === "urp" ? { ...s, open: false } : s));
    const evening = rome("2026-11-23T21:00:00");
    const office = new Office(config, evening);
    office.refuse({ type: "issueTicket", serviceId: "nope", channel: "remote" }, "unknown_service");
    office.refuse(
      { type: "issueTicket", serviceId: "edilizia", channel: "remote" },
      "service_appointment_only",
    );
    office.refuse({ type: "issueTicket", serviceId: "urp", channel: "remote" }, "service_closed");
    office.refuse(
      { type: "issueTicket", serviceId: "anagrafe", channel: "remote" },
      "remote_tickets_disabled",
    );
    office.refuse(
      { type: "issueTicket", serviceId: "anagrafe", channel: "kiosk" },
      "office_closed",
    );
  });

  it("A refused ticket does not use up a number.", () => {
    const office = new Office(demoConfig(), rome("2026-11-23T07:30:00"));
    office.refuse({ type: "issueTicket", serviceId: "urp", channel: "kiosk" }, "office_closed");
    office.advance(HOUR);
    expect(office.issue("urp").code).toBe("A001");
  });

  it("Tickets record the instant they were issued as both issuedAt and queuedAt.", () => {
    const office = new Office();
    office.advance(7 * MINUTE);
    const ticket = office.issue("scuola");
    expect(ticket.issuedAt).toBe(MONDAY_10 + 7 * MINUTE);
    expect(ticket.queuedAt).toBe(MONDAY_10 + 7 * MINUTE);
  });

  it("An office that has not been configured refuses every command except configure with office_not_configured.", () => {
    const commands: Command[] = [
      { type: "issueTicket", serviceId: "urp", priority: false, lang: null, channel: "staff" },
      { type: "callNext", counterId: "sportello-1" },
      { type: "callTicket", counterId: "sportello-1", ticketId: id("A001") },
      { type: "recall", counterId: "sportello-1" },
      { type: "startService", counterId: "sportello-1" },
      { type: "complete", counterId: "sportello-1" },
      { type: "noShow", counterId: "sportello-1" },
      { type: "transfer", counterId: "sportello-1", toServiceId: "urp" },
      { type: "setCounterMode", counterId: "sportello-1", mode: "front" },
      { type: "cancelTicket", ticketId: id("A001") },
      { type: "rollover" },
    ];
    for (const command of commands) {
      const result = execute(null, command, MONDAY_10);
      expect(result.error?.code, command.type).toBe("office_not_configured");
      expect(result.events).toEqual([]);
      expect(result.state).toBeNull();
    }
  });
});
