import { summarizeServices } from "../../shared/engine/estimate";
import {
  callMoment,
  compareQueueOrder,
  isCallableBy,
  nextTicketFor,
} from "../../shared/engine/routing";
import type { CounterConfig, CounterMode } from "../../shared/protocol/config";
import type { OfficeState } from "../../shared/protocol/state";
import type { Ticket } from "../../shared/protocol/ticket";

/**
 * Pure views of the live office state from one counter's side: what it
 * holds, what it may do, and whom it could call. The console renders these
 * and nothing else, so two browsers on the same counter always agree.
 */
export interface CounterView {
  counter: CounterConfig;
  mode: CounterMode;
  /** The ticket called to or being served at this counter. */
  current: Ticket | null;
}

export function counterViewOf(state: OfficeState, counterId: string): CounterView | null {
  const counter = state.config.counters.find((c) => c.id === counterId);
  if (!counter) return null;
  const counterState = state.counters[counter.id];
  const ticketId = counterState?.ticketId ?? null;
  return {
    counter,
    mode: counterState?.mode ?? "closed",
    current: (ticketId && state.tickets[ticketId]) || null,
  };
}

export const ACTION_IDS = [
  "callNext",
  "recall",
  "start",
  "complete",
  "noShow",
  "transfer",
  "pause",
  "frontBack",
  "checkIn",
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/** Which actions make sense now. Mirrors the engine's rules so the clerk is not offered a refusal. */
export function availableActions(view: CounterView): Record<ActionId, boolean> {
  const result = {} as Record<ActionId, boolean>;
  for (const action of ACTION_IDS) result[action] = refusalFor(view, action) === null;
  return result;
}

/** The one action the clerk most likely wants now: it gets the filled button. */
export function primaryAction(view: CounterView): ActionId {
  if (view.mode === "paused" || view.mode === "closed") return "pause";
  if (view.mode === "back-office") return view.current ? "complete" : "frontBack";
  if (view.current?.status === "called") return "start";
  if (view.current?.status === "serving") return "complete";
  return "callNext";
}

export interface QueueGroup {
  /** "service:<id>" or "transferred": stable keys for rendering. */
  key: string;
  /** Null for the tickets transferred to this counter by name. */
  serviceId: string | null;
  /** Callable tickets in call-next order. */
  tickets: Ticket[];
  /** For someone taking a ticket now (null: no counter open, or not a service queue). */
  estimatedWaitSeconds: number | null;
}

export interface CounterQueue {
  groups: QueueGroup[];
  /** The ticket "call next" would call now (undefined: no one, or the counter is kept for an appointment). */
  next: Ticket | undefined;
  total: number;
}

/**
 * The tickets this counter could call, by queue: first those transferred to
 * it by name, then one group per service it serves, each in call-next order
 * at `now` (appointments not due yet last, as call-next skips them; without
 * `now`, every appointment counts as due).
 */
export function counterQueue(
  state: OfficeState,
  counter: CounterConfig,
  now?: number,
): CounterQueue {
  const moment = callMoment(state, now);
  const inCallOrder = (a: Ticket, b: Ticket) => compareQueueOrder(a, b, moment);
  const transferred: Ticket[] = [];
  const byService = new Map<string, Ticket[]>(counter.serviceIds.map((id) => [id, []]));
  for (const ticket of Object.values(state.tickets)) {
    if (!isCallableBy(ticket, counter)) continue;
    if (ticket.targetCounterId !== null) transferred.push(ticket);
    else byService.get(ticket.serviceId)?.push(ticket);
  }
  const estimates = new Map(
    summarizeServices(state, now).map((s) => [s.serviceId, s.estimatedWaitSeconds]),
  );
  const groups: QueueGroup[] = [];
  if (transferred.length > 0) {
    groups.push({
      key: "transferred",
      serviceId: null,
      tickets: transferred.sort(inCallOrder),
      estimatedWaitSeconds: null,
    });
  }
  for (const [serviceId, tickets] of byService) {
    groups.push({
      key: `service:${serviceId}`,
      serviceId,
      tickets: tickets.sort(inCallOrder),
      estimatedWaitSeconds: estimates.get(serviceId) ?? null,
    });
  }
  const total = groups.reduce((sum, group) => sum + group.tickets.length, 0);
  return { groups, next: nextTicketFor(state, counter, now), total };
}

export interface TransferTargets {
  services: { id: string; isCurrent: boolean }[];
  counters: { id: string; name: string; mode: CounterMode }[];
}

/** Where the current ticket may go: any service but its own, any counter but this one. */
export function transferTargets(state: OfficeState, view: CounterView): TransferTargets {
  const currentService = view.current?.serviceId;
  return {
    services: state.config.services.map((s) => ({ id: s.id, isCurrent: s.id === currentService })),
    counters: state.config.counters
      .filter((c) => c.id !== view.counter.id)
      .map((c) => ({ id: c.id, name: c.name, mode: state.counters[c.id]?.mode ?? "closed" })),
  };
}

/**
 * What a message on screen is about: the counter's mode, its ticket and that
 * ticket's status, whether anyone waits for it, whether the link is up. A
 * message shown in one situation goes when this changes: another
 * browser started the ticket, someone took a number, the connection came back.
 */
export function situationKey(view: CounterView, waiting: number, connected: boolean): string {
  return [
    view.mode,
    view.current?.id ?? "-",
    view.current?.status ?? "-",
    waiting > 0 ? "waiting" : "empty",
    connected ? "live" : "down",
  ].join("|");
}

/**
 * Why an action cannot be done now, as the API's error code (null: it can).
 * A shortcut pressed at the wrong moment explains itself instead of doing nothing.
 */
export function refusalFor(view: CounterView, action: ActionId | "callTicket"): string | null {
  const status = view.current?.status;
  switch (action) {
    case "callNext":
    case "callTicket":
      if (view.mode !== "front") return "counter_cannot_call";
      return status === "called" ? "counter_busy" : null;
    case "recall":
    case "start":
    case "noShow":
      if (!status) return "no_current_ticket";
      return status === "called" ? null : "ticket_not_called";
    case "complete":
    case "transfer":
      return status ? null : "no_current_ticket";
    case "pause":
    case "frontBack":
    // Checking someone in does not touch the counter's own ticket.
    case "checkIn":
      return null;
  }
}
