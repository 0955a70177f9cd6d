import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { ticketList } from "./ticket-list";

/**
 * Per queue (a service, or a counter tickets were transferred to): how many wait, and
 * the few facts that let a just-issued walk-in's place be counted without reading every
 * ticket (estimate.ts). Kept beside the ticket list and in step by `evolve`, the only
 * code that moves a ticket into or out of a queue; a state it has not followed (a
 * snapshot, a reload) is counted once on first use.
 */
export interface QueueCensus {
  waiting: number;
  /** The waiting tickets that came with an appointment: few, and early ones are not ahead. */
  appointments: Set<Ticket>;
  /** The latest `queuedAt` among the tickets that joined (at least every member's). */
  latestQueuedAt: number;
  /** Tickets that joined at `latestQueuedAt` (one turn's tickets share a millisecond); some may have left. */
  latest: Ticket[];
}

const censuses = new WeakMap<OfficeState["tickets"], Map<string, QueueCensus>>();

/** The queue a waiting ticket stands in: its service, or the counter it was transferred to. */
export function queueKey(ticket: Ticket): string {
  return ticket.targetCounterId !== null
    ? `counter:${ticket.targetCounterId}`
    : `service:${ticket.serviceId}`;
}

function count(queues: Map<string, QueueCensus>, ticket: Ticket): void {
  const key = queueKey(ticket);
  let census = queues.get(key);
  if (!census) {
    census = { waiting: 0, appointments: new Set(), latestQueuedAt: ticket.queuedAt, latest: [] };
    queues.set(key, census);
  }
  census.waiting++;
  if (ticket.appointment) census.appointments.add(ticket);
  if (ticket.queuedAt > census.latestQueuedAt) {
    census.latestQueuedAt = ticket.queuedAt;
    census.latest = [ticket];
  } else if (ticket.queuedAt === census.latestQueuedAt) {
    census.latest.push(ticket);
  }
}

export function queueCensus(state: OfficeState, key: string): QueueCensus | undefined {
  let queues = censuses.get(state.tickets);
  if (!queues) {
    queues = new Map();
    for (const ticket of ticketList(state)) if (ticket.status === "waiting") count(queues, ticket);
    censuses.set(state.tickets, queues);
  }
  return queues.get(key);
}

/** After a ticket starts waiting (issued, or transferred into a queue). */
export function joinQueue(state: OfficeState, ticket: Ticket): void {
  const queues = censuses.get(state.tickets);
  if (queues && ticket.status === "waiting") count(queues, ticket);
}

/** Before a ticket stops waiting where it is (called, transferred, cancelled, expired). */
export function leaveQueue(state: OfficeState, ticket: Ticket): void {
  const census = censuses.get(state.tickets)?.get(queueKey(ticket));
  if (!census || ticket.status !== "waiting") return;
  census.waiting--;
  census.appointments.delete(ticket);
}
