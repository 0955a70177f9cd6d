import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { queueCensus, queueKey } from "./queue-census";
import {
  appointmentDueAt,
  CALL_RANK,
  type CallRank,
  callMoment,
  callRank,
  compareQueueOrder,
  orderWithinRank,
} from "./routing";
import { averageServiceSeconds } from "./service-time";
import { ticketList } from "./ticket-list";

/**
 * Waits are estimated as: people ahead × the service's moving-average service
 * time ÷ counters open (front mode) for that service. Until a service has
 * history, its configured default time is the average. No open counter means
 * no estimate (null) rather than a made-up number.
 */
export { averageServiceSeconds };

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

export { queueKey };

/*
 * Appointments in the estimates. A due appointment is someone ahead like any
 * other. An early arrival (an appointment not due yet) is ahead of a walk-in
 * only if it will be due by the time that walk-in is expected to be called:
 * the walk-in's wait is first estimated from the people callable ahead of it
 * now, and the early arrivals due before that moment are added (one step,
 * not solved to a fixed point: a rough figure, never a shorter one than the
 * people already ahead give). An early arrival's own wait is at least the
 * time until its slot, with the priority tickets, the overdue walk-ins and
 * the appointments before it ahead. Without `now` every appointment counts as
 * due (routing.ts), which is also what a display, which cannot tell them
 * apart, computes.
 */

export interface ServiceQueueSummary {
  serviceId: string;
  /** Everyone waiting in the service's own queue, early arrivals included. */
  waiting: number;
  /** Estimated wait for someone taking a ticket now (null: no counter open). */
  estimatedWaitSeconds: number | null;
}

export function summarizeServices(state: OfficeState, now?: number): ServiceQueueSummary[] {
  const moment = callMoment(state, now);
  const waiting = new Map<string, number>();
  const callable = new Map<string, number>();
  const earlyDueAt = new Map<string, number[]>();
  for (const ticket of ticketList(state)) {
    if (ticket.status !== "waiting" || ticket.targetCounterId !== null) continue;
    const serviceId = ticket.serviceId;
    waiting.set(serviceId, (waiting.get(serviceId) ?? 0) + 1);
    if (callRank(ticket, moment) !== CALL_RANK.appointmentNotDue) {
      callable.set(serviceId, (callable.get(serviceId) ?? 0) + 1);
    } else {
      const dueAt = appointmentDueAt(ticket) ?? 0;
      const list = earlyDueAt.get(serviceId);
      if (list) list.push(dueAt);
      else earlyDueAt.set(serviceId, [dueAt]);
    }
  }
  return state.config.services.map((service) => {
    const ahead = callable.get(service.id) ?? 0;
    const first = estimateWaitSeconds(state, service.id, ahead);
    const early = earlyDueAt.get(service.id);
    const dueInTime =
      first === null || now === undefined || !early
        ? 0
        : early.filter((dueAt) => dueAt <= now + first * 1000).length;
    return {
      serviceId: service.id,
      waiting: waiting.get(service.id) ?? 0,
      estimatedWaitSeconds:
        dueInTime === 0 ? first : estimateWaitSeconds(state, service.id, ahead + dueInTime),
    };
  });
}

export interface QueuePosition {
  peopleAhead: number;
  estimatedWaitSeconds: number | null;
}

/** Position of every waiting ticket in its own queue at `now`, in one sort per queue. */
export function queuePositions(state: OfficeState, now?: number): Map<string, QueuePosition> {
  const moment = callMoment(state, now);
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
    const ranks = new Map(queue.map((ticket) => [ticket, callRank(ticket, moment)]));
    queue.sort((a, b) => compareQueueOrder(a, b, moment));
    // The early arrivals are last, by slot time; the walk-ins' figures need their due times.
    const firstEarly = queue.findIndex((t) => ranks.get(t) === CALL_RANK.appointmentNotDue);
    const callable = firstEarly < 0 ? queue.length : firstEarly;
    const earlyDueAt = queue.slice(callable).map((t) => appointmentDueAt(t) ?? 0);
    const beforeWalkIns = queue.filter((t) => (ranks.get(t) ?? 0) < CALL_RANK.walkIn).length;
    queue.forEach((ticket, index) => {
      const position =
        index < callable
          ? callablePosition(state, ticket, ranks.get(ticket)!, index, earlyDueAt, now)
          : earlyPosition(state, ticket, beforeWalkIns + index - callable, now);
      positions.set(ticket.id, position);
    });
  }
  return positions;
}

