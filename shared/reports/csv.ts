import { type CsvDialect, csvLine, EXCEL_IT_CSV, STANDARD_CSV } from "./csv-cell";
import { LocalClock } from "./local-clock";
import type { ReportTicket } from "./report-ticket";
import { serviceMillis, waitMillis } from "./ticket-durations";

/**
 * The columns of the tickets export. Every timestamp comes twice: office-local
 * "YYYY-MM-DD HH:mm:ss", which a person reads and a spreadsheet parses, and epoch
 * milliseconds, which stay unambiguous in the hour repeated when clocks go back.
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
 */
export function* ticketCsvLines(
  tickets: Iterable<ReportTicket>,
  timeZone: string,
  dialect: CsvDialect = STANDARD_CSV,
): Generator<string, void, undefined> {
  const clock = new LocalClock(timeZone);
  const local = (instant: number | null) => (instant === null ? null : clock.dateTime(instant));
  const seconds = (millis: number | null) => (millis === null ? null : millis / 1000);
  yield csvLine(TICKET_CSV_COLUMNS, dialect);
  for (const ticket of tickets) {
    yield csvLine(
      [
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
      ],
      dialect,
    );
  }
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
