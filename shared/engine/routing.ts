import type { CounterConfig } from "../protocol/config";
import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { ticketList } from "./ticket-list";

/**
 * Queue order, the one rule every counter follows: priority tickets first
 * (people with disabilities, pregnant women), then by original issue time
 * (kept through transfers), then by ticket id so ties never depend on chance.
 */
export function compareQueueOrder(a: Ticket, b: Ticket): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A waiting ticket that this counter may call: one of its services, or transferred to it by name. */
export function isCallableBy(ticket: Ticket, counter: CounterConfig): boolean {
  if (ticket.status !== "waiting") return false;
  if (ticket.targetCounterId !== null) return ticket.targetCounterId === counter.id;
  return counter.serviceIds.includes(ticket.serviceId);
}

/**
 * Call-next routing across every service the counter serves: the first
 * callable ticket in queue order. One pass, no sort: O(waiting tickets).
 */
export function nextTicketFor(state: OfficeState, counter: CounterConfig): Ticket | undefined {
  let best: Ticket | undefined;
  for (const ticket of ticketList(state)) {
    if (!isCallableBy(ticket, counter)) continue;
    if (!best || compareQueueOrder(ticket, best) < 0) best = ticket;
  }
  return best;
}
