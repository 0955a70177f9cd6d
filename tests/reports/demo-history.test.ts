import { describe, expect, it } from "vitest";
import { generateHistory, generatePast, openDays } from "../../scripts/demo-history/generate";
import { demoOfficeConfig, demoOfficeWithBookings } from "../../shared/demo-office";
import { computeOfficeReport, PastAppointment, ReportTicket } from "../../shared/reports";

const days = openDays(demoOfficeConfig, "2026-11-26", 30);
const tickets = generateHistory(demoOfficeConfig, days);
const report = computeOfficeReport(tickets, {
  from: days[0]!,
  to: days.at(-1)!,
  timeZone: demoOfficeConfig.timeZone,
  targetWaitMinutes: 20,
});

describe("The demo office's past (npm run demo:history)", () => {
  it("Covers only open days before today: no Sundays, nothing today.", () => {
    expect(days).toHaveLength(30);
    expect(days.at(-1)! < "2026-11-26").toBe(true);
    for (const day of days) expect(new Date(`${day}T12:00:00Z`).getUTCDay()).not.toBe(0);
    expect(new Set(tickets.map((t) => t.day)).size).toBe(30);
  });

  it("Every ticket is a valid report row with a unique id, and the same seed gives the same past.", () => {
    for (const ticket of tickets.slice(0, 500))
      expect(ReportTicket.safeParse(ticket).success).toBe(true);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    expect(generateHistory(demoOfficeConfig, days.slice(0, 2))).toEqual(
      generateHistory(demoOfficeConfig, days.slice(0, 2)),
    );
  });

  it("Looks like the seed's office: a few hundred tickets a day, the URP busiest, peaks on weekday mornings and on Mondays.", () => {
    const perDay = tickets.length / days.length;
    expect(perDay).toBeGreaterThan(150);
    expect(perDay).toBeLessThan(350);
    const perService = report.ticketsPerDay.services;
    const urp = perService.find((s) => s.serviceId === "urp")!.total;
    for (const service of perService) expect(urp).toBeGreaterThanOrEqual(service.total);
    expect(report.arrivals.peak?.weekday).toBe("mon");
    expect(report.arrivals.peak?.hour).toBeGreaterThanOrEqual(9);
    expect(report.arrivals.peak?.hour).toBeLessThanOrEqual(11);
  });

  it("Waits come from the simulated desks: most people within the target, a tail at the peaks, a few no-shows and give-ups.", () => {
    const share = report.withinTarget.overall.share ?? 0;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.95);
    expect(report.outcomes.overall.noShows).toBeGreaterThan(0);
    expect(report.outcomes.overall.cancelled).toBeGreaterThan(0);
    expect(report.times.overall.service.medianSeconds).toBeGreaterThan(4 * 60);
  });
});

describe("The demo office's past bookings (npm run demo:history, issue 12)", () => {
  const past = generatePast(demoOfficeWithBookings, days);
  const withBookings = computeOfficeReport(
    past.tickets,
    {
      from: days[0]!,
      to: days.at(-1)!,
      timeZone: demoOfficeWithBookings.timeZone,
      targetWaitMinutes: 20,
    },
    past.appointments.map((appointment) => ({
      ...appointment,
      slotMinutes:
        demoOfficeWithBookings.services.find((s) => s.id === appointment.serviceId)?.booking
          ?.slotMinutes ?? null,
    })),
  );
  const figures = (serviceId: string) =>
    withBookings.appointments.byService.find((row) => row.serviceId === serviceId)!;

  it("Books the appointment services only, inside their windows: building permits on Tuesday and Thursday mornings, school enrolment on Monday and Wednesday afternoons.", () => {
    expect(new Set(past.appointments.map((a) => a.serviceId))).toEqual(
      new Set(["edilizia", "scuola"]),
    );
    for (const appointment of past.appointments) {
      expect(PastAppointment.safeParse(appointment).success).toBe(true);
      const local = new Date(appointment.start).toLocaleString("en-GB", {
        timeZone: "Europe/Rome",
        weekday: "short",
        hour: "2-digit",
        hour12: false,
      });
      if (appointment.serviceId === "edilizia")
        expect(local).toMatch(/^(Tue|Thu),? (09|10|11|12)$/);
      else expect(local).toMatch(/^(Mon|Wed),? (14|15|16)$/);
    }
    expect(new Set(past.appointments.map((a) => a.id)).size).toBe(past.appointments.length);
  });

  it("Has the mix an office sees: most checked in, some missed and cancelled, booked days ahead, called about on time.", () => {
    const edilizia = figures("edilizia");
    expect(edilizia.booked).toBeGreaterThan(100);
    expect(edilizia.checkedIn / edilizia.booked).toBeGreaterThan(0.7);
    expect(edilizia.missed).toBeGreaterThan(0);
    expect(edilizia.cancelled).toBeGreaterThan(0);
    expect(edilizia.upcoming).toBe(0);
    expect(edilizia.leadTime.medianSeconds! / 86_400).toBeGreaterThan(3);
    expect(edilizia.onTimeShare).toBeGreaterThan(0.5);
    expect(figures("scuola").booked).toBeGreaterThan(20);
    // Every checked-in booking has its ticket, and that ticket names it.
    const ticketIds = new Set(past.tickets.map((t) => t.id));
    for (const appointment of past.appointments.filter((a) => a.status === "checked-in")) {
      expect(ticketIds.has(appointment.ticketId!)).toBe(true);
    }
    expect(withBookings.appointments.overall.called).toBe(
      past.tickets.filter((t) => t.appointment && t.calledAt !== null).length,
    );
  });

  it("Puts booked minutes in the desks-needed table on Tuesday mornings, and leaves the walk-ins as they were.", () => {
    const tuesdayTen = withBookings.staffing.cells.find(
      (c) => c.weekday === "tue" && c.hour === 10,
    )!;
    expect(tuesdayTen.appointmentMinutes).toBeGreaterThan(30);
    expect(tuesdayTen.appointmentMinutes).toBeLessThanOrEqual(120);
    const walkIns = past.tickets.filter((t) => !t.appointment);
    expect(walkIns.length).toBeGreaterThan(tickets.length * 0.95);
  });
});
