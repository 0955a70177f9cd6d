import { describe, expect, it } from "vitest";
import { createBookingPageModel } from "../../book/model/booking-page-model";
import { qrSvg } from "../../shared/client/qr-svg";
import { BOOKING, FakeAppointmentsServer, MONDAY_8, SERVICE } from "./fake-appointments-server";
import { changes, openBookingPage, pageOver } from "./helpers";

/** Monday 2026-12-07 at 09:00 and 09:20 in Rome. */
const MONDAY_9 = MONDAY_8 + 60 * 60_000;
const MONDAY_9_20 = MONDAY_9 + 20 * 60_000;

async function untilDetails(server: FakeAppointmentsServer, start = MONDAY_9) {
  const page = await openBookingPage(server);
  await page.chooseService(SERVICE);
  page.chooseDay("2026-12-07");
  page.chooseSlot(start);
  page.editDetails({ name: "Anna Bianchi", contactKind: "email", contact: "anna@example.org" });
  return page;
}

describe("Booking an appointment on the public page", () => {
  it("goes service → day → time → details and shows the booking at once, with its code, QR code and links.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await openBookingPage(server);
    expect(page.step.value).toBe("service");
    expect(page.services.value.map((s) => s.id)).toEqual([SERVICE]);

    await page.chooseService(SERVICE);
    expect(page.step.value).toBe("day");
    const week = page.picker.value!.week.value;
    expect(week.range).toEqual({ from: "2026-12-07", to: "2026-12-13" });
    // Monday to Friday have windows; the weekend has none and is not shown.
    expect(week.days.map((d) => d.day)).toEqual([
      "2026-12-07",
      "2026-12-08",
      "2026-12-09",
      "2026-12-10",
      "2026-12-11",
    ]);
    expect(week.days[0]?.free).toBe(9);

    page.chooseDay("2026-12-07");
    expect(page.step.value).toBe("time");
    expect(page.picker.value!.day.value?.slots[0]?.startLocal).toBe("2026-12-07T09:00");

    page.chooseSlot(MONDAY_9);
    expect(page.step.value).toBe("details");
    page.editDetails({
      name: "  Anna Bianchi ",
      contactKind: "phone",
      contact: "+39 055 123 4567",
      reason: "Permesso di costruire",
    });
    expect(await page.submit()).toBe(true);

    expect(page.step.value).toBe("done");
    const booked = page.confirmation.value!;
    expect(booked.booked.appointment.code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    expect(booked.booked.appointment.startLocal).toBe("2026-12-07T09:00");
    expect(booked.qrSvg).toContain(booked.booked.appointment.code);
    expect(booked.booked.manageUrl).toMatch(/\/a\/scandicci\//);
    expect(booked.booked.calendarUrl).toMatch(/calendar\.ics$/);

    const [sent] = changes(server);
    expect(sent?.path).toBe("/api/offices/scandicci/appointments");
    expect(sent?.idempotencyKey).toBeTruthy();
    const { proof, ...booking } = sent!.body as { proof?: { challenge: unknown } };
    expect(booking).toEqual({
      serviceId: SERVICE,
      start: MONDAY_9,
      name: "Anna Bianchi",
      phone: "+39 055 123 4567",
      reason: "Permesso di costruire",
      lang: "it",
    });
    // The proof of work the page solved while the person chose: the office's challenge, as given.
    expect(proof?.challenge).toMatchObject({ parameters: { data: { office: "scandicci" } } });
  });

  it("draws the QR code of the booking code itself, for the kiosk's scanner.", async () => {
    const svg = await qrSvg("K7M2QX");
    expect(svg).toMatch(/^<svg/);
  });

  it("checks the details on the phone: nothing is sent until the name and the contact are right.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    page.editDetails({ name: " ", contact: "anna@example" });
    expect(await page.submit()).toBe(false);
    expect(page.problems.value).toEqual({ name: "name_missing", contact: "email_format" });
    page.editDetails({ name: "Anna", contactKind: "phone", contact: "055-12" });
    expect(page.problems.value).toEqual({ contact: "phone_format" });
    page.editDetails({ contact: "055 123456", reason: "x".repeat(201) });
    expect(page.problems.value).toEqual({ reason: "reason_too_long" });
    expect(await page.submit()).toBe(false);
    expect(changes(server)).toEqual([]);
  });

  it("after slot_full goes back to the times, asked again, and books another time.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    // Two other people take both seats of 09:00 while this person types.
    server.takeSeat(MONDAY_9);
    server.takeSeat(MONDAY_9);

    expect(await page.submit()).toBe(false);
    expect(page.refusal.value).toBe("slot_full");
    expect(page.step.value).toBe("time");
    const nine = page.picker.value!.day.value?.slots.find((s) => s.start === MONDAY_9);
    expect(nine?.seatsLeft).toBe(0);
    // A full time cannot be chosen.
    page.chooseSlot(MONDAY_9);
    expect(page.step.value).toBe("time");

    page.chooseSlot(MONDAY_9_20);
    expect(page.refusal.value).toBeNull();
    expect(page.details.value.name).toBe("Anna Bianchi");
    expect(await page.submit()).toBe(true);
    expect(page.confirmation.value?.booked.appointment.start).toBe(MONDAY_9_20);
    const keys = changes(server).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
  });

  it("after slot_unavailable (the notice has passed) asks for another time too.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    server.now = MONDAY_9 - 30 * 60_000;
    expect(await page.submit()).toBe(false);
    expect(page.refusal.value).toBe("slot_unavailable");
    expect(page.step.value).toBe("time");
  });

  it("sends a booking whose answer was lost again with the same key: one booking, then the confirmation.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    server.nextTrouble = "answer-lost";
    expect(await page.submit()).toBe(false);
    expect(page.refusal.value).toBe("network");
    expect(page.step.value).toBe("details");
    expect(server.bookings).toHaveLength(1);

    expect(await page.submit()).toBe(true);
    expect(server.bookings).toHaveLength(1);
    const [first, again] = changes(server);
    expect(again?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(page.confirmation.value?.booked.appointment.code).toBe(server.bookings[0]?.code);
  });

  it("uses a new key once the booking itself changed after no answer (the same key would be refused).", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    server.nextTrouble = "offline";
    expect(await page.submit()).toBe(false);
    page.editDetails({ contact: "anna.bianchi@example.org" });
    expect(await page.submit()).toBe(true);
    const [first, second] = changes(server);
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
    expect(server.bookings).toHaveLength(1);
  });

  it("says too_many_bookings on the details step, where the contact is.", async () => {
    const server = new FakeAppointmentsServer();
    server.takeSeat(MONDAY_9_20, "anna@example.org");
    const page = await untilDetails(server);
    expect(await page.submit()).toBe(false);
    expect(page.refusal.value).toBe("too_many_bookings");
    expect(page.step.value).toBe("details");
  });

  it("opens on the first week with a free time, and says so when there is none up to the horizon.", async () => {
    const closedWeek = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"].map(
      (date) => ({ date, windows: [] }),
    );
    const server = new FakeAppointmentsServer({ ...BOOKING, exceptions: closedWeek });
    const page = await openBookingPage(server);
    await page.chooseService(SERVICE);
    const picker = page.picker.value!;
    expect(picker.week.value.range.from).toBe("2026-12-14");
    expect(picker.nothingFree.value).toBe(false);
    expect(picker.canGoBack.value).toBe(true);
    await picker.previousWeek();
    expect(picker.week.value.range.from).toBe("2026-12-07");
    expect(picker.week.value.days).toEqual([]);

    const nothing = new FakeAppointmentsServer({
      ...BOOKING,
      daysAhead: 4,
      exceptions: closedWeek,
    });
    const empty = await openBookingPage(nothing);
    await empty.chooseService(SERVICE);
    expect(empty.picker.value!.nothingFree.value).toBe(true);
    expect(empty.picker.value!.canGoForward.value).toBe(false);
  });

  it("goes back one step at a time.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    page.back();
    expect(page.step.value).toBe("time");
    page.back();
    expect(page.step.value).toBe("day");
    page.back();
    expect(page.step.value).toBe("service");
  });

  it("says when the office does not exist.", async () => {
    const server = new FakeAppointmentsServer();
    const page = createBookingPageModel("nowhere", pageOver(server));
    await page.start();
    expect(page.step.value).toBe("unknown-office");
  });
});