/**
 * Position of one waiting ticket at `now`, run on every issue. A walk-in that has just
 * joined its queue is counted from the queue's census in O(its appointments); any
 * other ticket by reading them all (queuePositionByScan).
 */
export function queuePositionOf(state: OfficeState, ticket: Ticket, now?: number): QueuePosition {
  const moment = callMoment(state, now);
  const rank = callRank(ticket, moment);
  const census =
    rank === CALL_RANK.walkIn && ticket.status === "waiting" && !ticket.appointment
      ? queueCensus(state, queueKey(ticket))
      : undefined;
  if (!census || census.latestQueuedAt !== ticket.queuedAt)
    return queuePositionByScan(state, ticket, now);
  // Everyone waiting in the queue is ahead, but the early arrivals (not callable yet)
  // and the walk-ins that joined in the same millisecond and sort after it.
  let behind = 0;
  for (const other of census.latest) {
    if (
      other !== ticket &&
      state.tickets[other.id] === other &&
      other.status === "waiting" &&
      inSameQueue(other, ticket) &&
      callRank(other, moment) === CALL_RANK.walkIn &&
      orderWithinRank(other, ticket, rank) > 0
    )
      behind++;
  }
  const earlyDueAt: number[] = [];
  for (const other of census.appointments) {
    if (other !== ticket && callRank(other, moment) === CALL_RANK.appointmentNotDue)
      earlyDueAt.push(appointmentDueAt(other) ?? 0);
  }
  const ahead = census.waiting - 1 - earlyDueAt.length - behind;
  return callablePosition(state, ticket, rank, ahead, earlyDueAt, now);
}

/** Position of one waiting ticket at `now`, by reading every ticket once: O(tickets). */
export function queuePositionByScan(
  state: OfficeState,
  ticket: Ticket,
  now?: number,
): QueuePosition {
  const moment = callMoment(state, now);
  const rank = callRank(ticket, moment);
  let ahead = 0;
  const earlyDueAt: number[] = [];
  for (const other of ticketList(state)) {
    if (other.status !== "waiting" || other.id === ticket.id || !inSameQueue(other, ticket))
      continue;
    const otherRank = callRank(other, moment);
    // A walk-in's figure counts the early arrivals due before its turn (callablePosition).
    if (otherRank === CALL_RANK.appointmentNotDue && rank === CALL_RANK.walkIn)
      earlyDueAt.push(appointmentDueAt(other) ?? 0);
    const isAhead =
      otherRank < rank || (otherRank === rank && orderWithinRank(other, ticket, rank) < 0);
    // An early arrival waits for its slot: the walk-ins before it now will be called by then.
    if (isAhead && !(rank === CALL_RANK.appointmentNotDue && otherRank === CALL_RANK.walkIn))
      ahead++;
  }
  if (rank === CALL_RANK.appointmentNotDue) return earlyPosition(state, ticket, ahead, now);
  return callablePosition(state, ticket, rank, ahead, earlyDueAt, now);
}

/** A ticket call-next may reach now: a plain walk-in also counts the early arrivals due before its turn. */
function callablePosition(
  state: OfficeState,
  ticket: Ticket,
  rank: CallRank,
  callableAhead: number,
  earlyDueAt: readonly number[],
  now: number | undefined,
): QueuePosition {
  const first = estimateTicketWaitSeconds(state, ticket, callableAhead);
  if (rank !== CALL_RANK.walkIn || first === null || now === undefined) {
    return { peopleAhead: callableAhead, estimatedWaitSeconds: first };
  }
  let dueInTime = 0;
  for (const dueAt of earlyDueAt) if (dueAt <= now + first * 1000) dueInTime++;
  if (dueInTime === 0) return { peopleAhead: callableAhead, estimatedWaitSeconds: first };
  const peopleAhead = callableAhead + dueInTime;
  return {
    peopleAhead,
    estimatedWaitSeconds: estimateTicketWaitSeconds(state, ticket, peopleAhead),
  };
}

/** An appointment not due yet: no sooner than its slot, and after those ahead of it then. */
function earlyPosition(
  state: OfficeState,
  ticket: Ticket,
  peopleAhead: number,
  now: number | undefined,
): QueuePosition {
  const estimate = estimateTicketWaitSeconds(state, ticket, peopleAhead);
  const dueAt = appointmentDueAt(ticket);
  if (estimate === null || dueAt === null || now === undefined)
    return { peopleAhead, estimatedWaitSeconds: estimate };
  return {
    peopleAhead,
    estimatedWaitSeconds: Math.max(estimate, Math.round((dueAt - now) / 1000)),
  };
}
