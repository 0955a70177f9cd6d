import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type {
  BookedAppointment,
  CancelledAppointment,
  HeldAppointment,
} from "../../shared/protocol/appointments";
import { foldLine, icsTime } from "../../worker/office/calendar-file";
import {
  appointmentOfficeConfig,
  book,
  newEmail,
  officeDays,
  slotsOf,
  solvedProof,
} from "./appointment-helpers";
import { api, createOffice, expectError, officeStub } from "./helpers";

/**
 * Booking, moving and cancelling through the office's single writer: seats
 * are a storage invariant, retries change nothing, moves and cancellations
 * are atomic, and the calendar file follows every change.
 */

const HOUR = 60 * 60 * 1000;

async function bookingOffice(booking = {}) {
  const config = appointmentOfficeConfig({ booking });
  const officeId = await createOffice(config);
  return { officeId, days: officeDays(config.timeZone), timeZone: config.timeZone };
}

/** Slots of tomorrow for permits, as the public sees them. */
async function tomorrowSlots(officeId: string, tomorrow: string) {
  return slotsOf(officeId, "permits", { from: tomorrow, to: tomorrow });
}

const activeRows = (officeId: string, start: number) =>
  runInDurableObject(
    officeStub(officeId),
    (_office, state) =>
      state.storage.sql
        .exec<{ count: number }>(
          `SELECT COUNT(*) AS count FROM appointments WHERE start = ? AND status IN ('booked', 'checked-in')`,
          start,
        )
        .one().count,
  );

