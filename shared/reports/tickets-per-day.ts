import { dayNumberOf, daysBetween } from "./calendar";
import { entriesById } from "./compare-ids";
import type { TicketsPerDay } from "./office-report";
import type { ReportTicket } from "./report-ticket";

/** Tickets issued per service on each day of the range (tickets already in the range). */
export function ticketsPerDay(
  tickets: readonly ReportTicket[],
  from: string,
  to: string,
): TicketsPerDay {
  const days = daysBetween(from, to);
  const first = dayNumberOf(from);
  // Day strings repeat a lot: convert each distinct one to its column once.
  const columnOfDay = new Map<string, number>();
  const perService = new Map<string, number[]>();
  for (const ticket of tickets) {
    let column = columnOfDay.get(ticket.day);
    if (column === undefined) {
      column = dayNumberOf(ticket.day) - first;
      columnOfDay.set(ticket.day, column);
    }
    let perDay = perService.get(ticket.serviceId);
    if (!perDay) {
      perDay = new Array<number>(days.length).fill(0);
      perService.set(ticket.serviceId, perDay);
    }
    perDay[column]! += 1;
  }
  const services = entriesById(perService).map(([serviceId, perDay]) => ({
    serviceId,
    perDay,
    total: sum(perDay),
  }));
  return { days, services };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
