import type { CounterConfig, OfficeConfig } from "../protocol/config";
import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { averageServiceSeconds } from "./service-time";
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
 * Look-ahead, so that an appointment is not left behind a walk-in who has
 * just sat down (issue 12). A counter calls a walk-in of step 4 only if the
 * checked-in appointments it may call that fall due after `now` and before
 * that walk-in is expected to be done (`now` + the average time of the
 * walk-in's service) are no more than the other counters free now (front
 * mode, no ticket) that may call one of them. Call-next calls the first
 * walk-in, in the order of step 4, that passes; when walk-ins wait and none
 * passes, the counter is kept for the appointment: call-next calls no one
 * (`kept_for_appointment`) until the appointment falls due or another
 * counter frees up, and the clerk may still call a chosen ticket. Steps 1–3
 * are never held back, so the starvation bound stands; only appointments
 * already checked in are looked ahead to (a holder who has not arrived is not
 * in the queue).
 *
 * Ties end on the ticket id, so the order never depends on chance. An
 * appointment's ticket keeps its appointment through transfers, so it stays
 * an appointment in the service it is sent to.
 *
 * A caller that gives no `now` (a display, which cannot tell appointments
 * from walk-ins, or code that does not track the time) gets the order at an
 * unknown moment: every appointment counts as due, no walk-in as past the
 * bound, and no counter is kept. The engine's own decisions always give
 * `now`, and so should anything that shows what call-next will do.
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
export function orderWithinRank(a: Ticket, b: Ticket, rank: CallRank): number {
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
 * The first callable ticket in call order at `now` across every service the
 * counter serves, skipping appointments not due yet (no look-ahead: see
 * callNextChoice). One pass, no sort: O(waiting tickets).
 */
export function firstInCallOrder(
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

/** What call-next does at a counter: call a ticket, keep the counter for an appointment, or find no one. */
export type CallNextChoice =
  | { kind: "call"; ticket: Ticket }
  /**
   * Walk-ins wait, but none may be called: `appointment` (for the first of
   * them, `walkIn`) falls due while it would be at the desk, with no other
   * free counter left for it.
   */
  | { kind: "keep"; appointment: Ticket; walkIn: Ticket }
  | { kind: "none" };

const NO_ONE: CallNextChoice = { kind: "none" };

/** Call-next at `now`: the call order with the look-ahead (see the top of this file). */
export function callNextChoice(
  state: OfficeState,
  counter: CounterConfig,
  now?: number,
): CallNextChoice {
  const first = firstInCallOrder(state, counter, now);
  if (!first) return NO_ONE;
  if (now === undefined || callRank(first, callMoment(state, now)) !== CALL_RANK.walkIn)
    return { kind: "call", ticket: first };
  const lookAhead = new LookAhead(state, counter, now);
  if (lookAhead.appointmentBefore(first) === undefined) return { kind: "call", ticket: first };
  // Steps 1–3 are empty: every callable ticket is a plain walk-in; try them in call order.
  const moment = callMoment(state, now);
  const walkIns = ticketList(state).filter(
    (t) => t !== first && isCallableBy(t, counter) && callRank(t, moment) === CALL_RANK.walkIn,
  );
  walkIns.sort((a, b) => orderWithinRank(a, b, CALL_RANK.walkIn));
  const allowed = walkIns.find((walkIn) => lookAhead.appointmentBefore(walkIn) === undefined);
  if (allowed) return { kind: "call", ticket: allowed };
  return { kind: "keep", appointment: lookAhead.appointmentBefore(first)!, walkIn: first };
}

/**
 * The look-ahead of one counter at `now`: the checked-in appointments it may
 * call that are not due yet, in slot order, and the other counters free now.
 */
class LookAhead {
  private readonly upcoming: Ticket[] = [];
  private readonly freeElsewhere: CounterConfig[] = [];

  constructor(
    private readonly state: OfficeState,
    counter: CounterConfig,
    private readonly now: number,
  ) {
    for (const ticket of ticketList(state)) {
      const dueAt = appointmentDueAt(ticket);
      if (dueAt !== null && dueAt > now && isCallableBy(ticket, counter))
        this.upcoming.push(ticket);
    }
    this.upcoming.sort((a, b) => orderWithinRank(a, b, CALL_RANK.appointmentNotDue));
    for (const other of state.config.counters) {
      const otherState = state.counters[other.id];
      if (other.id !== counter.id && otherState?.mode === "front" && otherState.ticketId === null)
        this.freeElsewhere.push(other);
    }
  }

  /**
   * The appointment that would be left without a counter if this one took
   * `walkIn` now (undefined: none). Those falling due before the walk-in is
   * expected to be done, in slot order, go one to each other free counter
   * that may call one of them; the first left over is returned.
   */
  appointmentBefore(walkIn: Ticket): Ticket | undefined {
    const doneAt = this.now + averageServiceSeconds(this.state, walkIn.serviceId) * 1000;
    const soon = this.upcoming.filter((t) => (appointmentDueAt(t) ?? 0) < doneAt);
    if (soon.length === 0) return undefined;
    const free = this.freeElsewhere.filter((c) => soon.some((t) => isCallableBy(t, c))).length;
    return soon[free];
  }
}

/** The ticket call-next calls at `now` (undefined: no one waiting, or the counter is kept for an appointment). */
export function nextTicketFor(
  state: OfficeState,
  counter: CounterConfig,
  now?: number,
): Ticket | undefined {
  const choice = callNextChoice(state, counter, now);
  return choice.kind === "call" ? choice.ticket : undefined;
}
