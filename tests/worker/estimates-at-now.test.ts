import { afterEach, describe, expect, it } from "vitest";
import type { CheckedIn } from "../../shared/protocol/appointments";
import {
  appointmentOfficeConfig,
  book,
  officeDays,
  setOfficeClock,
  slotsOf,
} from "./appointment-helpers";
import {
  api,
  closeAllSockets,
  counterAction,
  createOffice,
  getOffice,
  getTicket,
  issueTicket,
  LiveSocket,
  pairedDevice,
} from "./helpers";

/*
 * The office's answers estimate at the office's own time (issue 12): an
 * appointment checked in early is not ahead of a walk-in taking a number now
 * unless it falls due before that walk-in's turn. Registry (B) is mixed, 10
 * minutes a person, served by three front desks.
 */

afterEach(closeAllSockets);

const MINUTE = 60_000;

/** An office whose registry appointment, at its first slot, was checked in 25 minutes early. */
async function officeWithEarlyAppointment() {
  const config = appointmentOfficeConfig();
  const officeId = await createOffice(config);
  const days = officeDays(config.timeZone);
  const [slot] = await slotsOf(
    officeId,
    "registry",
    { from: days.today, to: days.tomorrow },
    "operator",
  );
  const booked = await book(officeId, { serviceId: "registry", start: slot!.start });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  await setOfficeClock(officeId, slot!.start - 25 * MINUTE);
  const kiosk = await pairedDevice(officeId, "kiosk");
  const checked = await api<CheckedIn>("POST", `/offices/${officeId}/appointments/check-in`, {
    as: kiosk.as,
    body: { code: booked.body.appointment.code },
  });
  expect(checked.status, JSON.stringify(checked.body)).toBe(201);
  return { officeId, start: slot!.start };
}

describe("Estimates at the office's time", () => {
  it("The public office view does not count an appointment 25 minutes early as ahead of a new walk-in.", async () => {
    const { officeId, start } = await officeWithEarlyAppointment();
    const registry = (await getOffice(officeId)).services.find((s) => s.id === "registry");
    expect(registry).toMatchObject({ waiting: 1, estimatedWaitSeconds: 0 });
    // Once it is due, it is ahead: 10 minutes over three desks.
    await setOfficeClock(officeId, start);
    const due = (await getOffice(officeId)).services.find((s) => s.id === "registry");
    expect(due).toMatchObject({ waiting: 1, estimatedWaitSeconds: 200 });
  });

  it("A walk-in's ticket page, fetched and followed live, does not count the appointment while it is not due.", async () => {
    const { officeId } = await officeWithEarlyAppointment();
    const first = await issueTicket(officeId, "registry");
    const second = await issueTicket(officeId, "registry");
    expect(second).toMatchObject({ peopleAhead: 1, estimatedWaitSeconds: 200 });
    expect(await getTicket(officeId, first.token)).toMatchObject({
      peopleAhead: 0,
      estimatedWaitSeconds: 0,
    });

    const phone = await LiveSocket.open(officeId, `v=1&role=ticket&token=${second.token}`);
    expect((await phone.next("ticket")).ticket).toMatchObject({
      peopleAhead: 1,
      estimatedWaitSeconds: 200,
    });
    // A desk pausing changes the wait: the new frame is computed at the office's time too.
    await counterAction(officeId, "desk-3", "mode", { mode: "paused" });
    expect((await phone.next("ticket")).ticket).toMatchObject({
      peopleAhead: 1,
      estimatedWaitSeconds: 300,
    });
  });
});
