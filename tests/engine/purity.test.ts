import { describe, expect, it } from "vitest";
import { decide, evolve } from "../../shared/engine";
import type { Command, OfficeEvent } from "../../shared/protocol";
import {
  demoConfig,
  eventsOfType,
  id,
  MINUTE,
  MONDAY_10,
  Office,
  TUESDAY_MIDNIGHT,
} from "./helpers";

/** Monday mid-morning: waiting, priority, called, serving and transferred tickets, a switched desk and some history. */
function busyOffice(): Office {
  const office = new Office();
  for (const service of ["urp", "anagrafe", "urp", "pagamenti", "stato-civile", "scuola"]) {
    office.advance(MINUTE);
    office.issue(service, { priority: service === "scuola" });
  }
  office.callNext("sportello-1");
  office.advance(MINUTE);
  office.ok({ type: "complete", counterId: "sportello-1" });
  office.callNext("sportello-1");
  office.callNext("sportello-2");
  office.ok({ type: "startService", counterId: "sportello-2" });
  office.callNext("sportello-3");
  office.ok({ type: "transfer", counterId: "sportello-3", toCounterId: "sportello-4" });
  office.ok({ type: "setCounterMode", counterId: "sportello-6", mode: "front" });
  office.ok({ type: "recall", counterId: "sportello-1" });
  return office;
}

const ticketIds = [id("A002"), id("B001"), id("C001"), id("F001"), id("Z999")];
const counters = [
  "sportello-1",
  "sportello-2",
  "sportello-3",
  "sportello-4",
  "sportello-5",
  "nope",
];

const commands: Command[] = [
  { type: "issueTicket", serviceId: "urp", priority: false, lang: null, channel: "kiosk" },
  { type: "issueTicket", serviceId: "edilizia", priority: true, lang: "it", channel: "staff" },
  { type: "issueTicket", serviceId: "nope", priority: false, lang: null, channel: "remote" },
  ...["edilizia", "urp"].map(
    (serviceId): Command => ({
      type: "checkInAppointment",
      serviceId,
      appointmentId: "apt-1",
      slotStart: MONDAY_10,
      lang: null,
      channel: "kiosk",
    }),
  ),
  ...counters.flatMap((counterId): Command[] => [
    { type: "callNext", counterId },
    { type: "recall", counterId },
    { type: "startService", counterId },
    { type: "complete", counterId },
    { type: "noShow", counterId },
    { type: "transfer", counterId, toServiceId: "anagrafe" },
    { type: "transfer", counterId, toCounterId: "sportello-7" },
    { type: "setCounterMode", counterId, mode: "paused" },
    ...ticketIds.map((ticketId): Command => ({ type: "callTicket", counterId, ticketId })),
  ]),
  ...ticketIds.map((ticketId): Command => ({ type: "cancelTicket", ticketId })),
  { type: "configure", config: demoConfig({ allowRemoteTickets: true }) },
  { type: "configure", config: { ...demoConfig(), counters: demoConfig().counters.slice(0, 2) } },
  { type: "rollover" },
];

describe("decide is pure", () => {
  it.each([
    ["during the day", MONDAY_10 + 30 * MINUTE],
    ["after midnight", TUESDAY_MIDNIGHT + 8 * 60 * MINUTE],
  ])("decide never changes the state it is given, whatever the command (%s).", (_label, now) => {
    const office = busyOffice();
    const before = structuredClone(office.state);
    let accepted = 0;
    for (const command of commands) {
      const decision = decide(office.state, command, now);
      if (decision.ok) accepted++;
      expect(office.state, command.type).toEqual(before);
    }
    expect(accepted).toBeGreaterThan(10);
  });

  it("decide gives the same answer twice for the same state, command and instant.", () => {
    const office = busyOffice();
    for (const command of commands) {
      expect(decide(office.state, command, office.now)).toEqual(
        decide(office.state, command, office.now),
      );
    }
  });
});

describe("evolve", () => {
  it("An event before the office is configured is an error, not a silent state.", () => {
    const event: OfficeEvent = { type: "ticketCancelled", at: MONDAY_10, ticketId: id("A001") };
    expect(() => evolve(null, event)).toThrow(/before the office was configured/);
  });

  it("Folding events keeps no reference to them: later changes to the state never alter a stored event.", () => {
    const office = new Office();
    const [issued] = eventsOfType(
      office.ok({ type: "issueTicket", serviceId: "urp" }),
      "ticketIssued",
    );
    const snapshot = structuredClone(issued);
    office.callNext("sportello-1");
    office.ok({ type: "recall", counterId: "sportello-1" });
    office.ok({ type: "transfer", counterId: "sportello-1", toServiceId: "anagrafe" });
    expect(issued).toEqual(snapshot);
    expect(office.ticket(id("A001"))).not.toBe(issued?.ticket);
  });

  it("Events about a ticket that is not in the state leave the state unchanged.", () => {
    const office = busyOffice();
    const before = structuredClone(office.state);
    const ghost = id("Z999");
    const events: OfficeEvent[] = [
      {
        type: "ticketCalled",
        at: MONDAY_10,
        ticketId: ghost,
        counterId: "sportello-5",
        chosen: false,
      },
      { type: "ticketRecalled", at: MONDAY_10, ticketId: ghost, counterId: "sportello-5" },
      { type: "serviceStarted", at: MONDAY_10, ticketId: ghost, counterId: "sportello-5" },
      {
        type: "ticketTransferred",
        at: MONDAY_10,
        ticketId: ghost,
        fromCounterId: "sportello-5",
        toServiceId: "urp",
        toCounterId: null,
      },
      {
        type: "ticketCompleted",
        at: MONDAY_10,
        ticketId: ghost,
        counterId: "sportello-5",
        serviceSeconds: 60,
      },
      { type: "ticketNoShow", at: MONDAY_10, ticketId: ghost, counterId: "sportello-5" },
      { type: "ticketCancelled", at: MONDAY_10, ticketId: ghost },
      { type: "counterModeChanged", at: MONDAY_10, counterId: "nope", mode: "front" },
    ];
    for (const event of events) evolve(office.state, event);
    expect(office.state).toEqual(before);
  });

  it("The last number of each prefix only grows, even if issue events are folded out of order.", () => {
    const office = new Office();
    const a002 = { ...office.issue("urp"), id: id("A002"), code: "A002" };
    const a005 = { ...a002, id: id("A005"), code: "A005" };
    evolve(office.state, { type: "ticketIssued", at: MONDAY_10, ticket: a005 });
    evolve(office.state, { type: "ticketIssued", at: MONDAY_10, ticket: a002 });
    expect(office.state.lastNumbers.A).toBe(5);
    expect(office.issue("urp").code).toBe("A006");
  });
});
