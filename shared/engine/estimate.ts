import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { compareQueueOrder } from "./routing";
import { ticketList } from "./ticket-list";

/**
 * Waits are estimated as: people ahead × the service's moving-average service
 * time ÷ counters open (front mode) for that service. Until a service has
 * history, its configured default time is the average. No open counter means
 * no estimate (null) rather than a made-up number.
 */
export function averageServiceSeconds(state: OfficeState, serviceId: string): number {
  const timing = state.timings[serviceId];
  if (timing && timing.samples > 0) return timing.averageSeconds;
  const service = state.config.services.find((s) => s.id === serviceId);
  return (service?.defaultServiceMinutes ?? 10) * 60;
}

export function openCountersFor(state: OfficeState, serviceId: string): number {
  return state.config.counters.filter(
    (counter) =>
      counter.serviceIds.includes(serviceId) && state.counters[counter.id]?.mode === "front",
  ).length;
}

export function estimateWaitSeconds(
  state: OfficeState,
  serviceId: string,
  peopleAhead: number,
): number | null {
  const open = openCountersFor(state, serviceId);
  if (open === 0) return null;
  return Math.round((peopleAhead * averageServiceSeconds(state, serviceId)) / open);
}

/**
 * Estimate for one waiting ticket: a ticket transferred to a counter waits for
 * that counter alone (null when it is not in front mode).
 */
export function estimateTicketWaitSeconds(
  state: OfficeState,
  ticket: Ticket,
  peopleAhead: number,
): number | null {
  if (ticket.targetCounterId === null)
    return estimateWaitSeconds(state, ticket.serviceId, peopleAhead);
  if (state.counters[ticket.targetCounterId]?.mode !== "front") return null;
  return Math.round(peopleAhead * averageServiceSeconds(state, ticket.serviceId));
}

/** Whether two tickets stand in the same queue (queueKey equal), without building the keys. */
function inSameQueue(a: Ticket, b: Ticket): boolean {
  return a.targetCounterId === null
    ? b.targetCounterId === null && a.serviceId === b.serviceId
    : a.targetCounterId === b.targetCounterId;
}

/** The queue a waiting ticket stands in: its service, or the counter it was transferred to. */
export function queueKey(ticket: Ticket): string {
  return ticket.targetCounterId !== null
    ? `counter:${ticket.targetCounterId}`
    : `service:${ticket.serviceId}`;
}

export interface ServiceQueueSummary {
  serviceId: string;
  waiting: number;
  /** Estimated wait for someone taking a ticket now (null: no counter open). */
  estimatedWaitSeconds: number | null;
}

export function summarizeServices(state: OfficeState): ServiceQueueSummary[] {
  const waiting = new Map<string, number>();
  for (const ticket of ticketList(state)) {
    if (ticket.status === "waiting" && ticket.targetCounterId === null) {
      waiting.set(ticket.serviceId, (waiting.get(ticket.serviceId) ?? 0) + 1);
    }
  }
  return state.config.services.map((service) => {
    const count = waiting.get(service.id) ?? 0;
    return {
      serviceId: service.id,
      waiting: count,
      estimatedWaitSeconds: estimateWaitSeconds(state, service.id, count),
    };
  });
}

export interface QueuePosition {
  peopleAhead: number;
  estimatedWaitSeconds: number | null;
}

/** Position of every waiting ticket in its own queue, in one sort per queue. */
export function queuePositions(state: OfficeState): Map<string, QueuePosition> {
  const queues = new Map<string, Ticket[]>();
  for (const ticket of ticketList(state)) {
    if (ticket.status !== "waiting") continue;
    const key = queueKey(ticket);
    const queue = queues.get(key);
    if (queue) queue.push(ticket);
    else queues.set(key, [ticket]);
  }
  const positions = new Map<string, QueuePosition>();
  for (const queue of queues.values()) {
    queue.sort(compareQueueOrder);
    queue.forEach((ticket, index) => {
      positions.set(ticket.id, {
        peopleAhead: index,
        estimatedWaitSeconds: estimateTicketWaitSeconds(state, ticket, index),
      });
    });
  }
  return positions;
}

/** Position of one waiting ticket; O(tickets), run on every issue: no allocation in the loop. */
export function queuePositionOf(state: OfficeState, ticket: Ticket): QueuePosition {
  let ahead = 0;
  for (const other of ticketList(state)) {
    if (
      other.status === "waiting" &&
      other.id !== ticket.id &&
      inSameQueue(other, ticket) &&
      compareQueueOrder(other, ticket) < 0
    ) {
      ahead++;
    }
  }
  return {
    peopleAhead: ahead,
    estimatedWaitSeconds: estimateTicketWaitSeconds(state, ticket, ahead),
  };
}