describe("Slots and booking", () => {
  it("Slots list every start of the range with the seats left, and a booking takes one seat.", async () => {
    const { officeId, days } = await bookingOffice();
    const slots = await tomorrowSlots(officeId, days.tomorrow);
    expect(slots.length).toBeGreaterThan(40);
    expect(slots.every((slot) => slot.seatsLeft === 3)).toBe(true);
    const slot = slots[10]!;
    const booked = await book(officeId, { serviceId: "permits", start: slot.start });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const { appointment, token, manageUrl, calendarUrl } = booked.body;
    expect(appointment).toMatchObject({
      serviceId: "permits",
      start: slot.start,
      startLocal: slot.startLocal,
      status: "booked",
      ticketCode: null,
    });
    expect(appointment.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(manageUrl).toBe(`http://example.com/a/${officeId}/${token}`);
    expect(calendarUrl).toBe(
      `http://example.com/api/offices/${officeId}/appointments/${token}/calendar.ics`,
    );
    const after = await tomorrowSlots(officeId, days.tomorrow);
    expect(after.find((s) => s.start === slot.start)?.seatsLeft).toBe(2);
    expect(after.filter((s) => s.seatsLeft === 3)).toHaveLength(slots.length - 1);
  });

  it("A malformed or too long range of days is a 400, never a 500 (the fuzz suite found one).", async () => {
    const { officeId, days } = await bookingOffice();
    const path = (from: string, to: string) =>
      `/offices/${officeId}/services/permits/slots?from=${from}&to=${to}`;
    for (const [from, to] of [
      ["not-a-day", days.tomorrow],
      [days.tomorrow, "2026-02-30"],
      ["9999-99-99", "0000-00-00"],
      ["2026-01-01", "2026-12-31"],
    ] as const) {
      expectError(await api("GET", path(from, to)), 400, "invalid_request");
    }
  });

  it("The manage token is stored only as its hash.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[3]!;
    const { token } = (await book(officeId, { serviceId: "permits", start: slot.start })).body;
    const stored = await runInDurableObject(officeStub(officeId), (_office, state) =>
      JSON.stringify(state.storage.sql.exec(`SELECT * FROM appointments`).toArray()),
    );
    expect(stored).not.toContain(token);
  });

  it("50 people booking the last seats at once: exactly as many bookings as seats, the rest slot_full.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[5]!;
    // Each person's proof of work is solved on their own phone before they tap "Book".
    const proofs = await Promise.all(Array.from({ length: 50 }, () => solvedProof(officeId)));
    const started = Date.now();
    const answers = await Promise.all(
      proofs.map((proof, index) =>
        book(
          officeId,
          { serviceId: "permits", start: slot.start, proof },
          { as: "anonymous", headers: { "cf-connecting-ip": `198.51.100.${index + 1}` } },
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `50 concurrent bookings of one slot: ${(50 / seconds).toFixed(0)} answers/s (${seconds.toFixed(2)} s)`,
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    for (const answer of answers.filter((a) => a.status !== 201))
      expectError(answer, 409, "slot_full");
    expect(await activeRows(officeId, slot.start)).toBe(3);
    const seats = (await tomorrowSlots(officeId, days.tomorrow)).find(
      (s) => s.start === slot.start,
    );
    expect(seats?.seatsLeft).toBe(0);
  });

  it("50 people booking 50 different slots at once all get their booking, each its own code.", async () => {
    const { officeId, days } = await bookingOffice();
    const slots = await slotsOf(officeId, "permits", { from: days.after(2), to: days.after(3) });
    const proofs = await Promise.all(slots.slice(0, 50).map(() => solvedProof(officeId)));
    const started = Date.now();
    const answers = await Promise.all(
      slots
        .slice(0, 50)
        .map((slot, index) =>
          book(
            officeId,
            { serviceId: "permits", start: slot.start, proof: proofs[index] },
            { as: "anonymous", headers: { "cf-connecting-ip": `198.51.100.${index + 1}` } },
          ),
        ),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `50 concurrent clients, 50 slots: ${(50 / seconds).toFixed(0)} bookings/s (${seconds.toFixed(2)} s)`,
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    expect(new Set(answers.map((answer) => answer.body.appointment.code)).size).toBe(50);
  });

  it("The storage itself refuses a fourth booking of three seats, whatever the code asks.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[5]!;
    for (let i = 0; i < 3; i++)
      expect((await book(officeId, { serviceId: "permits", start: slot.start })).status).toBe(201);
    await runInDurableObject(officeStub(officeId), (_office, state) => {
      const insert = (seat: number) =>
        state.storage.sql.exec(
          `INSERT INTO appointments (id, code, service_id, start, seat, seats, status, token_hash, channel,
             created_at, updated_at) VALUES (?, 'ZZZZZZ', 'permits', ?, ?, 3, 'booked', ?, 'public', 0, 0)`,
          `apt_forced_${seat}`,
          slot.start,
          seat,
          `hash-${seat}`,
        );
      expect(() => insert(3)).toThrow(/CHECK/);
      expect(() => insert(0)).toThrow(/UNIQUE/);
    });
  });

  it("The same Idempotency-Key twice books once: the retry gets the same booking under a new link.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[7]!;
    const body = { serviceId: "permits", start: slot.start, name: "Ada", email: newEmail() };
    const request = { body, headers: { "idempotency-key": "book-once" } };
    const first = await api<BookedAppointment>(
      "POST",
      `/offices/${officeId}/appointments`,
      request,
    );
    const retry = await api<BookedAppointment>(
      "POST",
      `/offices/${officeId}/appointments`,
      request,
    );
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.appointment).toEqual(first.body.appointment);
    expect(retry.body.token).not.toBe(first.body.token);
    expect(await activeRows(officeId, slot.start)).toBe(1);
    expect((await api("GET", `/offices/${officeId}/appointments/${retry.body.token}`)).status).toBe(
      200,
    );
    expectError(
      await api("GET", `/offices/${officeId}/appointments/${first.body.token}`),
      404,
      "unknown_appointment",
    );
    expectError(
      await api("POST", `/offices/${officeId}/appointments`, {
        body: { ...body, name: "Someone else" },
        headers: { "idempotency-key": "book-once" },
      }),
      422,
      "idempotency_key_reused",
    );
  });

  it("A start that is not a slot, or under the notice, is slot_unavailable; staff may book it up to its start.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[2]!;
    expectError(
      await book(officeId, { serviceId: "permits", start: slot.start + 60_000 }),
      409,
      "slot_unavailable",
    );
    expectError(
      await book(officeId, { serviceId: "general", start: slot.start }),
      409,
      "slot_unavailable",
    );
    const staffSlots = await slotsOf(
      officeId,
      "permits",
      { from: days.today, to: days.tomorrow },
      "operator",
    );
    const soon = staffSlots.find((s) => s.start < Date.now() + HOUR);
    if (soon) {
      expectError(
        await book(officeId, { serviceId: "permits", start: soon.start }, { as: "anonymous" }),
        409,
        "slot_unavailable",
      );
      expect((await book(officeId, { serviceId: "permits", start: soon.start })).status).toBe(201);
    }
    expectError(
      await book(officeId, { serviceId: "nowhere", start: slot.start }),
      404,
      "unknown_service",
    );
    expectError(
      await api("POST", `/offices/${officeId}/appointments`, {
        body: { serviceId: "permits", start: slot.start, name: "No contact" },
      }),
      400,
      "invalid_request",
    );
  });

  it("Limits: one active booking per contact and service, five an hour per address for the public.", async () => {
    const { officeId, days } = await bookingOffice();
    const slots = await tomorrowSlots(officeId, days.tomorrow);
    const email = newEmail();
    const from = (address: string) => ({
      as: "anonymous" as const,
      headers: { "cf-connecting-ip": address },
    });
    expect(
      (
        await book(
          officeId,
          { serviceId: "permits", start: slots[1]!.start, email },
          from("192.0.2.1"),
        )
      ).status,
    ).toBe(201);
    expectError(
      await book(
        officeId,
        { serviceId: "permits", start: slots[2]!.start, email: email.toUpperCase() },
        from("192.0.2.2"),
      ),
      409,
      "too_many_bookings",
    );
    expect(
      (
        await book(
          officeId,
          { serviceId: "registry", start: slots[2]!.start, email },
          from("192.0.2.2"),
        )
      ).status,
    ).toBe(201);
    for (let i = 0; i < 4; i++)
      expect(
        (
          await book(
            officeId,
            { serviceId: "permits", start: slots[3 + i]!.start },
            from("192.0.2.9"),
          )
        ).status,
      ).toBe(201);
    expect(
      (await book(officeId, { serviceId: "permits", start: slots[8]!.start }, from("192.0.2.9")))
        .status,
    ).toBe(201);
    expectError(
      await book(officeId, { serviceId: "permits", start: slots[9]!.start }, from("192.0.2.9")),
      409,
      "too_many_bookings",
    );
    // Staff booking by phone are not held to the per-address limit.
    expect(
      (
        await book(
          officeId,
          { serviceId: "permits", start: slots[9]!.start },
          { headers: { "cf-connecting-ip": "192.0.2.9" } },
        )
      ).status,
    ).toBe(201);
  });
  it("The per-address limit counts an IPv6 address by its /64: a phone drawing new addresses from its block is one caller.", async () => {
    const { officeId, days } = await bookingOffice();
    const slots = await tomorrowSlots(officeId, days.tomorrow);
    const from = (address: string) => ({
      as: "anonymous" as const,
      headers: { "cf-connecting-ip": address },
    });
    for (let i = 0; i < 5; i++)
      expect(
        (
          await book(
            officeId,
            { serviceId: "permits", start: slots[1 + i]!.start },
            from(`2001:db8:1:2::${i + 1}`),
          )
        ).status,
      ).toBe(201);
    expectError(
      await book(
        officeId,
        { serviceId: "permits", start: slots[7]!.start },
        from("2001:db8:1:2:abcd::9"),
      ),
      409,
      "too_many_bookings",
    );
    // The next /64 is someone else.
    expect(
      (
        await book(
          officeId,
          { serviceId: "permits", start: slots[7]!.start },
          from("2001:db8:1:3::1"),
        )
      ).status,
    ).toBe(201);
  });
});

