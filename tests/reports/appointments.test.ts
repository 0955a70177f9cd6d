import { describe, expect, it } from "vitest";
import {
  computeOfficeReport,
  type ReportAppointment,
  type ReportTicket,
} from "../../shared/reports";

/*
 * Two Tuesdays of building permits by appointment (edilizia, 20-minute slots) in Rome's
 * winter time (UTC+1), 3 and 10 March 2026, with figures worked out by hand below. One
 * walk-in service (anagrafe) beside it, so walk-in demand and booked minutes meet in the
 * desks-needed table.
 */
const RANGE = { from: "2026-03-02", to: "2026-03-15" } as const;
const OPTIONS = { ...RANGE, timeZone: "Europe/Rome", targetWaitMinutes: 20 };
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+01:00`);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function booking(
  id: string,
  day: string,
  hhmm: string,
  status: ReportAppointment["status"],
  bookedDaysBefore: number,
): ReportAppointment {
  const start = at(day, hhmm);
  return {
    id,
    serviceId: "edilizia",
    start,
    slotMinutes: 20,
    status,
    channel: "public",
    bookedAt: start - bookedDaysBefore * DAY_MS,
    checkedInAt: status === "checked-in" ? start - 10 * 60_000 : null,
    cancelledAt: status === "cancelled" ? start - DAY_MS : null,
    missedAt: status === "missed" ? start + 15 * 60_000 : null,
    ticketId: null,
  };
}

function ticket(
  code: string,
  day: string,
  issued: string,
  called: string | null,
  appointment: { id: string; slot: string } | null,
): ReportTicket {
  const calledAt = called === null ? null : at(day, called);
  return {
    id: `${day}-${code}`,
    day,
    code,
    serviceId: appointment ? "edilizia" : "anagrafe",
    counterId: calledAt === null ? null : "sportello-1",
    clerkId: null,
    clerkName: null,
    status: calledAt === null ? "expired" : "done",
    channel: "kiosk",
    priority: false,
    issuedAt: at(day, issued),
    calledAt,
    startedAt: calledAt,
    finishedAt: calledAt === null ? null : calledAt + 15 * 60_000,
    transfers: 0,
    recalls: 0,
    appointment: appointment ? { id: appointment.id, slotStart: at(day, appointment.slot) } : null,
  };
}

// Tuesday 3 March: five bookings at 9:00, 9:00, 9:20, 9:40, 9:50 (one each, booked 1, 2, 3,
// 4 and 10 days ahead); Tuesday 10 March: three at 9:00, 10:00, 10:20 (booked 5, 6, 7 days
// ahead). Statuses: 4 checked in, 2 missed, 1 cancelled, 1 still booked.
const BOOKINGS: ReportAppointment[] = [
  booking("a1", "2026-03-03", "09:00", "checked-in", 1),
  booking("a2", "2026-03-03", "09:00", "checked-in", 2),
  booking("a3", "2026-03-03", "09:20", "missed", 3),
  booking("a4", "2026-03-03", "09:40", "cancelled", 4),
  booking("a5", "2026-03-03", "09:50", "checked-in", 10),
  booking("a6", "2026-03-10", "09:00", "checked-in", 5),
  booking("a7", "2026-03-10", "10:00", "missed", 6),
  booking("a8", "2026-03-10", "10:20", "booked", 7),
];

const TICKETS: ReportTicket[] = [
  // a1: checked in 8:50, called 8:59 (a minute before its slot) → lateness 0, on time.
  ticket("E001", "2026-03-03", "08:50", "08:59", { id: "a1", slot: "09:00" }),
  // a2: called 9:07 → 7 minutes late, not on time (N = 5).
  ticket("E002", "2026-03-03", "08:52", "09:07", { id: "a2", slot: "09:00" }),
  // a5: checked in 10:00, ten minutes after its 9:50 slot (the clerk took it): measured
  // from the check-in, called 10:04 → 4 minutes, on time.
  ticket("E003", "2026-03-03", "10:00", "10:04", { id: "a5", slot: "09:50" }),
  // a6: called 9:05 → exactly 5 minutes: on time (the bound is included).
  ticket("E001", "2026-03-10", "08:45", "09:05", { id: "a6", slot: "09:00" }),
  // Walk-ins: two each Tuesday at 9:xx, one on 3 March never called.
  ticket("A001", "2026-03-03", "09:10", "09:15", null),
  ticket("A002", "2026-03-03", "09:30", null, null),
  ticket("A001", "2026-03-10", "09:10", "09:12", null),
  ticket("A002", "2026-03-10", "09:40", "09:50", null),
];

describe("Appointments in the report", () => {
  const report = computeOfficeReport(TICKETS, OPTIONS, BOOKINGS);

  it("counts bookings of the range as booked, checked in, missed, cancelled and still to come.", () => {
    expect(report.appointments.onTimeMinutes).toBe(5);
    const { overall, byService } = report.appointments;
    expect(overall).toMatchObject({
      booked: 8,
      checkedIn: 4,
      missed: 2,
      cancelled: 1,
      upcoming: 1,
    });
    expect(byService.map((row) => row.serviceId)).toEqual(["edilizia"]);
    expect(byService[0]).toMatchObject({ booked: 8, checkedIn: 4, missed: 2, cancelled: 1 });
  });

  it("gives the lead time from booking to slot: median 4.5 days, 90th percentile 10 days.", () => {
    // Days ahead, sorted: 1 2 3 4 5 6 7 10 → median (4 + 5) / 2, p90 = rank ⌈7.2⌉ = 8th = 10.
    const { leadTime } = report.appointments.overall;
    expect(leadTime.count).toBe(8);
    expect(leadTime.medianSeconds).toBe(4.5 * 86_400);
    expect(leadTime.p90Seconds).toBe(10 * 86_400);
  });

  it("measures punctuality from the slot, or from a check-in after it, early calls as 0.", () => {
    const { overall } = report.appointments;
    // Lateness: 0, 7, 4, 5 minutes → 3 of 4 within 5 minutes; median (4 + 5) / 2 = 4.5 min.
    expect(overall.called).toBe(4);
    expect(overall.calledOnTime).toBe(3);
    expect(overall.onTimeShare).toBe(0.75);
    expect(overall.callLateness.medianSeconds).toBe(4.5 * 60);
    expect(overall.callLateness.p90Seconds).toBe(7 * 60);
  });

  it("takes another 'on time' bound when asked.", () => {
    const strict = computeOfficeReport(TICKETS, { ...OPTIONS, onTimeMinutes: 0 }, BOOKINGS);
    expect(strict.appointments.onTimeMinutes).toBe(0);
    expect(strict.appointments.overall.calledOnTime).toBe(1);
  });

  it("selects bookings by the local day of their slot, not the day they were made.", () => {
    const firstWeek = computeOfficeReport(TICKETS, { ...OPTIONS, to: "2026-03-08" }, BOOKINGS);
    expect(firstWeek.appointments.overall.booked).toBe(5);
    expect(firstWeek.appointments.overall.called).toBe(3);
    const none = computeOfficeReport(
      [],
      { from: "2026-04-01", to: "2026-04-30", timeZone: "Europe/Rome", targetWaitMinutes: 20 },
      BOOKINGS,
    );
    expect(none.appointments.overall.booked).toBe(0);
    expect(none.appointments.overall.onTimeShare).toBeNull();
    expect(none.appointments.byService).toEqual([]);
  });

  it("counts booked minutes in the hours the slots occupy, cancelled ones not, beside walk-in demand.", () => {
    const tuesday = (hour: number) =>
      report.staffing.cells.find((cell) => cell.weekday === "tue" && cell.hour === hour)!;
    // 9:00–9:59 over two Tuesdays: 3 March 20+20 (9:00 ×2) + 20 (9:20, missed: its seat was
    // held) + 10 (9:50 until 10:00) = 70; 10 March 20 (9:00) → 90 minutes, 45 a Tuesday.
    // The 9:40 cancellation gave its seat back.
    expect(tuesday(9).appointmentMinutes).toBe(45);
    // 10:00: 3 March 10 (9:50 slot's second half); 10 March 20 + 20 (10:00 missed, 10:20 booked).
    expect(tuesday(10).appointmentMinutes).toBe(25);
    // Walk-ins only: 4 at 9:xx over two Tuesdays → 2 an hour; appointment tickets not counted again.
    expect(tuesday(9).meanArrivals).toBe(2);
    expect(tuesday(8).meanArrivals).toBe(0);
    // Walk-ins served in 15 min: 2 × 15 = 30 min, plus 45 booked → 75 min = 1.25 Erlangs.
    expect(tuesday(9).offeredLoad).toBeCloseTo(1.25, 10);
    expect(tuesday(9).desks).toBe(2);
    // The booked 0.75 desk rounds up to one desk of its own beside the walk-ins' Erlang C.
    const walkInsOnly = computeOfficeReport(TICKETS, OPTIONS, []);
    const walkInDesks = walkInsOnly.staffing.cells.find(
      (c) => c.weekday === "tue" && c.hour === 9,
    )!;
    expect(tuesday(9).desksForTarget).toBe(walkInDesks.desksForTarget! + 1);
    // An hour with bookings and no walk-in: the booked desks alone.
    expect(tuesday(10)).toMatchObject({ meanArrivals: 0, desks: 1, desksForTarget: 1 });
    expect(tuesday(10).offeredLoad).toBeCloseTo(25 / 60, 10);
  });

  it("splits a slot at the local hour in a zone half an hour off UTC.", () => {
    const start = Date.parse("2026-03-03T09:50:00+05:30");
    const delhi = computeOfficeReport(
      [],
      { from: "2026-03-03", to: "2026-03-03", timeZone: "Asia/Kolkata", targetWaitMinutes: 20 },
      [{ ...BOOKINGS[0]!, start, bookedAt: start - HOUR_MS }],
    );
    const cell = (hour: number) =>
      delhi.staffing.cells.find((c) => c.weekday === "tue" && c.hour === hour)!;
    expect(cell(9).appointmentMinutes).toBe(10);
    expect(cell(10).appointmentMinutes).toBe(10);
  });

  it("leaves a service without a slot length out of the booked minutes, not out of the counts.", () => {
    const noLength = BOOKINGS.map((b) => ({ ...b, slotMinutes: null }));
    const plain = computeOfficeReport(TICKETS, OPTIONS, noLength);
    expect(plain.staffing.cells.every((cell) => cell.appointmentMinutes === 0)).toBe(true);
    expect(plain.appointments.overall.booked).toBe(8);
  });
});
