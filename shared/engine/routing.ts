import type { CounterConfig, OfficeConfig } from "../protocol/config";
import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { ticketList } from "./ticket-list";

/*
 * The call order, the one rule every counter follows when it calls next.
 * Among the waiting tickets a counter may call (its services, or transferred
 * to it by name), at the moment `now`:
 *
 *   1. priority tickets (people with disabilities, pregnant women), by issue time;
 *   2. walk-ins that have waited more than twice the office's target wait, by
 *      issue time: appointments never starve the people without one;
 *   3. due appointments, by slot time (then by check-in time): an appointment
 *      is due from APPOINTMENT_CALLABLE_EARLY_MS before its slot starts;
 *   4. walk-ins, by original issue time (kept through transfers);
 *   5. appointments not due yet wait: call-next skips them, though a clerk may
 *      still call one out of order (callTicket).
 *
 * Ties end on the ticket id, so the order never depends on chance. An
 * appointment's ticket keeps its appointment through transfers, so it stays
 * an appointment in the service it is sent to.
 *
 * A caller that gives no `now` (a display, which cannot tell appointments
 * from walk-ins, or code that does not track the time) gets the order at an
 * unknown moment: every appointment counts as due and no walk-in as past the
 * bound. The engine's own decisions always give `now`.
 */

/** An appointment's ticket may be called this long before its slot starts. */
export const APPOINTMENT_CALLABLE_EARLY_MS = 2 * 60 * 1000;

/** A walk-in waiting longer than this many times the office's target wait goes before due appointments. */
export const STARVATION_TARGET_MULTIPLE = 2;

/** The steps of the call order, lowest first. */
export const CALL_RANK = {
  priority: 0,
  overdueWalkIn: 1,
  dueAppointment: 2,
  walkIn: 3,
  /** Not callable by call-next yet; last in any list, by slot time. */
  appointmentNotDue: 4,
} as const;
export type CallRank = (typeof CALL_RANK)[keyof typeof CALL_RANK];

/** When the order is taken, and the office's starvation bound. */
export interface CallMoment {
  now: number | undefined;
  starvedAfterMs: number;
}

/** How long a walk-in waits before due appointments stop going first. */
export function starvationBoundMs(config: Pick<OfficeConfig, "targetWaitMinutes">): number {
  return STARVATION_TARGET_MULTIPLE * config.targetWaitMinutes * 60 * 1000;
}

export function callMoment(state: OfficeState, now?: number): CallMoment {
  return { now, starvedAfterMs: starvationBoundMs(state.config) };
}

const UNKNOWN_MOMENT: CallMoment = { now: undefined, starvedAfterMs: Number.POSITIVE_INFINITY };

/** When an appointment's ticket becomes callable by call-next (null for a walk-in). */
export function appointmentDueAt(ticket: Ticket): number | null {
  return ticket.appointment ? ticket.appointment.slotStart - APPOINTMENT_CALLABLE_EARLY_MS : null;
}

/**
 * When a ticket's wait counts from: its issue time, or for an appointment the
 * moment it became callable. An early arrival's time before then is their
 * own choice, not the office's delay.
 */
export function waitStartOf(ticket: Ticket): number {
  const dueAt = appointmentDueAt(ticket);
  return dueAt === null ? ticket.queuedAt : Math.max(ticket.queuedAt, dueAt);
}

/** A waiting ticket's step in the call order at `moment`. */
export function callRank(ticket: Ticket, moment: CallMoment = UNKNOWN_MOMENT): CallRank {
  const { now } = moment;
  const dueAt = appointmentDueAt(ticket);
  if (dueAt !== null && now !== undefined && dueAt > now) return CALL_RANK.appointmentNotDue;
  if (ticket.priority) return CALL_RANK.priority;
  if (dueAt !== null) return CALL_RANK.dueAppointment;
  if (now !== undefined && now - ticket.queuedAt > moment.starvedAfterMs)
    return CALL_RANK.overdueWalkIn;
  return CALL_RANK.walkIn;
}

/** Within one step: appointments by slot time, everyone else by original issue time. */
function orderWithinRank(a: Ticket, b: Ticket, rank: CallRank): number {
  if (rank === CALL_RANK.dueAppointment || rank === CALL_RANK.appointmentNotDue) {
    const bySlot = (a.appointment?.slotStart ?? 0) - (b.appointment?.slotStart ?? 0);
    if (bySlot !== 0) return bySlot;
  }
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Two waiting tickets in call order at `moment` (default: an unknown moment, see above). */
export function compareQueueOrder(
  a: Ticket,
  b: Ticket,
  moment: CallMoment = UNKNOWN_MOMENT,
): number {
  const rankA = callRank(a, moment);
  const rankB = callRank(b, moment);
  if (rankA !== rankB) return rankA - rankB;
  return orderWithinRank(a, b, rankA);
}

/** A waiting ticket that this counter may call: one of its services, or transferred to it by name. */
export function isCallableBy(ticket: Ticket, counter: CounterConfig): boolean {
  if (ticket.status !== "waiting") return false;
  if (ticket.targetCounterId !== null) return ticket.targetCounterId === counter.id;
  return counter.serviceIds.includes(ticket.serviceId);
}

/**
 * Call-next routing across every service the counter serves: the first
 * callable ticket in call order at `now`, skipping appointments not due yet.
 * One pass, no sort: O(waiting tickets).
 */
export function nextTicketFor(
  state: OfficeState,
  counter: CounterConfig,
  now?: number,
): Ticket | undefined {
  const moment = callMoment(state, now);
  let best: Ticket | undefined;
  let bestRank: CallRank = CALL_RANK.appointmentNotDue;
  for (const ticket of ticketList(state)) {
    if (!isCallableBy(ticket, counter)) continue;
    const rank = callRank(ticket, moment);
    if (rank === CALL_RANK.appointmentNotDue) continue;
    if (
      !best ||
      rank < bestRank ||
      (rank === bestRank && orderWithinRank(ticket, best, rank) < 0)
    ) {
      best = ticket;
      bestRank = rank;
    }
  }
  return best;
}