describe("Moving and cancelling", () => {
  it("Moving to a full slot changes nothing; moving to a free one takes its seat and frees the old one.", async () => {
    const { officeId, days } = await bookingOffice();
    const slots = await tomorrowSlots(officeId, days.tomorrow);
    const [a, full, free] = [slots[4]!, slots[6]!, slots[8]!];
    const mine = (await book(officeId, { serviceId: "permits", start: a.start })).body;
    for (let i = 0; i < 3; i++)
      expect((await book(officeId, { serviceId: "permits", start: full.start })).status).toBe(201);
    const path = `/offices/${officeId}/appointments/${mine.token}`;
    expectError(await api("PATCH", path, { body: { start: full.start } }), 409, "slot_full");
    const held = await api<HeldAppointment>("GET", path);
    expect(held.body.appointment.start).toBe(a.start);
    expect(held.body.appointment.name).toBe("Maria Rossi");
    expect(await activeRows(officeId, a.start)).toBe(1);
    expect(await activeRows(officeId, full.start)).toBe(3);

    const moved = await api<HeldAppointment>("PATCH", path, { body: { start: free.start } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.appointment).toMatchObject({
      start: free.start,
      code: mine.appointment.code,
    });
    expect(await activeRows(officeId, a.start)).toBe(0);
    expect(await activeRows(officeId, free.start)).toBe(1);
  });

  it("A start no calendar holds (past the dates JavaScript can name) is slot_unavailable, booked or moved to, never a 5xx (the fuzz suite found one).", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[4]!;
    const mine = (await book(officeId, { serviceId: "permits", start: slot.start })).body;
    for (const start of [9_007_199_254_740_986, -9_007_199_254_740_991, 8.64e15 + 1]) {
      expectError(await book(officeId, { serviceId: "permits", start }), 409, "slot_unavailable");
      expectError(
        await api("PATCH", `/offices/${officeId}/appointments/${mine.token}`, { body: { start } }),
        409,
        "slot_unavailable",
      );
    }
  });

  it("Cancelling frees the seat at once; a second cancellation is appointment_cancelled.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[9]!;
    const mine = (await book(officeId, { serviceId: "permits", start: slot.start })).body;
    const path = `/offices/${officeId}/appointments/${mine.token}`;
    const cancelled = await api<CancelledAppointment>("DELETE", path);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.appointment).toMatchObject({
      id: mine.appointment.id,
      status: "cancelled",
    });
    expect(await activeRows(officeId, slot.start)).toBe(0);
    expectError(await api("DELETE", path), 409, "appointment_cancelled");
    expectError(
      await api("PATCH", path, { body: { start: slot.start } }),
      409,
      "appointment_cancelled",
    );
  });
});

