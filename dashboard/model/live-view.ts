import { openCountersFor, summarizeServices } from "../../shared/engine/estimate";
import { waitStartOf } from "../../shared/engine/routing";
import { ticketList } from "../../shared/engine/ticket-list";
import type { CounterMode, ServiceConfig } from "../../shared/protocol/config";
import type { TodayFigures } from "../../shared/protocol/responses";
import type { OfficeState } from "../../shared/protocol/state";
import type { TicketStatus } from "../../shared/protocol/ticket";
import type { ServiceToday } from "./today";

/**
 * What the live view shows, derived from the shared live state (and today's
 * figures from the server): one row per service, one per counter. Pure, so
 * it is tested without a browser; the timers tick in the view from `now`.
 */

/** Whether the kiosk issues this service's tickets now: set up as closed, ended for today, or open. */
export type Issuing = "open" | "closed-today" | "closed";

export interface ServiceRow {
  serviceId: string;
  name: string;
  prefix: string;
  mode: ServiceConfig["mode"];
  waiting: number;
  /** When the longest wait began: its issue time, or an appointment's due time (null: no one waiting). */
  oldestIssuedAt: number | null;
  /** The engine's estimate for someone taking a ticket now (null: no desk open). */
  estimatedWaitSeconds: number | null;
  openCounters: number;
  issuing: Issuing;
  overTarget: boolean;
  today: ServiceToday | null;
}

export interface CounterRow {
  counterId: string;
  name: string;
  mode: CounterMode;
  defaultMode: CounterMode;
  serviceIds: readonly string[];
  ticket: {
    code: string;
    status: TicketStatus;
    serviceId: string;
    calledAt: number | null;
    startedAt: number | null;
    /** An appointment's slot start (epoch ms), or null for a walk-in. */
    appointmentAt: number | null;
  } | null;
  clerkName: string | null;
}

/** A service's name in the reader's language, else the office's own, else its id. */
export function serviceName(state: OfficeState, serviceId: string, lang: string): string {
  const service = state.config.services.find((s) => s.id === serviceId);
  if (!service) return serviceId;
  return service.names[lang] ?? service.names[state.config.languages[0] ?? ""] ?? serviceId;
}

export function counterName(state: OfficeState, counterId: string): string {
  return state.config.counters.find((c) => c.id === counterId)?.name ?? counterId;
}

/** Over the office's target: an estimate past it, or people waiting with no desk open at all. */
export function isOverTarget(
  waiting: number,
  estimatedWaitSeconds: number | null,
  targetWaitMinutes: number,
): boolean {
  if (waiting === 0) return false;
  if (estimatedWaitSeconds === null) return true;
  return estimatedWaitSeconds > targetWaitMinutes * 60;
}

export function issuingOf(state: OfficeState, service: ServiceConfig): Issuing {
  if (!service.open) return "closed";
  return state.closedForToday.includes(service.id) ? "closed-today" : "open";
}

export function serviceRows(
  state: OfficeState,
  lang: string,
  today: TodayFigures | null,
  now?: number,
): ServiceRow[] {
  const summaries = new Map(summarizeServices(state, now).map((s) => [s.serviceId, s]));
  const oldest = new Map<string, number>();
  for (const ticket of ticketList(state)) {
    if (ticket.status !== "waiting") continue;
    // An appointment checked in early has not been kept waiting before it was due.
    const since = waitStartOf(ticket);
    const known = oldest.get(ticket.serviceId);
    if (known === undefined || since < known) oldest.set(ticket.serviceId, since);
  }
  return state.config.services.map((service) => {
    const summary = summaries.get(service.id);
    const waiting = summary?.waiting ?? 0;
    const estimate = summary?.estimatedWaitSeconds ?? null;
    return {
      serviceId: service.id,
      name: serviceName(state, service.id, lang),
      prefix: service.prefix,
      mode: service.mode,
      waiting,
      oldestIssuedAt: oldest.get(service.id) ?? null,
      estimatedWaitSeconds: estimate,
      openCounters: openCountersFor(state, service.id),
      issuing: issuingOf(state, service),
      overTarget: isOverTarget(waiting, estimate, state.config.targetWaitMinutes),
      today: today?.services[service.id] ?? null,
    };
  });
}

/** How long the longest waiting person of a service has waited, or null when no one waits. */
export function longestWaitMs(row: ServiceRow, now: number): number | null {
  return row.oldestIssuedAt === null ? null : Math.max(0, now - row.oldestIssuedAt);
}

export function counterRows(state: OfficeState, today: TodayFigures | null): CounterRow[] {
  return state.config.counters.map((counter) => {
    const live = state.counters[counter.id];
    const ticket = live?.ticketId ? state.tickets[live.ticketId] : undefined;
    return {
      counterId: counter.id,
      name: counter.name,
      mode: live?.mode ?? "closed",
      defaultMode: counter.defaultMode,
      serviceIds: counter.serviceIds,
      ticket: ticket
        ? {
            code: ticket.code,
            status: ticket.status,
            serviceId: ticket.serviceId,
            calledAt: ticket.calledAt,
            startedAt: ticket.startedAt,
            appointmentAt: ticket.appointment?.slotStart ?? null,
          }
        : null,
      clerkName: today?.counters[counter.id]?.clerkName ?? null,
    };
  });
}

/** The counter's running timer: time in service once started, else time since the call. */
export function counterTimer(
  row: CounterRow,
  now: number,
): { kind: "called" | "serving"; ms: number } | null {
  const ticket = row.ticket;
  if (!ticket) return null;
  if (ticket.status === "serving" && ticket.startedAt !== null)
    return { kind: "serving", ms: Math.max(0, now - ticket.startedAt) };
  if (ticket.calledAt !== null) return { kind: "called", ms: Math.max(0, now - ticket.calledAt) };
  return null;
}

/** People waiting in the whole office (transferred tickets included). */
export function waitingTotal(state: OfficeState): number {
  let waiting = 0;
  for (const ticket of ticketList(state)) if (ticket.status === "waiting") waiting++;
  return waiting;
}
