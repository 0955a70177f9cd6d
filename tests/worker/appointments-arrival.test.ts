import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { startOfNextDay } from "../../shared/engine";
import {
  AppointmentRefusal,
  type CheckedIn,
  type HeldAppointment,
} from "../../shared/protocol/appointments";
import type { CounterAnswer } from "../../shared/protocol/responses";
import { TicketsTable } from "../../worker/office/store/tickets-table";
import {
  appointmentOfficeConfig,
  book,
  officeDays,
  setOfficeClock,
  slotsOf,
  type TestBooking,
} from "./appointment-helpers";
import {
  api,
  closeAllSockets,
  createOffice,
  expectError,
  getOffice,
  LiveSocket,
  officeStub,
  pairedDevice,
} from "./helpers";

/**
 * An appointment arriving: checked in by code at a kiosk (its ticket in the
 * service's series, callable from its slot), late arrivals by the service's
 * rule, missed by the alarm when nobody came, and its personal data erased
 * by the alarm the day after. Time is the office's own clock, moved by the
 * test; the booking itself is made on the real clock.
 */

afterEach(closeAllSockets);

const MINUTE = 60_000;

/** An office with a booking by staff at the first slot from now, and a paired kiosk. */
async function officeWithSoonBooking(serviceId = "permits", booking: TestBooking = {}) {
  const config = appointmentOfficeConfig({ booking });
  const officeId = await createOffice(config);
  const days = officeDays(config.timeZone);
  const [slot] = await slotsOf(
    officeId,
    serviceId,
    { from: days.today, to: days.tomorrow },
    "operator",
  );
  const booked = await book(officeId, {
    serviceId,
    start: slot!.start,
    name: "Zebulon Quintavalle",
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const kiosk = await pairedDevice(officeId, "kiosk");
  return {
    officeId,
    timeZone: config.timeZone,
    days,
    start: slot!.start,
    mine: booked.body,
    kiosk: kiosk.as,
    checkIn: (code = booked.body.appointment.code) =>
      api<CheckedIn>("POST", `/offices/${officeId}/appointments/check-in`, {
        as: kiosk.as,
        body: { code: code.toLowerCase() },
      }),
  };
}

describe("Check-in", () => {
  it("At a kiosk by code: too early says when it opens; on time gives a ticket in the service's series, called by call-next once due.", async () => {
    const { officeId, start, mine, checkIn } = await officeWithSoonBooking();
    await setOfficeClock(officeId, start - 31 * MINUTE);
    const early = await checkIn();
    expectError(early, 409, "check_in_too_early");
    expect(AppointmentRefusal.parse(early.body).error.opensAt).toBe(start - 30 * MINUTE);

    await setOfficeClock(officeId, start - 10 * MINUTE);
    const checked = await checkIn();
    expect(checked.status, JSON.stringify(checked.body)).toBe(201);
    expect(checked.body.ticket).toMatchObject({
      code: "P001",
      serviceId: "permits",
      channel: "kiosk",
      appointment: { id: mine.appointment.id, slotStart: start },
    });
    expect(checked.body.appointment).toMatchObject({ status: "checked-in", ticketCode: "P001" });
    expect(checked.body.lateArrival).toBe(false);
    expect(JSON.stringify(checked.body)).not.toContain("Zebulon");
    expectError(await checkIn(), 409, "appointment_checked_in");

    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { body: {} }),
      409,
      "queue_empty",
    );
    await setOfficeClock(officeId, start - 1 * MINUTE);
    const called = await api<CounterAnswer>(
      "POST",
      `/offices/${officeId}/counters/desk-1/call-next`,
      {
        body: {},
      },
    );
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect(called.body.counter.ticket?.code).toBe("P001");

    // The ticket keeps its appointment in storage: a restarted office still knows it.
    await evictDurableObject(officeStub(officeId));
    const stored = await runInDurableObject(officeStub(officeId), (_office, state) =>
      new TicketsTable(state.storage.sql).byId(checked.body.ticket.id),
    );
    expect(stored?.appointment).toEqual({ id: mine.appointment.id, slotStart: start });
  });

  it("The holder's \"I'm here\" inside the window checks in too; an unknown code is unknown_appointment.", async () => {
    const { officeId, start, mine, checkIn } = await officeWithSoonBooking("registry");
    await setOfficeClock(officeId, start - 5 * MINUTE);
    expectError(await checkIn("ZZZZZZ"), 404, "unknown_appointment");
    const mineIn = await api<CheckedIn>(
      "POST",
      `/offices/${officeId}/appointments/${mine.token}/check-in`,
      { as: "anonymous" },
    );
    expect(mineIn.status, JSON.stringify(mineIn.body)).toBe(201);
    expect(mineIn.body.ticket).toMatchObject({ code: "B001", channel: "remote" });
    const held = await api<HeldAppointment>(
      "GET",
      `/offices/${officeId}/appointments/${mine.token}`,
    );
    expect(held.body.appointment).toMatchObject({ status: "checked-in", ticketCode: "B001" });
  });

  it("Late arrivals follow the service's rule: refused with a link to rebook, or the clerk's ticket flagged late.", async () => {
    const refused = await officeWithSoonBooking("permits", { lateArrivals: "refuse" });
    await setOfficeClock(refused.officeId, refused.start + 11 * MINUTE);
    const late = await refused.checkIn();
    expectError(late, 409, "check_in_too_late");
    expect(AppointmentRefusal.parse(late.body).error.rebookUrl).toBe(
      `http://example.com/book/?office=${refused.officeId}&service=permits`,
    );

    const clerk = await officeWithSoonBooking("permits", { lateArrivals: "clerk" });
    await setOfficeClock(clerk.officeId, clerk.start + 11 * MINUTE);
    const flagged = await clerk.checkIn();
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(201);
    expect(flagged.body.lateArrival).toBe(true);
    expect(flagged.body.ticket.appointment?.id).toBe(clerk.mine.appointment.id);
  });
});

