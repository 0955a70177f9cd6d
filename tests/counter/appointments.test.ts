import { describe, expect, it } from "vitest";
import { createCounterCheckIn } from "../../counter/model/appointment-check-in";
import {
  appointmentMarkerOf,
  appointmentMarkerText,
  notDueText,
} from "../../counter/model/appointment-marker";
import { checkInRefusalText, checkInResultText } from "../../counter/model/check-in-text";
import { counterQueue, counterViewOf, refusalFor } from "../../counter/model/counter-view";
import { SHORTCUT_KEYS } from "../../counter/model/shortcuts";
import { counterMessages } from "../../shared/i18n/counter";
import { demoConfig, MINUTE, MONDAY_10, Office, withModes } from "../engine/helpers";

const SLOT = MONDAY_10 + 30 * MINUTE; // 10:30 in Rome
const it_ = counterMessages("it");
const en = counterMessages("en");

/** The demo office with Anagrafe taking walk-ins and appointments, and Sportello 5 at the front. */
function mixedOffice(): Office {
  const office = new Office(withModes(demoConfig(), { anagrafe: "mixed" }));
  office.ok({ type: "setCounterMode", counterId: "sportello-5", mode: "front" });
  return office;
}

function counterOf(office: Office, counterId: string) {
  const view = counterViewOf(office.state, counterId);
  if (!view) throw new Error(`no counter ${counterId}`);
  return view.counter;
}

