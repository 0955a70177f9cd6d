import { describe, expect, it } from "vitest";
import { id, MINUTE, MONDAY_10, Office, SECOND } from "./helpers";

describe("Transferring to another service", () => {
  it("The ticket goes back to waiting in the new service's queue, keeps its code and frees the counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.advance(MINUTE);
    office.callNext("sportello-1");
    office.advance(MINUTE);
    const events = office.ok({
      type: "transfer",
      counterId: "sportello-1",
      toServiceId: "anagrafe",
    });
    expect(events).toEqual([
      {
        type: "ticketTransferred",
        at: office.now,
        ticketId: id("A001"),
        fromCounterId: "sportello-1",
        toServiceId: "anagrafe",
        toCounterId: null,
      },
    ]);
    expect(office.ticket(id("A001"))).toEqual({
      id: id("A001"),
      code: "A001",
      serviceId: "anagrafe",
      priority: false,
      status: "waiting",
      lang: null,
      channel: "kiosk",
      issuedAt: MONDAY_10,
      queuedAt: MONDAY_10,
      targetCounterId: null,
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      transfers: 1,
      appointment: null,
    });
    expect(office.counter("sportello-1").ticketId).toBeNull();
  });

  it("A transferred ticket keeps its place by original issue time: it is called before people who arrived after it.", () => {
    const office = new Office();
    office.issue("urp"); // A001 at 10:00
    office.advance(MINUTE);
    office.issue("anagrafe"); // B001 at 10:01
    office.issue("anagrafe"); // B002 at 10:01
    office.callNext("sportello-4"); // urp only: A001
    office.advance(5 * MINUTE);
    office.ok({ type: "transfer", counterId: "sportello-4", toServiceId: "anagrafe" });
    expect(office.ticket(id("A001"))?.queuedAt).toBe(MONDAY_10);
    expect(office.callNext("sportello-3")).toBe(id("A001"));
  });

  it("A transferred ticket stays behind the people of its new service who were there before it.", () => {
    const office = new Office();
    office.issue("anagrafe"); // B001 at 10:00
    office.advance(MINUTE);
    office.issue("urp"); // A001 at 10:01
    office.callNext("sportello-4");
    office.ok({ type: "transfer", counterId: "sportello-4", toServiceId: "anagrafe" });
    expect(office.callNext("sportello-3")).toBe(id("B001"));
    office.ok({ type: "startService", counterId: "sportello-3" });
    expect(office.callNext("sportello-3")).toBe(id("A001"));
  });

  it("A priority ticket remains a priority ticket after a transfer.", () => {
    const office = new Office();
    office.issue("anagrafe");
    office.advance(MINUTE);
    office.issue("urp", { priority: true });
    office.callNext("sportello-4");
    office.ok({ type: "transfer", counterId: "sportello-4", toServiceId: "anagrafe" });
    expect(office.ticket(id("A001"))?.priority).toBe(true);
    expect(office.callNext("sportello-3")).toBe(id("A001"));
  });

  it("A ticket can be transferred while being served; the service time is not recorded and it can be called again.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(4 * MINUTE);
    office.ok({ type: "transfer", counterId: "sportello-1", toServiceId: "pagamenti" });
    expect(office.state.timings).toEqual({});
    expect(office.ticket(id("A001"))).toMatchObject({
      status: "waiting",
      startedAt: null,
      serviceId: "pagamenti",
    });
    expect(office.callNext("sportello-2")).toBe(id("A001"));
    expect(office.ticket(id("A001"))?.counterId).toBe("sportello-2");
  });

  it("Each transfer is counted on the ticket.", () => {
    const office = new Office();
    office.issue("urp");
    const hops: [string, string][] = [
      ["sportello-1", "anagrafe"],
      ["sportello-2", "pagamenti"],
      ["sportello-1", "urp"],
    ];
    hops.forEach(([counterId, toServiceId], index) => {
      office.callNext(counterId);
      office.ok({ type: "transfer", counterId, toServiceId });
      expect(office.ticket(id("A001"))?.transfers).toBe(index + 1);
    });
  });

  it("A later call of a transferred ticket shows it again in the recent calls, once, with the new counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toServiceId: "anagrafe" });
    office.advance(MINUTE);
    office.callNext("sportello-3");
    expect(office.state.recentCalls).toHaveLength(1);
    expect(office.state.recentCalls[0]).toMatchObject({
      ticketId: id("A001"),
      counterId: "sportello-3",
    });
  });

  it("A transfer may send a ticket to an appointment-only or closed service; staff decide where people go.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toServiceId: "edilizia" });
    expect(office.ticket(id("A001"))?.serviceId).toBe("edilizia");
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    expect(office.callNext("sportello-5")).toBe(id("A001"));
  });
});

