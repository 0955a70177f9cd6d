import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OfficeReport, PastAppointment, ReportTicket } from "../../shared/reports";
import { appointmentOfficeConfig, bookSomewhere, officeDays } from "./appointment-helpers";
import { api, createOffice, expectError, officeStub, signedIn } from "./helpers";

/*
 * Issue 12, point 6: the reports see appointments. A Tuesday in Rome (3 March 2026, UTC+1)
 * of permits by appointment (30-minute slots in appointmentOfficeConfig): four bookings
 * at 9:00 and 9:30, one checked in and called at 9:08, one checked in and called at 9:31,
 * one missed, one cancelled; and a walk-in of the general service at 9:10.
 */
const DAY = "2026-03-03";
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+01:00`);
const DAY_MS = 86_400_000;

function pastTicket(code: string, overrides: Partial<ReportTicket>): ReportTicket {
  return {
    id: `${DAY}-${code}`,
    day: DAY,
    code,
    serviceId: "permits",
    counterId: "desk-1",
    clerkId: null,
    clerkName: null,
    status: "done",
    channel: "kiosk",
    priority: false,
    issuedAt: at("08:50"),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    transfers: 0,
    recalls: 0,
    ...overrides,
  };
}

function pastBooking(
  id: string,
  hhmm: string,
  overrides: Partial<PastAppointment>,
): PastAppointment {
  return {
    id,
    serviceId: "permits",
    start: at(hhmm),
    status: "checked-in",
    channel: "public",
    bookedAt: at(hhmm) - 3 * DAY_MS,
    checkedInAt: null,
    cancelledAt: null,
    missedAt: null,
    ticketId: null,
    ...overrides,
  };
}

const TICKETS: ReportTicket[] = [
  pastTicket("P001", {
    issuedAt: at("08:50"),
    calledAt: at("09:08"),
    startedAt: at("09:08"),
    finishedAt: at("09:30"),
    appointment: { id: "apt-1", slotStart: at("09:00") },
  }),
  pastTicket("P002", {
    issuedAt: at("09:20"),
    calledAt: at("09:31"),
    startedAt: at("09:31"),
    finishedAt: at("09:55"),
    appointment: { id: "apt-2", slotStart: at("09:30") },
  }),
  pastTicket("A001", {
    serviceId: "general",
    issuedAt: at("09:10"),
    calledAt: at("09:12"),
    startedAt: at("09:12"),
    finishedAt: at("09:17"),
  }),
];

const BOOKINGS: PastAppointment[] = [
  pastBooking("apt-1", "09:00", { checkedInAt: at("08:50"), ticketId: `${DAY}-P001` }),
  pastBooking("apt-2", "09:30", {
    checkedInAt: at("09:20"),
    ticketId: `${DAY}-P002`,
    bookedAt: at("09:30") - 10 * DAY_MS,
    channel: "staff",
  }),
  pastBooking("apt-3", "09:00", { status: "missed", missedAt: at("09:10") }),
  pastBooking("apt-4", "09:30", { status: "cancelled", cancelledAt: at("09:30") - DAY_MS }),
];

async function romeOffice() {
  return createOffice({ ...appointmentOfficeConfig(), timeZone: "Europe/Rome" });
}

describe("Appointments in the reports", () => {
  it("A past history with bookings makes the appointments' figures, the booked minutes of the desks-needed table and both CSVs, without personal data.", async () => {
    const officeId = await romeOffice();
    const imported = await api("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets: TICKETS, appointments: BOOKINGS },
    });
    expect(imported.body).toEqual({
      added: 3,
      skipped: 0,
      appointmentsAdded: 4,
      appointmentsSkipped: 0,
    });
    const again = await api("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets: TICKETS, appointments: BOOKINGS },
    });
    expect(again.body).toMatchObject({ appointmentsAdded: 0, appointmentsSkipped: 4 });

    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const range = "from=2026-03-02&to=2026-03-08";
    const report = await api<OfficeReport>("GET", `/offices/${officeId}/reports?${range}`, {
      as: supervisor.as,
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const { appointments } = report.body;
    expect(appointments.onTimeMinutes).toBe(5);
    expect(appointments.overall).toMatchObject({
      booked: 4,
      checkedIn: 2,
      missed: 1,
      cancelled: 1,
      upcoming: 0,
      // Called 8 and 1 minutes after the slot: one of two within 5 minutes.
      called: 2,
      calledOnTime: 1,
      onTimeShare: 0.5,
    });
    expect(appointments.overall.callLateness.medianSeconds).toBe(4.5 * 60);
    // Lead times 3, 10, 3, 3 days: median 3 days.
    expect(appointments.overall.leadTime.medianSeconds).toBe(3 * 86_400);
    expect(appointments.byService.map((row) => row.serviceId)).toEqual(["permits"]);

    // Booked minutes on Tuesdays at 9: three 30-minute slots kept their seat (the
    // cancellation gave it back) = 90 minutes; the walk-in alone is the walk-in demand.
    const nine = report.body.staffing.cells.find((c) => c.weekday === "tue" && c.hour === 9)!;
    expect(nine.appointmentMinutes).toBe(90);
    expect(nine.meanArrivals).toBe(1);

    const strict = await api<OfficeReport>(
      "GET",
      `/offices/${officeId}/reports?${range}&onTimeMinutes=10`,
      { as: supervisor.as },
    );
    expect(strict.body.appointments).toMatchObject({
      onTimeMinutes: 10,
      overall: { calledOnTime: 2 },
    });
    expectError(
      await api("GET", `/offices/${officeId}/reports?${range}&onTimeMinutes=soon`, {
        as: supervisor.as,
      }),
      400,
      "invalid_request",
    );

    const tickets = await api<string>("GET", `/offices/${officeId}/reports/tickets.csv?${range}`, {
      as: supervisor.as,
    });
    const ticketLines = String(tickets.body).replace("\uFEFF", "").trim().split("\r\n");
    expect(ticketLines[0]).toMatch(/,appointment_slot,appointment_slot_ms,call_lateness_seconds$/);
    const p001 = ticketLines.find((line) => line.startsWith(`${DAY}-P001,`))!;
    expect(p001.endsWith(`,${DAY} 09:00:00,${at("09:00")},480`)).toBe(true);
    const a001 = ticketLines.find((line) => line.startsWith(`${DAY}-A001,`))!;
    expect(a001.endsWith(",,,")).toBe(true);

    const csv = await api<string>("GET", `/offices/${officeId}/reports/appointments.csv?${range}`, {
      as: supervisor.as,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain(
      "turno-appointments-2026-03-02-2026-03-08.csv",
    );
    const lines = String(csv.body).replace("\uFEFF", "").trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      "id,service,slot,slot_ms,slot_minutes,status,channel,booked_at,booked_at_ms,lead_time_days," +
        "checked_in_at,checked_in_at_ms,cancelled_at,cancelled_at_ms,missed_at,missed_at_ms," +
        "ticket,called_at,called_at_ms,call_lateness_seconds",
    );
    const apt1 = lines.find((line) => line.startsWith("apt-1,"))!;
    expect(apt1).toContain(`,permits,${DAY} 09:00:00,${at("09:00")},30,checked-in,public,`);
    expect(apt1.endsWith(`,P001,${DAY} 09:08:00,${at("09:08")},480`)).toBe(true);
    expect(lines.find((line) => line.startsWith("apt-2,"))).toContain(",staff,");
    expect(lines.find((line) => line.startsWith("apt-4,"))).toContain(",cancelled,");

    const excel = await api<string>(
      "GET",
      `/offices/${officeId}/reports/appointments.csv?${range}&format=excel-it`,
      { as: supervisor.as },
    );
    expect(String(excel.body)).toContain("id;service;slot;");
    expect(String(excel.body)).toContain(";10;"); // apt-2's lead time, 10 days
  });

  it("A live booking counts as still to come, and no export carries its name, contact or booking code.", async () => {
    const config = appointmentOfficeConfig();
    const officeId = await createOffice(config);
    const booked = await bookSomewhere(officeId, { timeZone: config.timeZone });
    const days = officeDays(config.timeZone);
    const range = `from=${days.today}&to=${days.after(21)}`;
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const report = await api<OfficeReport>("GET", `/offices/${officeId}/reports?${range}`, {
      as: supervisor.as,
    });
    expect(report.body.appointments.overall).toMatchObject({ booked: 1, upcoming: 1 });
    expect(
      report.body.staffing.cells.reduce((sum, cell) => sum + cell.appointmentMinutes, 0),
    ).toBeGreaterThan(0);

    const csv = String(
      (
        await api<string>("GET", `/offices/${officeId}/reports/appointments.csv?${range}`, {
          as: supervisor.as,
        })
      ).body,
    );
    expect(csv).toContain(`${booked.appointment.id},permits,`);
    expect(csv).toContain(",booked,staff,"); // booked by the operator, on the phone
    expect(csv).not.toContain("Maria Rossi");
    expect(csv).not.toContain("@example.org");
    expect(csv).not.toContain(booked.appointment.code);
  });

  it("Erasing a booking's personal data changes neither the report nor the appointments CSV.", async () => {
    const config = appointmentOfficeConfig();
    const officeId = await createOffice(config);
    await bookSomewhere(officeId, { timeZone: config.timeZone });
    const days = officeDays(config.timeZone);
    const range = `from=${days.today}&to=${days.after(21)}`;
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const read = async () => ({
      report: (
        await api<OfficeReport>("GET", `/offices/${officeId}/reports?${range}`, {
          as: supervisor.as,
        })
      ).body,
      csv: String(
        (
          await api("GET", `/offices/${officeId}/reports/appointments.csv?${range}`, {
            as: supervisor.as,
          })
        ).body,
      ),
    });
    const before = await read();
    // The alarm's erasure, run now for every booking (as it will the day after each).
    const erased = await runInDurableObject(
      officeStub(officeId),
      (_office, state) =>
        state.storage.sql.exec(
          `UPDATE appointments SET name = NULL, email = NULL, phone = NULL, reason = NULL,
             address = NULL, personal_erased_at = ? WHERE personal_erased_at IS NULL`,
          Date.now(),
        ).rowsWritten,
    );
    expect(erased).toBe(1);
    const after = await read();
    expect(after.report.appointments).toEqual(before.report.appointments);
    expect(after.report.staffing).toEqual(before.report.staffing);
    expect(after.csv).toBe(before.csv);
  });

  it("A day packed before tickets carried their appointment is packed again from the tickets table, so its punctuality counts.", async () => {
    const officeId = await romeOffice();
    await api("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets: TICKETS, appointments: BOOKINGS },
    });
    // The archive row as the previous version wrote it: 15 fields a ticket, no appointment.
    await runInDurableObject(officeStub(officeId), (_office, state) => {
      const sql = state.storage.sql;
      const row = sql
        .exec<{ tickets: string }>(`SELECT tickets FROM day_archive WHERE day = ?`, DAY)
        .one();
      const old = (JSON.parse(row.tickets) as unknown[][]).map((packed) => packed.slice(0, 15));
      sql.exec(`UPDATE day_archive SET tickets = ? WHERE day = ?`, JSON.stringify(old), DAY);
    });
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const report = await api<OfficeReport>(
      "GET",
      `/offices/${officeId}/reports?from=2026-03-02&to=2026-03-08`,
      { as: supervisor.as },
    );
    expect(report.body.totals.tickets).toBe(3);
    expect(report.body.appointments.overall).toMatchObject({ called: 2, calledOnTime: 1 });
    const repacked = await runInDurableObject(officeStub(officeId), (_office, state) =>
      state.storage.sql
        .exec<{ tickets: string }>(`SELECT tickets FROM day_archive WHERE day = ?`, DAY)
        .one(),
    );
    expect((JSON.parse(repacked.tickets) as unknown[][])[0]).toHaveLength(17);
  });

  it("The appointments CSV is the supervisor's: a clerk is refused, and a bad range is 400.", async () => {
    const officeId = await romeOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    expectError(
      await api(
        "GET",
        `/offices/${officeId}/reports/appointments.csv?from=2026-03-01&to=2026-03-07`,
        {
          as: clerk.as,
        },
      ),
      403,
      "forbidden",
    );
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    expectError(
      await api("GET", `/offices/${officeId}/reports/appointments.csv?from=monday&to=friday`, {
        as: supervisor.as,
      }),
      400,
      "invalid_request",
    );
  });
});
