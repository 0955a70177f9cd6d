import { assertNever } from "../assert-never";
import { entriesById } from "./compare-ids";
import type { OutcomeCounts, OutcomesReport } from "./office-report";
import type { ReportTicket } from "./report-ticket";

const noOutcomes = (): OutcomeCounts => ({
  tickets: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  expired: 0,
  transfers: 0,
  transferredTickets: 0,
  recalls: 0,
});

function count(counts: OutcomeCounts, ticket: ReportTicket) {
  counts.tickets += 1;
  counts.transfers += ticket.transfers;
  if (ticket.transfers > 0) counts.transferredTickets += 1;
  counts.recalls += ticket.recalls;
  switch (ticket.status) {
    case "done":
      counts.served += 1;
      return;
    case "no-show":
      counts.noShows += 1;
      return;
    case "cancelled":
      counts.cancelled += 1;
      return;
    case "expired":
      counts.expired += 1;
      return;
    // Still open (a report that includes today): no outcome yet.
    case "waiting":
    case "called":
    case "serving":
      return;
    default:
      assertNever(ticket.status);
  }
}

/** How tickets ended (served, no-show, gave up, expired), transfers and recalls. */
export function outcomes(tickets: readonly ReportTicket[]): OutcomesReport {
  const overall = noOutcomes();
  const byService = new Map<string, OutcomeCounts>();
  for (const ticket of tickets) {
    let service = byService.get(ticket.serviceId);
    if (!service) {
      service = noOutcomes();
      byService.set(ticket.serviceId, service);
    }
    count(overall, ticket);
    count(service, ticket);
  }
  return {
    overall,
    byService: entriesById(byService).map(([serviceId, counts]) => ({ serviceId, ...counts })),
  };
}