describe("The alarm", () => {
  const alarmOf = (officeId: string) =>
    runInDurableObject(officeStub(officeId), (_office, state) => state.storage.getAlarm());

  it("Work that a run cannot finish never fires the alarm back to back: the next run is at least a second away.", async () => {
    const config = appointmentOfficeConfig();
    const officeId = await createOffice(config);
    // A clock standing still three days back: the booking's grace period ends in the real past,
    // so the alarm is due at once, yet no run on this clock finds it missed.
    const past = Date.now() - 3 * 24 * 60 * MINUTE;
    await setOfficeClock(officeId, past);
    const days = officeDays(config.timeZone, past);
    const [slot] = await slotsOf(officeId, "permits", { from: days.today, to: days.tomorrow });
    expect((await book(officeId, { serviceId: "permits", start: slot!.start })).status).toBe(201);
    const before = Date.now();
    await runDurableObjectAlarm(officeStub(officeId));
    expect(await alarmOf(officeId)).toBeGreaterThanOrEqual(before + 900);
  });

  it("Not checked in by the end of the grace period: missed by the alarm (twice is harmless), and a late arrival gets a walk-in ticket.", async () => {
    const { officeId, start, mine, checkIn } = await officeWithSoonBooking("registry");
    expect(await alarmOf(officeId)).toBe(start + 10 * MINUTE + 1);
    await setOfficeClock(officeId, start + 11 * MINUTE);
    expect(await runDurableObjectAlarm(officeStub(officeId))).toBe(true);
    const path = `/offices/${officeId}/appointments/${mine.token}`;
    expect((await api<HeldAppointment>("GET", path)).body.appointment.status).toBe("missed");
    const seq = (await getOffice(officeId)).seq;
    await runDurableObjectAlarm(officeStub(officeId));
    expect((await api<HeldAppointment>("GET", path)).body.appointment.status).toBe("missed");
    expect((await getOffice(officeId)).seq).toBe(seq);
    const view = await getOffice(officeId);
    expect(await alarmOf(officeId)).toBe(startOfNextDay(view.day, view.timeZone));

    const walkIn = await checkIn();
    expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(201);
    expect(walkIn.body.lateArrival).toBe(true);
    expect(walkIn.body.ticket).toMatchObject({ code: "B001", appointment: null });
    expect(walkIn.body.appointment).toMatchObject({ status: "missed", ticketCode: "B001" });
  });

  it("A missed appointment of a service without walk-ins is appointment_missed, with a link to rebook.", async () => {
    const { officeId, start, checkIn } = await officeWithSoonBooking("permits");
    await setOfficeClock(officeId, start + 11 * MINUTE);
    await runDurableObjectAlarm(officeStub(officeId));
    const missed = await checkIn();
    expectError(missed, 409, "appointment_missed");
    expect(JSON.stringify(missed.body)).toContain("rebookUrl");
  });

  it("Name, contact, reason and address are erased by the alarm the day after the appointment, or after its cancellation.", async () => {
    const config = appointmentOfficeConfig();
    const officeId = await createOffice(config);
    const days = officeDays(config.timeZone);
    const slots = await slotsOf(officeId, "permits", { from: days.tomorrow, to: days.tomorrow });
    const [first, second] = [slots[4], slots[5]];
    const kept = await book(
      officeId,
      {
        serviceId: "permits",
        start: first!.start,
        reason: "building permit",
        phone: "055 1234567",
      },
      { as: "anonymous", headers: { "cf-connecting-ip": "192.0.2.44" } },
    );
    const dropped = await book(officeId, { serviceId: "permits", start: second!.start });
    await api("DELETE", `/offices/${officeId}/appointments/${dropped.body.token}`);

    const personal = () =>
      runInDurableObject(officeStub(officeId), (_office, state) =>
        state.storage.sql
          .exec<{
            id: string;
            name: string | null;
            email: string | null;
            phone: string | null;
            reason: string | null;
            address: string | null;
            personal_erased_at: number | null;
          }>(`SELECT id, name, email, phone, reason, address, personal_erased_at FROM appointments`)
          .toArray(),
      );
    const byId = async (id: string) => (await personal()).find((row) => row.id === id)!;
    expect((await byId(kept.body.appointment.id)).address).toBe("192.0.2.44");

    // The day after the cancellation: the cancelled booking is erased, the other is not yet.
    await setOfficeClock(officeId, startOfNextDay(days.today, config.timeZone) + 30 * MINUTE);
    await runDurableObjectAlarm(officeStub(officeId));
    expect(await byId(dropped.body.appointment.id)).toMatchObject({
      name: null,
      email: null,
      phone: null,
      reason: null,
      address: null,
    });
    expect((await byId(kept.body.appointment.id)).name).toBe("Maria Rossi");

    // The day after the appointment: erased too (and missed, since nobody came).
    await setOfficeClock(officeId, startOfNextDay(days.tomorrow, config.timeZone) + 30 * MINUTE);
    await runDurableObjectAlarm(officeStub(officeId));
    await runDurableObjectAlarm(officeStub(officeId));
    const erased = await byId(kept.body.appointment.id);
    expect(erased).toMatchObject({
      name: null,
      email: null,
      phone: null,
      reason: null,
      address: null,
    });
    expect(erased.personal_erased_at).not.toBeNull();
    const held = await api<HeldAppointment>(
      "GET",
      `/offices/${officeId}/appointments/${kept.body.token}`,
    );
    expect(held.body.appointment).toMatchObject({ status: "missed", name: null, contact: {} });
    expect(held.body.appointment.reason).toBeUndefined();
  });
});

describe("Privacy of appointments", () => {
  it("A booked person's name never reaches the public office view or a display, even once checked in and called.", async () => {
    const { officeId, start, checkIn } = await officeWithSoonBooking();
    const display = await LiveSocket.open(officeId, "v=1&role=display");
    await display.next("snapshot");
    await setOfficeClock(officeId, start - 1 * MINUTE);
    expect((await checkIn()).status).toBe(201);
    await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { body: {} });
    await display.until(() => display.received.length >= 3, "the check-in and the call");
    const view = await api("GET", `/offices/${officeId}`, { as: "anonymous" });
    expect(JSON.stringify(view.body)).not.toContain("Zebulon");
    expect(JSON.stringify(display.raw)).not.toContain("Zebulon");
    expect(JSON.stringify(display.raw)).toContain("P001");
  });
});