describe("The calendar file", () => {
  const lines = (text: string) => text.replace(/\r\n /g, "").split("\r\n");

  it("An .ics with CRLF lines of at most 75 octets, a stable UID, UTC times, two reminders, and a SEQUENCE rising with each move and the cancellation.", async () => {
    const { officeId, days } = await bookingOffice();
    const slots = await tomorrowSlots(officeId, days.tomorrow);
    const mine = (
      await book(officeId, { serviceId: "permits", start: slots[4]!.start, lang: "en" })
    ).body;
    const calendar = async () => {
      const response = await api<string>(
        "GET",
        `/offices/${officeId}/appointments/${mine.token}/calendar.ics`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/calendar");
      return response.body;
    };
    const first = await calendar();
    expect(first.endsWith("\r\n")).toBe(true);
    expect(first.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of first.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = lines(first);
    expect(unfolded).toEqual(
      expect.arrayContaining([
        "BEGIN:VCALENDAR",
        "METHOD:PUBLISH",
        `UID:${mine.appointment.id}@turno`,
        "SEQUENCE:0",
        `DTSTART:${icsTime(slots[4]!.start)}`,
        `DTEND:${icsTime(slots[4]!.start + 30 * 60_000)}`,
        "SUMMARY:Permits",
        "LOCATION:Test office",
        "STATUS:CONFIRMED",
        "TRIGGER:-P1D",
        "TRIGGER:-PT1H",
      ]),
    );
    expect(unfolded.join("\n")).toContain(mine.manageUrl);

    await api("PATCH", `/offices/${officeId}/appointments/${mine.token}`, {
      body: { start: slots[6]!.start },
    });
    const moved = lines(await calendar());
    expect(moved).toContain("SEQUENCE:1");
    expect(moved).toContain(`UID:${mine.appointment.id}@turno`);
    expect(moved).toContain(`DTSTART:${icsTime(slots[6]!.start)}`);

    await api("DELETE", `/offices/${officeId}/appointments/${mine.token}`);
    const cancelled = lines(await calendar());
    expect(cancelled).toEqual(
      expect.arrayContaining(["METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:2"]),
    );
  });

  it("The office's address, when its configuration gives one, is in the LOCATION beside its name.", async () => {
    const config = { ...appointmentOfficeConfig(), address: "Piazza della Vittoria 1, Scandicci" };
    const officeId = await createOffice(config);
    const tomorrow = officeDays(config.timeZone).tomorrow;
    const slot = (await tomorrowSlots(officeId, tomorrow))[4]!;
    const mine = (await book(officeId, { serviceId: "permits", start: slot.start })).body;
    const file = await api<string>(
      "GET",
      `/offices/${officeId}/appointments/${mine.token}/calendar.ics`,
    );
    expect(lines(file.body)).toContain(
      "LOCATION:Test office\\, Piazza della Vittoria 1\\, Scandicci",
    );
  });

  it("Folding never splits a character and keeps every line within 75 octets.", () => {
    const line = `LOCATION:${"Ufficio è già più lontano ".repeat(10)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n"))
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });
});

describe("The day's list for staff", () => {
  it("Clerks see a day's appointments with names and the kind of contact, never the contact itself.", async () => {
    const { officeId, days } = await bookingOffice();
    const slot = (await tomorrowSlots(officeId, days.tomorrow))[4]!;
    await book(officeId, { serviceId: "permits", start: slot.start, name: "Ugo Foscolo" });
    await book(officeId, {
      serviceId: "registry",
      start: slot.start,
      name: "Ada Negri",
      email: undefined,
      phone: "+39 055 123 4567",
    });
    const list = await api<{ date: string; appointments: Record<string, unknown>[] }>(
      "GET",
      `/offices/${officeId}/appointments?date=${days.tomorrow}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.date).toBe(days.tomorrow);
    expect(list.body.appointments.map((a) => [a.name, a.contactKind]).sort()).toEqual([
      ["Ada Negri", "phone"],
      ["Ugo Foscolo", "email"],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/@example\.org|123 4567/);
    expectError(
      await api("GET", `/offices/${officeId}/appointments?date=2026-02-30`),
      400,
      "invalid_request",
    );
    // The last day of the calendar once spun the office at full CPU looking for its next midnight.
    const lastDay = await api<{ appointments: unknown[] }>(
      "GET",
      `/offices/${officeId}/appointments?date=9999-12-31`,
    );
    expect(lastDay.status).toBe(200);
    expect(lastDay.body.appointments).toEqual([]);
  });
});
