import { callLatenessMillis } from "./appointments";
import { type CsvDialect, csvLine, EXCEL_IT_CSV, STANDARD_CSV } from "./csv-cell";
import { LocalClock } from "./local-clock";
import type { ReportAppointment } from "./report-appointment";
import type { ReportTicket } from "./report-ticket";
import { serviceMillis, waitMillis } from "./ticket-durations";

/**
 * The columns of the tickets export. Every timestamp comes twice: office-local
 * "YYYY-MM-DD HH:mm:ss", which a person reads and a spreadsheet parses, and epoch
 * milliseconds, which stay unambiguous in the hour repeated when clocks go back.
 * The last three are filled for a ticket issued for an appointment: its slot, and how late
 * it was first called (from the slot, or from a check-in after it; 0 if called before).
 */
export const TICKET_CSV_COLUMNS = [
  "id",
  "day",
  "code",
  "service",
  "counter",
  "clerk_id",
  "clerk_name",
  "status",
  "channel",
  "priority",
  "issued_at",
  "issued_at_ms",
  "called_at",
  "called_at_ms",
  "started_at",
  "started_at_ms",
  "finished_at",
  "finished_at_ms",
  "wait_seconds",
  "service_seconds",
  "transfers",
  "recalls",
  "appointment_slot",
  "appointment_slot_ms",
  "call_lateness_seconds",
] as const;

/** Where the clerk's columns are, for an office that leaves them out. */
const CLERK_COLUMNS = new Set([
  TICKET_CSV_COLUMNS.indexOf("clerk_id"),
  TICKET_CSV_COLUMNS.indexOf("clerk_name"),
]);

/**
 * The columns of the appointments export: one booking a line, whatever became of it, and
 * nothing personal (no name, contact, reason, nor the booking code that checks a booking
 * in). The ticket its check-in gave, with its first call, joins the line.
 */
export const APPOINTMENT_CSV_COLUMNS = [
  "id",
  "service",
  "slot",
  "slot_ms",
  "slot_minutes",
  "status",
  "channel",
  "booked_at",
  "booked_at_ms",
  "lead_time_days",
  "checked_in_at",
  "checked_in_at_ms",
  "cancelled_at",
  "cancelled_at_ms",
  "missed_at",
  "missed_at_ms",
  "ticket",
  "called_at",
  "called_at_ms",
  "call_lateness_seconds",
] as const;

/**
 * The forms the export comes in: `standard` (RFC 4180) and `excel-it`, for Excel set to
 * Italian: `;` between cells and a decimal comma.
 */
export const CSV_FORMATS = { standard: STANDARD_CSV, "excel-it": EXCEL_IT_CSV } as const;
export type CsvFormat = keyof typeof CSV_FORMATS;

export function isCsvFormat(value: string): value is CsvFormat {
  return Object.hasOwn(CSV_FORMATS, value);
}

/**
 * The export line by line (header first, each line ending in CRLF), so a route can stream
 * a year of tickets instead of holding tens of megabytes in one string. Tickets come out
 * in the order given. No byte-order mark: a route serving Excel may prepend "\uFEFF".
 * `clerks: false` (an office without per-clerk figures) leaves out `clerk_id` and
 * `clerk_name`, header included.
 */
export function* ticketCsvLines(
  tickets: Iterable<ReportTicket>,
  timeZone: string,
  dialect: CsvDialect = STANDARD_CSV,
  { clerks = true }: { clerks?: boolean } = {},
): Generator<string, void, undefined> {
  const { local, seconds } = cellsIn(timeZone);
  const kept = <T>(cells: readonly T[]): readonly T[] =>
    clerks ? cells : cells.filter((_cell, index) => !CLERK_COLUMNS.has(index));
  yield csvLine(kept(TICKET_CSV_COLUMNS), dialect);
  for (const ticket of tickets) {
    yield csvLine(
      kept([
        ticket.id,
        ticket.day,
        ticket.code,
        ticket.serviceId,
        ticket.counterId,
        ticket.clerkId,
        ticket.clerkName,
        ticket.status,
        ticket.channel,
        ticket.priority,
        local(ticket.issuedAt),
        ticket.issuedAt,
        local(ticket.calledAt),
        ticket.calledAt,
        local(ticket.startedAt),
        ticket.startedAt,
        local(ticket.finishedAt),
        ticket.finishedAt,
        seconds(waitMillis(ticket)),
        seconds(serviceMillis(ticket)),
        ticket.transfers,
        ticket.recalls,
        local(ticket.appointment?.slotStart ?? null),
        ticket.appointment?.slotStart ?? null,
        seconds(callLatenessMillis(ticket)),
      ]),
      dialect,
    );
  }
}

/**
 * The appointments export line by line, header first, in the order given. `tickets` are
 * looked up by the booking's ticket id for its first call (tickets of other days are
 * simply not joined).
 */
export function* appointmentCsvLines(
  appointments: Iterable<ReportAppointment>,
  tickets: Iterable<ReportTicket>,
  timeZone: string,
  dialect: CsvDialect = STANDARD_CSV,
): Generator<string, void, undefined> {
  const { local, seconds } = cellsIn(timeZone);
  const ticketById = new Map<string, ReportTicket>();
  for (const ticket of tickets) ticketById.set(ticket.id, ticket);
  yield csvLine(APPOINTMENT_CSV_COLUMNS, dialect);
  for (const appointment of appointments) {
    const ticket = appointment.ticketId === null ? null : ticketById.get(appointment.ticketId);
    const leadDays = Math.max(0, appointment.start - appointment.bookedAt) / 86_400_000;
    yield csvLine(
      [
        appointment.id,
        appointment.serviceId,
        local(appointment.start),
        appointment.start,
        appointment.slotMinutes,
        appointment.status,
        appointment.channel,
        local(appointment.bookedAt),
        appointment.bookedAt,
        Math.round(leadDays * 100) / 100,
        local(appointment.checkedInAt),
        appointment.checkedInAt,
        local(appointment.cancelledAt),
        appointment.cancelledAt,
        local(appointment.missedAt),
        appointment.missedAt,
        ticket?.code ?? null,
        local(ticket?.calledAt ?? null),
        ticket?.calledAt ?? null,
        ticket ? seconds(callLatenessMillis(ticket)) : null,
      ],
      dialect,
    );
  }
}

function cellsIn(timeZone: string) {
  const clock = new LocalClock(timeZone);
  return {
    local: (instant: number | null) => (instant === null ? null : clock.dateTime(instant)),
    seconds: (millis: number | null) => (millis === null ? null : millis / 1000),
  };
}

/** The whole export as one string. */
export function ticketsToCsv(
  tickets: Iterable<ReportTicket>,
  timeZone: string,
  dialect: CsvDialect = STANDARD_CSV,
): string {
  let csv = "";
  for (const line of ticketCsvLines(tickets, timeZone, dialect)) csv += line;
  return csv;
}
