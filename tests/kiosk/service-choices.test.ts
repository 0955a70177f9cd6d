import { describe, expect, it } from "vitest";
import { readIssueAnswer } from "../../kiosk/model/issue-answer";
import { isTappable, serviceChoices } from "../../kiosk/model/service-choices";
import { issueErrorMessage } from "../../kiosk/ui/IssueError";
import { demoOfficeConfig } from "../../shared/demo-office";
import { kioskMessages } from "../../shared/i18n/kiosk";
import { demoConfig, Office } from "../engine/helpers";

const availability = (office: Office) =>
  Object.fromEntries(
    serviceChoices(office.state, office.now).map((c) => [c.service.id, c.availability]),
  );

describe("The kiosk's service buttons", () => {
  it("Shows a service whose tickets are finished for today, disabled, instead of hiding it.", () => {
    const office = new Office();
    office.issue("anagrafe");
    office.ok({ type: "setServiceToday", serviceId: "anagrafe", open: false });
    const choices = serviceChoices(office.state, office.now);
    expect(choices.map((c) => c.service.id)).toEqual(demoOfficeConfig.services.map((s) => s.id));
    const anagrafe = choices.find((c) => c.service.id === "anagrafe")!;
    expect(anagrafe.availability).toBe("finished-today");
    expect(isTappable(anagrafe)).toBe(false);
    expect(anagrafe.waiting).toBe(1);
    expect(availability(office)).toMatchObject({ urp: "walk-in", edilizia: "appointment" });
    expect(choices.filter(isTappable)).toHaveLength(choices.length - 1);

    office.ok({ type: "setServiceToday", serviceId: "anagrafe", open: true });
    expect(availability(office).anagrafe).toBe("walk-in");
  });

  it("Gives the reasons in the engine's order: off first, then by appointment, then finished today.", () => {
    const office = new Office(
      demoConfig({
        services: demoOfficeConfig.services.map((s) =>
          s.id === "scuola" ? { ...s, open: false } : s,
        ),
      }),
    );
    for (const serviceId of ["scuola", "edilizia", "urp"])
      office.ok({ type: "setServiceToday", serviceId, open: false });
    expect(availability(office)).toMatchObject({
      scuola: "unavailable",
      edilizia: "appointment",
      urp: "finished-today",
    });
    // The engine refuses in the same order.
    office.refuse(
      { type: "issueTicket", serviceId: "edilizia", channel: "kiosk" },
      "service_appointment_only",
    );
    office.refuse(
      { type: "issueTicket", serviceId: "urp", channel: "kiosk" },
      "service_finished_today",
    );
  });

  it("Treats a mixed service (appointments and walk-ins) as a walk-in one: a tap takes a number.", () => {
    const office = new Office(
      demoConfig({
        services: demoOfficeConfig.services.map((s) =>
          s.id === "edilizia" ? { ...s, mode: "mixed" } : s,
        ),
      }),
    );
    expect(availability(office).edilizia).toBe("walk-in");
    office.issue("edilizia");
    expect(
      serviceChoices(office.state, office.now).find((c) => c.service.id === "edilizia")?.waiting,
    ).toBe(1);
  });

  it("Shows the wait for someone taking a number now: an appointment checked in an hour early is not ahead of them.", () => {
    const office = new Office(
      demoConfig({
        services: demoOfficeConfig.services.map((s) =>
          s.id === "scuola" ? { ...s, mode: "mixed" } : s,
        ),
      }),
    );
    const slot = office.now + 60 * 60 * 1000;
    office.checkIn("scuola", "apt-1", slot);
    const scuola = (at: number) =>
      serviceChoices(office.state, at).find((c) => c.service.id === "scuola");
    expect(scuola(office.now)).toMatchObject({ waiting: 1, estimatedWaitSeconds: 0 });
    // Once due, the appointment is ahead: 10 minutes over Sportello 1, 2 and 4.
    expect(scuola(slot)?.estimatedWaitSeconds).toBe(200);
  });

  it("Offers the service again the next day: the rollover reopens it.", () => {
    const office = new Office();
    office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    office.advance(24 * 60 * 60 * 1000).ok({ type: "rollover" });
    expect(availability(office).urp).toBe("walk-in");
  });
});

describe("A tap that races the supervisor (409 service_finished_today)", () => {
  it("Is a refusal for the citizen, said as 'tickets for today are finished'.", () => {
    const answer = readIssueAnswer({
      status: 409,
      body: { error: { code: "service_finished_today", message: "" } },
    });
    expect(answer).toEqual({ kind: "refused", code: "service_finished_today" });
    expect(issueErrorMessage("service_finished_today", kioskMessages("it"))).toMatch(
      /^Biglietti per oggi terminati/,
    );
    expect(issueErrorMessage("service_finished_today", kioskMessages("en"))).toMatch(
      /^Tickets for today are finished/,
    );
  });

  it("Labels the disabled button with the same words in both languages.", () => {
    expect(kioskMessages("it").kiosk.start.finishedToday).toBe("Biglietti per oggi terminati");
    expect(kioskMessages("en").kiosk.start.finishedToday).toBe("Tickets for today are finished");
  });
});