describe("The public's proof of work, and staff booking on someone's behalf", () => {
  it("asks for a challenge as soon as the page opens, before anyone taps Book.", async () => {
    const server = new FakeAppointmentsServer();
    await openBookingPage(server);
    await Promise.resolve();
    expect(server.challengesGiven).toBe(1);
    expect(server.requests.some((r) => r.path.endsWith("/appointments/challenge"))).toBe(true);
  });

  it("uses each proof once: a second booking carries a new one, prepared after the first.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    expect(await page.submit()).toBe(true);
    page.bookAnother();
    await page.chooseService(SERVICE);
    page.chooseDay("2026-12-07");
    page.chooseSlot(MONDAY_9_20);
    page.editDetails({ contact: "anna.second@example.org" });
    expect(await page.submit()).toBe(true);
    const [first, second] = changes(server).map(
      (r) => (r.body as { proof: { challenge: { parameters: { nonce: string } } } }).proof,
    );
    expect(first?.challenge.parameters.nonce).not.toBe(second?.challenge.parameters.nonce);
  });

  it("sends the same proof again with the same key after no answer, and gets the one booking.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server);
    server.nextTrouble = "answer-lost";
    expect(await page.submit()).toBe(false);
    expect(await page.submit()).toBe(true);
    const [lost, again] = changes(server);
    expect(again?.idempotencyKey).toBe(lost?.idempotencyKey);
    expect(JSON.stringify((again!.body as { proof: unknown }).proof)).toBe(
      JSON.stringify((lost!.body as { proof: unknown }).proof),
    );
    expect(server.bookings).toHaveLength(1);
  });

  it("solves a fresh proof when the one it had expired while the person was away.", async () => {
    const server = new FakeAppointmentsServer();
    const page = await untilDetails(server, MONDAY_8 + 3 * 60 * 60_000);
    server.now += 25 * 60_000;
    expect(await page.submit()).toBe(true);
    // The first challenge expired unsent: the booking carried the second.
    const sent = changes(server)[0]?.body as {
      proof: { challenge: { parameters: { nonce: string } } };
    };
    expect(sent.proof.challenge.parameters.nonce).toBe("2".padStart(32, "0"));
  });

  it("for staff of the office signed in on this browser: says it books on someone's behalf, asks a phone first and sends no proof.", async () => {
    const server = new FakeAppointmentsServer();
    server.staff = { name: "Mario Rossi" };
    const page = createBookingPageModel("scandicci", { ...pageOver(server), staffLink: true });
    await page.start();
    expect(page.booker.value).toEqual({ kind: "staff", name: "Mario Rossi" });
    expect(page.details.value.contactKind).toBe("phone");
    await page.chooseService(SERVICE);
    page.chooseDay("2026-12-07");
    page.chooseSlot(MONDAY_9);
    page.editDetails({ name: "Caller by phone", contact: "055 765 4321" });
    expect(await page.submit()).toBe(true);
    expect(server.challengesGiven).toBe(0);
    expect(changes(server)[0]?.body).not.toHaveProperty("proof");
  });

  it("a staff link opened where nobody is signed in says the booking counts as the public's, and books as the public.", async () => {
    const server = new FakeAppointmentsServer();
    const page = createBookingPageModel("scandicci", { ...pageOver(server), staffLink: true });
    await page.start();
    expect(page.booker.value).toEqual({ kind: "not-staff" });
    await Promise.resolve();
    expect(server.challengesGiven).toBe(1);
  });
});
