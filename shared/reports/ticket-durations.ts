import type { ReportTicket } from "./report-ticket";

/*
 * The two durations every time figure is built from, in milliseconds, or null when the
 * ticket has none. Negative spans (a clock that stepped back between two events) count as
 * zero rather than dropping the ticket, so counts stay equal to the tickets concerned.
 */

/** Issue → first call, for tickets that were called (a recall does not extend the wait). */
export function waitMillis(ticket: ReportTicket): number | null {
  return ticket.calledAt === null ? null : Math.max(0, ticket.calledAt - ticket.issuedAt);
}

/** Start → finish of service, for tickets that were served to the end. */
export function serviceMillis(ticket: ReportTicket): number | null {
  if (ticket.status !== "done" || ticket.startedAt === null || ticket.finishedAt === null) {
    return null;
  }
  return Math.max(0, ticket.finishedAt - ticket.startedAt);
}
