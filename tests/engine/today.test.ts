import { describe, expect, it } from "vitest";
import { execute } from "../../shared/engine";
import { MONDAY_10, Office } from "./helpers";

describe("Closing a service's tickets for the rest of the day", () => {
  it("A closed service refuses new tickets with service_finished_today while the people already waiting keep their place.", () => {
    const office = new Office();
    const waiting = office.issue("urp");
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    expect(office.state.closedForToday).toEqual(["urp"]);
    expect(office.run({ type: "issueTicket", serviceId: "urp" }).error?.code).toBe(
      "service_finished_today",
    );
    expect(office.state.tickets[waiting.id]?.status).toBe("waiting");
    // Other services go on issuing.
    expect(office.run({ type: "issueTicket", serviceId: "anagrafe" }).error).toBeNull();
  });

  it("Reopening lets the service issue again; closing twice changes nothing the second time.", () => {
    const office = new Office();
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    expect(office.run({ type: "setServiceToday", serviceId: "urp", open: false }).events).toEqual(
      [],
    );
    office.ok({ type: "setServiceToday", serviceId: "urp", open: true });
    expect(office.state.closedForToday).toEqual([]);
    expect(office.run({ type: "issueTicket", serviceId: "urp" }).error).toBeNull();
  });

  it("The next day every service issues again: the rollover clears the list.", () => {
    const office = new Office();
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    const nextMorning = MONDAY_10 + 24 * 60 * 60 * 1000;
    const next = execute(
      office.state,
      { type: "issueTicket", serviceId: "urp", priority: false, lang: null, channel: "kiosk" },
      nextMorning,
    );
    expect(next.error).toBeNull();
    expect(next.state?.closedForToday).toEqual([]);
  });

  it("An unknown service is refused with unknown_service.", () => {
    expect(
      new Office().run({ type: "setServiceToday", serviceId: "nope", open: false }).error?.code,
    ).toBe("unknown_service");
  });
});

describe("Display notices", () => {
  it("A notice is set with its time, replaced, and cleared with null.", () => {
    const office = new Office();
    office.ok({ type: "setNotice", text: "Lo sportello 3 chiude alle 12" });
    expect(office.state.notice).toEqual({ text: "Lo sportello 3 chiude alle 12", at: MONDAY_10 });
    office.ok({ type: "setNotice", text: null });
    expect(office.state.notice).toBeNull();
  });
});