describe("An appointment's ticket at the counter", () => {
  it("is marked with its time on the office's clock: “appuntamento 10:30” / “appointment 10:30”.", () => {
    const office = mixedOffice();
    const ticket = office.checkIn("edilizia", "apt-1", SLOT);
    const marker = appointmentMarkerOf(ticket, office.state.config, office.now);
    expect(marker).toEqual({ time: "10:30", due: false, late: false });
    expect(appointmentMarkerText(marker!, it_)).toBe("appuntamento 10:30");
    expect(appointmentMarkerText(marker!, en)).toBe("appointment 10:30");
    expect(notDueText(marker!, en)).toBe("waiting for 10:30");
    expect(appointmentMarkerOf(office.issue("urp"), office.state.config, office.now)).toBeNull();
  });

  it("is due from a couple of minutes before its time, and marked late when checked in after the window.", () => {
    const office = mixedOffice();
    const ticket = office.checkIn("edilizia", "apt-1", SLOT);
    expect(appointmentMarkerOf(ticket, office.state.config, SLOT - 3 * MINUTE)?.due).toBe(false);
    expect(appointmentMarkerOf(ticket, office.state.config, SLOT - 2 * MINUTE)?.due).toBe(true);
    office.at(SLOT + 11 * MINUTE); // the default window closes 10 minutes after the slot
    const late = office.checkIn("edilizia", "apt-2", SLOT);
    expect(appointmentMarkerOf(late, office.state.config, office.now)?.late).toBe(true);
  });

  it("waits at the end of its queue until it is due, and is not the next one called before then.", () => {
    const office = mixedOffice();
    const appointment = office.checkIn("anagrafe", "apt-1", SLOT);
    office.advance(MINUTE);
    const walkIn = office.issue("anagrafe");
    const counter = counterOf(office, "sportello-5");

    const early = counterQueue(office.state, counter, office.now);
    const anagrafe = early.groups.find((g) => g.serviceId === "anagrafe");
    expect(anagrafe?.tickets.map((t) => t.id)).toEqual([walkIn.id, appointment.id]);
    expect(early.next?.id).toBe(walkIn.id);

    const due = counterQueue(office.state, counter, SLOT - MINUTE);
    expect(due.groups.find((g) => g.serviceId === "anagrafe")?.tickets[0]?.id).toBe(appointment.id);
    expect(due.next?.id).toBe(appointment.id);
  });

  it("leaves an appointment checked in an hour early out of the wait shown for a service, until it falls due before a new walk-in's turn.", () => {
    const office = mixedOffice();
    const slot = MONDAY_10 + 60 * MINUTE;
    office.checkIn("anagrafe", "apt-1", slot);
    const counter = counterOf(office, "sportello-5");
    const waitFor = (at: number) =>
      counterQueue(office.state, counter, at).groups.find((g) => g.serviceId === "anagrafe")
        ?.estimatedWaitSeconds;
    // Nobody else waits: a walk-in taking a number now is next.
    expect(waitFor(office.now)).toBe(0);
    // Once the appointment is due it is ahead: 15 minutes over Sportello 1, 2, 3 and 5.
    expect(waitFor(slot)).toBe(Math.round((15 * 60) / 4));
  });

  it("shows no next ticket while call-next keeps the desk for an appointment falling due during the first walk-in.", () => {
    const office = mixedOffice();
    office.checkIn("edilizia", "apt-1", MONDAY_10 + 10 * MINUTE); // only Sportello 5 serves it
    office.issue("anagrafe");
    const counter = counterOf(office, "sportello-5");
    expect(counterQueue(office.state, counter, office.now).next).toBeUndefined();
    office.refuse({ type: "callNext", counterId: "sportello-5" }, "kept_for_appointment");
    expect(counterQueue(office.state, counter, MONDAY_10 + 8 * MINUTE).next?.code).toBe("G001");
  });

  it("has a Check in action (key A) that no counter state refuses and no other action's key.", () => {
    const office = mixedOffice();
    const view = counterViewOf(office.state, "sportello-1")!;
    expect(refusalFor(view, "checkIn")).toBeNull();
    expect(SHORTCUT_KEYS.checkIn).toBe("A");
    const keys = Object.values(SHORTCUT_KEYS);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

function counterCheckIn(answers: { status: number; body: unknown }[]) {
  const sent: { path: string; body: unknown; key: string | undefined }[] = [];
  const calls: string[] = [];
  let keys = 0;
  const checkIn = createCounterCheckIn({
    officeId: "scandicci",
    post: async (path, body, headers) => {
      sent.push({ path, body, key: headers["idempotency-key"] });
      return answers.shift() ?? { status: 0, body: null };
    },
    onUnauthorized: () => calls.push("unauthorized"),
    onForbidden: () => calls.push("forbidden"),
    newKey: () => `key-${++keys}`,
  });
  return { checkIn, sent, calls };
}

const issuedBody = (office: Office, late = false) => {
  const ticket = office.checkIn("edilizia", "apt-1", SLOT);
  return {
    ticket,
    token: "tok",
    trackingUrl: "http://turno.test/t/scandicci/tok",
    peopleAhead: 0,
    estimatedWaitSeconds: null,
    appointment: {
      id: "apt-1",
      code: "K7P2QX",
      serviceId: "edilizia",
      start: SLOT,
      startLocal: "2026-11-23T10:30",
      status: "checked-in",
      ticketCode: ticket.code,
    },
    lateArrival: late,
  };
};

describe("Checking in at the counter", () => {
  it("posts the typed code, normalised, and keeps the key only to retry an unanswered attempt.", async () => {
    const office = mixedOffice();
    const { checkIn, sent } = counterCheckIn([
      { status: 0, body: null },
      { status: 201, body: issuedBody(office) },
      { status: 404, body: { error: { code: "unknown_appointment", message: "" } } },
    ]);
    checkIn.open();
    checkIn.input("k7p-2qx");
    await checkIn.submit();
    expect(checkIn.result.value).toEqual({ kind: "unreachable" });
    await checkIn.submit();
    expect(checkIn.result.value).toMatchObject({
      kind: "checked-in",
      ticketCode: "G001",
      slotStart: SLOT,
    });
    // Ready for the next person.
    expect(checkIn.code.value).toBe("");
    checkIn.input("K7P2QX");
    await checkIn.submit();
    expect(sent.map((s) => [s.path, s.key])).toEqual([
      ["/api/offices/scandicci/appointments/check-in", "key-1"],
      ["/api/offices/scandicci/appointments/check-in", "key-1"],
      ["/api/offices/scandicci/appointments/check-in", "key-2"],
    ]);
    expect(sent[0]?.body).toEqual({ code: "K7P2QX" });
  });

  it("refuses a code that is not one without asking, and hands a 401 to the session.", async () => {
    const { checkIn, sent, calls } = counterCheckIn([
      { status: 401, body: { error: { code: "not_signed_in", message: "" } } },
    ]);
    checkIn.open();
    checkIn.input("K7P");
    await checkIn.submit();
    expect(checkIn.result.value).toMatchObject({ refusal: { code: "code_length" } });
    expect(sent).toEqual([]);
    checkIn.input("K7P2QX");
    await checkIn.submit();
    expect(calls).toEqual(["unauthorized"]);
  });

  it("says what was issued, a late arrival and a walk-in instead in the clerk's words.", () => {
    const office = mixedOffice();
    const done = checkInResultText(
      {
        kind: "checked-in",
        ticketCode: "G001",
        serviceId: "edilizia",
        slotStart: SLOT,
        late: false,
      },
      office.state,
      it_,
      "it",
    );
    expect(done).toEqual({
      tone: "ok",
      text: "G001 emesso per Edilizia (su appuntamento), appuntamento 10:30.",
    });
    expect(
      checkInResultText(
        {
          kind: "checked-in",
          ticketCode: "G001",
          serviceId: "edilizia",
          slotStart: SLOT,
          late: true,
        },
        office.state,
        en,
        "en",
      ).tone,
    ).toBe("warn");
    expect(
      checkInResultText(
        { kind: "walk-in-instead", ticketCode: "B004", serviceId: "anagrafe", slotStart: SLOT },
        office.state,
        en,
        "en",
      ).text,
    ).toContain("B004 is an ordinary ticket for Registry and ID card");
  });

  it("has its own words for every refusal, Italian and English, and says from when an early one may come.", () => {
    for (const code of [
      "unknown_appointment",
      "check_in_too_late",
      "appointment_missed",
      "appointment_cancelled",
      "appointment_checked_in",
      "code_length",
      "code_character",
      "forbidden",
    ]) {
      const italian = checkInRefusalText({ code, opensAt: null }, it_, "Europe/Rome");
      expect(italian, code).not.toBe(it_.counter.checkIn.errors.generic);
      expect(italian, code).not.toBe(
        checkInRefusalText({ code, opensAt: null }, en, "Europe/Rome"),
      );
    }
    expect(
      checkInRefusalText(
        { code: "check_in_too_early", opensAt: SLOT - 30 * MINUTE },
        en,
        "Europe/Rome",
      ),
    ).toBe("Too early: this appointment can check in from 10:00.");
  });
});