describe("Transferring to a counter", () => {
  it("The ticket waits for that counter only: other counters serving its service do not call it.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    const events = office.ok({
      type: "transfer",
      counterId: "sportello-1",
      toCounterId: "sportello-4",
    });
    expect(events[0]).toMatchObject({
      type: "ticketTransferred",
      toServiceId: "urp",
      toCounterId: "sportello-4",
    });
    expect(office.ticket(id("A001"))).toMatchObject({
      status: "waiting",
      serviceId: "urp",
      targetCounterId: "sportello-4",
      counterId: null,
    });
    office.refuse({ type: "callNext", counterId: "sportello-1" }, "queue_empty");
    office.refuse({ type: "callNext", counterId: "sportello-2" }, "queue_empty");
    expect(office.callNext("sportello-4")).toBe(id("A001"));
  });

  it("The target counter calls the ticket even if it does not serve the ticket's service, and the target is then cleared.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-3" });
    expect(office.callNext("sportello-3")).toBe(id("A001"));
    expect(office.ticket(id("A001"))).toMatchObject({
      status: "called",
      counterId: "sportello-3",
      targetCounterId: null,
    });
  });

  it("A ticket transferred to a counter is called there in queue order with the counter's own service queue.", () => {
    const office = new Office();
    office.issue("urp"); // A001 at 10:00, will be transferred to sportello-3
    office.advance(MINUTE);
    office.issue("anagrafe"); // B001 at 10:01
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-3" });
    expect(office.callNext("sportello-3")).toBe(id("A001"));
    office.ok({ type: "startService", counterId: "sportello-3" });
    expect(office.callNext("sportello-3")).toBe(id("B001"));
  });

  it("A ticket transferred to a back-office desk waits until the desk switches to front office.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.ok({ type: "transfer", counterId: "sportello-1", toCounterId: "sportello-5" });
    office.refuse({ type: "callNext", counterId: "sportello-5" }, "counter_cannot_call");
    office.refuse({ type: "callNext", counterId: "sportello-2" }, "queue_empty");
    office.advance(10 * SECOND);
    office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
    expect(office.callNext("sportello-5")).toBe(id("A001"));
  });
});

describe("Refused transfers", () => {
  it("A counter with no ticket has nothing to transfer (no_current_ticket).", () => {
    const office = new Office();
    office.refuse(
      { type: "transfer", counterId: "sportello-1", toServiceId: "anagrafe" },
      "no_current_ticket",
    );
  });

  it("A transfer from an unknown counter is refused with unknown_counter.", () => {
    const office = new Office();
    office.refuse(
      { type: "transfer", counterId: "sportello-99", toServiceId: "anagrafe" },
      "unknown_counter",
    );
  });

  it("A transfer to an unknown service is refused with unknown_service.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.refuse(
      { type: "transfer", counterId: "sportello-1", toServiceId: "passaporti" },
      "unknown_service",
    );
  });

  it("A transfer to an unknown counter is refused with unknown_counter.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.refuse(
      { type: "transfer", counterId: "sportello-1", toCounterId: "sportello-99" },
      "unknown_counter",
    );
  });

  it("A transfer to the ticket's own service is refused with invalid_transfer.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.refuse(
      { type: "transfer", counterId: "sportello-1", toServiceId: "urp" },
      "invalid_transfer",
    );
  });

  it("A transfer to the counter that holds the ticket is refused with invalid_transfer.", () => {
    const office = new Office();
    office.issue("urp");
    office.callNext("sportello-1");
    office.refuse(
      { type: "transfer", counterId: "sportello-1", toCounterId: "sportello-1" },
      "invalid_transfer",
    );
  });
});
