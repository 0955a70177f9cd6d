import {
  averageServiceSeconds,
  isOpen,
  type QueuePosition,
  queuePositionOf,
  summarizeServices,
} from "../../shared/engine";
import { ticketList } from "../../shared/engine/ticket-list";
import type { TicketView } from "../../shared/protocol/api";
import { publicTicket } from "../../shared/protocol/public";
import type { CounterView, OfficeView } from "../../shared/protocol/responses";
import type { OfficeState } from "../../shared/protocol/state";
import type { Ticket } from "../../shared/protocol/ticket";

/**
 * What `GET /api/offices/:office` answers, to anyone (and to a display that
 * polls): configuration and the live picture, with public tickets only
 * (shared/protocol/public.ts).
 */
export function officeView(
  officeId: string,
  state: OfficeState,
  seq: number,
  now: number,
): OfficeView {
  // At `now`: an appointment checked in early is not ahead of a walk-in taking a number now
  // unless it falls due before that walk-in's turn (shared/engine/estimate.ts).
  const summaries = new Map(summarizeServices(state, now).map((s) => [s.serviceId, s]));
  return {
    id: officeId,
    name: state.config.name,
    timeZone: state.config.timeZone,
    languages: state.config.languages,
    openingHours: state.config.openingHours,
    closedDates: state.config.closedDates,
    targetWaitMinutes: state.config.targetWaitMinutes,
    targetSharePercent: state.config.targetSharePercent,
    allowRemoteTickets: state.config.allowRemoteTickets,
    voice: state.config.voice,
    day: state.day,
    open: isOpen(state.config, now),
    seq,
    serverTime: now,
    services: state.config.services.map((service) => ({
      ...service,
      waiting: summaries.get(service.id)?.waiting ?? 0,
      estimatedWaitSeconds: summaries.get(service.id)?.estimatedWaitSeconds ?? null,
      averageServiceSeconds: Math.round(averageServiceSeconds(state, service.id)),
    })),
    counters: state.config.counters.map((counter) => {
      const view = counterView(state, counter.id);
      return { ...view, ticket: view.ticket && publicTicket(view.ticket) };
    }),
    // In order of arrival, not of calling: the calling order puts priority tickets first, and would tell.
    queue: ticketList(state)
      .filter((t) => t.status === "waiting")
      .sort(compareArrival)
      .map(publicTicket),
    recentCalls: state.recentCalls,
    closedForToday: state.closedForToday,
    notice: state.notice,
  };
}

function compareArrival(a: Ticket, b: Ticket): number {
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One counter with its ticket, for staff (counter answers); officeView gives the public one. */
export function counterView(state: OfficeState, counterId: string): CounterView {
  const counter = state.config.counters.find((c) => c.id === counterId);
  const live = state.counters[counterId];
  const ticket = live?.ticketId ? (state.tickets[live.ticketId] ?? null) : null;
  return {
    id: counterId,
    name: counter?.name ?? counterId,
    serviceIds: counter?.serviceIds ?? [],
    mode: live?.mode ?? "closed",
    ticket,
  };
}

/**
 * One ticket as its holder sees it at `now` (an early appointment ahead of a
 * walk-in only once it falls due before the walk-in's turn). `position` is
 * given for waiting tickets (null when it is not waiting), computed at `now` too.
 */
export function ticketView(
  state: OfficeState | null,
  ticket: Ticket,
  now: number,
  position?: QueuePosition | null,
): TicketView {
  const active = state?.tickets[ticket.id];
  const current = active ?? ticket;
  const waiting = current.status === "waiting" && state !== null;
  const where = waiting ? (position ?? queuePositionOf(state, current, now)) : null;
  const counterName = current.counterId
    ? (state?.config.counters.find((c) => c.id === current.counterId)?.name ?? current.counterId)
    : null;
  return {
    id: current.id,
    code: current.code,
    serviceId: current.serviceId,
    status: current.status,
    priority: current.priority,
    issuedAt: current.issuedAt,
    peopleAhead: where?.peopleAhead ?? null,
    estimatedWaitSeconds: where?.estimatedWaitSeconds ?? null,
    counterId: current.counterId,
    counterName,
    // The holder's own language, for their page only (never in public or display views).
    ...(current.lang ? { lang: current.lang } : {}),
  };
}
