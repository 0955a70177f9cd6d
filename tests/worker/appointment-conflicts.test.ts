import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type {
  AppointmentConflicts,
  DayAppointments,
  HeldAppointment,
  ResolvedConflict,
} from "../../shared/protocol/appointments";
import type { OfficeConfigInput } from "../../shared/protocol/config";
import { weekdayOf } from "../../shared/protocol/wall-time";
import {
  appointmentOfficeConfig,
  book,
  bookingSettings,
  newEmail,
  officeDays,
  slotsOf,
} from "./appointment-helpers";
import { api, createOffice, expectError, officeStub, signedIn } from "./helpers";

/**
 * Office changes never cancel silently (issue 12, point 7): a change of the
 * configuration flags the bookings it no longer fits, in the same
 * transaction; staff keep or cancel each; a later change that fixes one
 * clears its flag.
 */

async function conflictOffice(seats = 3) {
  const config = appointmentOfficeConfig({ booking: { seats } });
  const officeId = await createOffice(config);
  return { officeId, config, days: officeDays(config.timeZone) };
}

async function bookAt(officeId: string, serviceId: string, day: string, index: number) {
  const slot = (await slotsOf(officeId, serviceId, { from: day, to: day }))[index]!;
  const booked = await book(officeId, {
    serviceId,
    start: slot.start,
    name: "Anna Bianchi",
    email: newEmail(),
    lang: "it",
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body;
}

async function configure(officeId: string, config: OfficeConfigInput) {
  const answer = await api("PUT", `/offices/${officeId}`, { body: config });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function conflicts(officeId: string) {
  const answer = await api<AppointmentConflicts>(
    "GET",
    `/offices/${officeId}/appointment-conflicts`,
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.conflicts;
}

const withPermits = (
  config: OfficeConfigInput,
  change: (service: OfficeConfigInput["services"][number]) => OfficeConfigInput["services"][number],
): OfficeConfigInput => ({
  ...config,
  services: config.services.map((s) => (s.id === "permits" ? change(s) : s)),
});

const storedConflict = (officeId: string, id: string) =>
  runInDurableObject(officeStub(officeId), (_office, state) =>
    state.storage.sql
      .exec<{ conflict: string | null; conflict_kept: string | null; status: string }>(
        `SELECT conflict, conflict_kept, status FROM appointments WHERE id = ?`,
        id,
      )
      .one(),
  );

describe("Office changes flag the bookings they no longer fit", () => {
  it("A new closed date flags that day's bookings (name, contact, language, reason) and no others; taking the date back clears them.", async () => {
    const { officeId, config, days } = await conflictOffice();
    const closing = days.after(3);
    const first = await bookAt(officeId, "permits", closing, 4);
    const second = await bookAt(officeId, "registry", closing, 8);
    const other = await bookAt(officeId, "permits", days.after(4), 4);
    expect(await conflicts(officeId)).toEqual([]);

    await configure(officeId, { ...config, closedDates: [closing] });
    // Stored by the change itself, before anyone asks.
    expect((await storedConflict(officeId, first.appointment.id)).conflict).toBe("closed_date");
    const listed = await conflicts(officeId);
    expect(listed.map((c) => c.id).sort()).toEqual(
      [first.appointment.id, second.appointment.id].sort(),
    );
    expect(listed[0]).toMatchObject({
      conflict: "closed_date",
      name: "Anna Bianchi",
      lang: "it",
      status: "booked",
    });
    expect(listed[0]!.contact.email).toMatch(/@example\.org$/);
    expect(listed[0]!.rebookUrl).toMatch(new RegExp(`/book/\\?office=${officeId}&service=`));
    const day = await api<DayAppointments>(
      "GET",
      `/offices/${officeId}/appointments?date=${closing}`,
    );
    expect(day.body.appointments.map((a) => a.conflict)).toEqual(["closed_date", "closed_date"]);
    const otherDay = await api<DayAppointments>(
      "GET",
      `/offices/${officeId}/appointments?date=${days.after(4)}`,
    );
    expect(otherDay.body.appointments.find((a) => a.id === other.appointment.id)?.conflict).toBe(
      null,
    );

    await configure(officeId, config);
    expect(await conflicts(officeId)).toEqual([]);
    expect((await storedConflict(officeId, first.appointment.id)).status).toBe("booked");
  });

  it("Shorter hours, a removed window and a service switched to walk-in each flag with their own reason; nothing is cancelled.", async () => {
    const { officeId, config, days } = await conflictOffice();
    const day = days.after(3);
    const weekday = weekdayOf(day);
    // Slots every half hour from 00:00: index 10 is 05:00, index 40 is 20:00.
    const early = await bookAt(officeId, "permits", day, 10);
    const late = await bookAt(officeId, "permits", day, 40);
    const mixed = await bookAt(officeId, "registry", day, 12);

    const hours = { ...config.openingHours, [weekday]: [{ open: "00:00", close: "12:00" }] };
    const booking = bookingSettings();
    const shorter = withPermits({ ...config, openingHours: hours }, (service) => ({
      ...service,
      booking: {
        ...booking,
        windows: { ...booking.windows, [weekday]: [{ start: "00:00", end: "04:00", seats: 3 }] },
      },
    }));
    // The mixed service keeps its windows within the new hours, then turns walk-in.
    const walkIn: OfficeConfigInput = {
      ...shorter,
      services: shorter.services.map((s) =>
        s.id === "registry" ? { ...s, mode: "walk-in" as const, booking: undefined } : s,
      ),
    };
    await configure(officeId, walkIn);
    const reasons = Object.fromEntries((await conflicts(officeId)).map((c) => [c.id, c.conflict]));
    expect(reasons).toEqual({
      [early.appointment.id]: "no_window",
      [late.appointment.id]: "outside_hours",
      [mixed.appointment.id]: "no_bookings",
    });
    for (const id of Object.keys(reasons))
      expect((await storedConflict(officeId, id)).status).toBe("booked");
  });

  it("Fewer seats flag the latest bookings of a start; keep clears the flag for good, cancel tells the holder's page and calendar.", async () => {
    const { officeId, config, days } = await conflictOffice(3);
    const day = days.after(5);
    const slot = (await slotsOf(officeId, "permits", { from: day, to: day }))[6]!;
    const made = [];
    for (let n = 0; n < 3; n++) {
      const booked = await book(officeId, { serviceId: "permits", start: slot.start });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      made.push(booked.body);
    }
    const oneSeat = withPermits(config, (service) => ({
      ...service,
      booking: bookingSettings({ seats: 1 }),
    }));
    await configure(officeId, oneSeat);
    const flagged = await conflicts(officeId);
    expect(flagged.map((c) => c.conflict)).toEqual(["over_seats", "over_seats"]);
    expect(flagged.map((c) => c.id)).not.toContain(made[0]!.appointment.id);

    const [keepIt, cancelIt] = [made[1]!, made[2]!];
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const kept = await api<ResolvedConflict>(
      "POST",
      `/offices/${officeId}/appointment-conflicts/${keepIt.appointment.id}/keep`,
      { as: supervisor.as },
    );
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.appointment.status).toBe("booked");
    expect((await conflicts(officeId)).map((c) => c.id)).toEqual([cancelIt.appointment.id]);
    // Saving the configuration again (the same seats) does not raise what was kept.
    await configure(officeId, { ...oneSeat, targetWaitMinutes: 25 });
    expect((await conflicts(officeId)).map((c) => c.id)).toEqual([cancelIt.appointment.id]);

    const cancelled = await api<ResolvedConflict>(
      "POST",
      `/offices/${officeId}/appointment-conflicts/${cancelIt.appointment.id}/cancel`,
      { as: supervisor.as },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.appointment.status).toBe("cancelled");
    expect(await conflicts(officeId)).toEqual([]);

    const held = await api<HeldAppointment>(
      "GET",
      `/offices/${officeId}/appointments/${cancelIt.token}`,
      { as: "anonymous" },
    );
    expect(held.body).toMatchObject({
      cancelledBy: "office",
      cancelReason: "over_seats",
      rebookUrl: `http://example.com/book/?office=${officeId}&service=permits`,
    });
    const calendar = await api<string>(
      "GET",
      `/offices/${officeId}/appointments/${cancelIt.token}/calendar.ics`,
      { as: "anonymous" },
    );
    expect(calendar.body).toContain("STATUS:CANCELLED");
    expect(calendar.body).toContain("SEQUENCE:1");

    // The holder's own cancellation says so, without a reason.
    const ownHeld = await api<HeldAppointment>(
      "DELETE",
      `/offices/${officeId}/appointments/${made[0]!.token}`,
      { as: "anonymous" },
    );
    expect(ownHeld.status).toBe(200);
    const own = await api<HeldAppointment>(
      "GET",
      `/offices/${officeId}/appointments/${made[0]!.token}`,
      { as: "anonymous" },
    );
    expect(own.body.cancelledBy).toBe("holder");
    expect(own.body.cancelReason).toBeUndefined();

    // A later change of another kind flags the kept booking again: it was kept for its seats only.
    await configure(officeId, { ...oneSeat, closedDates: [day] });
    expect(await conflicts(officeId)).toMatchObject([
      { id: keepIt.appointment.id, conflict: "closed_date" },
    ]);
  });

  it("A seat freed at the same start settles an over_seats conflict: the holder ahead cancels, the flag goes.", async () => {
    const { officeId, config, days } = await conflictOffice(2);
    const day = days.after(6);
    const slot = (await slotsOf(officeId, "permits", { from: day, to: day }))[3]!;
    const first = await book(officeId, { serviceId: "permits", start: slot.start });
    const second = await book(officeId, { serviceId: "permits", start: slot.start });
    await configure(
      officeId,
      withPermits(config, (service) => ({ ...service, booking: bookingSettings({ seats: 1 }) })),
    );
    expect((await conflicts(officeId)).map((c) => c.id)).toEqual([second.body.appointment.id]);
    const cancelled = await api("DELETE", `/offices/${officeId}/appointments/${first.body.token}`, {
      as: "anonymous",
    });
    expect(cancelled.status).toBe(200);
    expect(await conflicts(officeId)).toEqual([]);
  });

  it("A refused configuration flags nothing: the change and its conflicts are one write.", async () => {
    const { officeId, config, days } = await conflictOffice();
    const booked = await bookAt(officeId, "permits", days.after(3), 4);
    const refused = await api("PUT", `/offices/${officeId}`, {
      body: { ...config, closedDates: [days.after(3)], targetWaitMinutes: 0 },
    });
    expect(refused.status).toBe(400);
    expect(await storedConflict(officeId, booked.appointment.id)).toMatchObject({
      conflict: null,
      status: "booked",
    });
  });

  it("Keep and cancel answer 4xx JSON for bad ids, bookings not in conflict, and callers without the right.", async () => {
    const { officeId, config, days } = await conflictOffice();
    const booked = await bookAt(officeId, "permits", days.after(3), 4);
    const path = (id: string, action: string) =>
      `/offices/${officeId}/appointment-conflicts/${id}/${action}`;
    expectError(await api("POST", path("nonsense", "keep")), 404, "unknown_appointment");
    expectError(
      await api("POST", path("apt_AAAAAAAAAAAAAAAA", "cancel")),
      404,
      "unknown_appointment",
    );
    expectError(await api("POST", path(booked.appointment.id, "keep")), 409, "no_conflict");
    expectError(await api("POST", path(booked.appointment.id, "cancel")), 409, "no_conflict");
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    expectError(
      await api("GET", `/offices/${officeId}/appointment-conflicts`, { as: clerk.as }),
      403,
      "forbidden",
    );
    const anonymous = await api("POST", path(booked.appointment.id, "cancel"), {
      as: "anonymous",
    });
    expect(anonymous.status).toBe(401);

    await configure(officeId, { ...config, closedDates: [days.after(3)] });
    expect((await api("POST", path(booked.appointment.id, "cancel"))).status).toBe(200);
    expectError(
      await api("POST", path(booked.appointment.id, "keep")),
      409,
      "appointment_cancelled",
    );
    expectError(
      await api("GET", "/offices/no-such-office/appointment-conflicts"),
      404,
      "unknown_office",
    );
  });
});
