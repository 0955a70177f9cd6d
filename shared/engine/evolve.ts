import { assertNever } from "../assert-never";
import type { EventOf, OfficeEvent } from "../protocol/events";
import type { OfficeState, RecentCall } from "../protocol/state";
import { localDay } from "./clock";
import { parseTicketCode } from "./codes";
import { joinQueue, leaveQueue } from "./queue-census";
import { addToTicketList, removeFromTicketList } from "./ticket-list";

export const RECENT_CALLS_KEPT = 10;
/** Weight of the newest completed ticket in a service's moving-average time. */
export const SERVICE_TIME_SMOOTHING = 0.2;
/** Service times outside this range are mistakes (a forgotten "complete"), not history. */
export const SERVICE_SECONDS_RANGE = { min: 30, max: 2 * 60 * 60 } as const;

/**
 * Folds one event into the state and returns it. The state passed in is
 * updated in place (queues can hold thousands of tickets; copying them on
 * every event would be the slowest thing the server does). Server and
 * clients run this same function, so they always agree.
 */
export function evolve(state: OfficeState | null, event: OfficeEvent): OfficeState {
  if (event.type === "officeConfigured") return configure(state, event);
  if (!state) throw new Error(`event ${event.type} before the office was configured`);
  switch (event.type) {
    case "ticketIssued": {
      const { prefix, number } = parseTicketCode(event.ticket.code);
      const ticket = { ...event.ticket };
      state.tickets[ticket.id] = ticket;
      addToTicketList(state, ticket);
      joinQueue(state, ticket);
      state.lastNumbers[prefix] = Math.max(state.lastNumbers[prefix] ?? 0, number);
      return state;
    }
    case "ticketCalled": {
      const ticket = state.tickets[event.ticketId];
      if (!ticket) return state;
      leaveQueue(state, ticket);
      Object.assign(ticket, {
        status: "called",
        counterId: event.counterId,
        calledAt: event.at,
        startedAt: null,
        targetCounterId: null,
      });
      holdTicket(state, event.counterId, ticket.id);
      pushRecentCall(state, {
        ticketId: ticket.id,
        code: ticket.code,
        serviceId: ticket.serviceId,
        counterId: event.counterId,
        at: event.at,
        recalls: 0,
      });
      return state;
    }
    case "ticketRecalled": {
      const ticket = state.tickets[event.ticketId];
      if (!ticket) return state;
      ticket.recalls += 1;
      pushRecentCall(state, {
        ticketId: ticket.id,
        code: ticket.code,
        serviceId: ticket.serviceId,
        counterId: event.counterId,
        at: event.at,
        recalls: ticket.recalls,
      });
      return state;
    }
    case "serviceStarted": {
      const ticket = state.tickets[event.ticketId];
      if (ticket) Object.assign(ticket, { status: "serving", startedAt: event.at });
      return state;
    }
    case "ticketCompleted": {
      const ticket = state.tickets[event.ticketId];
      if (ticket) recordServiceTime(state, ticket.serviceId, event.serviceSeconds);
      return finish(state, event.ticketId);
    }
    case "ticketNoShow":
    case "ticketCancelled":
      return finish(state, event.ticketId);
    case "ticketTransferred": {
      const ticket = state.tickets[event.ticketId];
      if (!ticket) return state;
      releaseCounterOf(state, ticket.id);
      leaveQueue(state, ticket);
      Object.assign(ticket, {
        status: "waiting",
        serviceId: event.toServiceId,
        targetCounterId: event.toCounterId,
        counterId: null,
        calledAt: null,
        startedAt: null,
        transfers: ticket.transfers + 1,
      });
      joinQueue(state, ticket);
      return state;
    }
    case "counterModeChanged": {
      const counter = state.counters[event.counterId];
      if (counter) counter.mode = event.mode;
      return state;
    }
    case "dayRolledOver": {
      for (const ticketId of event.expiredTicketIds) finish(state, ticketId);
      state.day = event.toDay;
      state.lastNumbers = {};
      state.recentCalls = [];
      state.closedForToday = [];
      return state;
    }
    case "serviceTodayChanged": {
      const others = state.closedForToday.filter((id) => id !== event.serviceId);
      state.closedForToday = event.open ? others : [...others, event.serviceId];
      return state;
    }
    case "noticeChanged":
      state.notice = event.notice;
      return state;
    default:
      return assertNever(event);
  }
}

function configure(state: OfficeState | null, event: EventOf<"officeConfigured">): OfficeState {
  const { config } = event;
  const next: OfficeState = state ?? {
    config,
    day: localDay(event.at, config.timeZone),
    lastNumbers: {},
    tickets: {},
    counters: {},
    timings: {},
    recentCalls: [],
    closedForToday: [],
    notice: null,
  };
  next.config = config;
  const counters: OfficeState["counters"] = {};
  for (const counter of config.counters) {
    counters[counter.id] = next.counters[counter.id] ?? {
      mode: counter.defaultMode,
      ticketId: null,
    };
  }
  next.counters = counters;
  const serviceIds = new Set(config.services.map((s) => s.id));
  for (const serviceId of Object.keys(next.timings)) {
    if (!serviceIds.has(serviceId)) delete next.timings[serviceId];
  }
  return next;
}

function holdTicket(state: OfficeState, counterId: string, ticketId: string) {
  const counter = state.counters[counterId];
  if (counter) counter.ticketId = ticketId;
}

function releaseCounterOf(state: OfficeState, ticketId: string) {
  for (const counter of Object.values(state.counters)) {
    if (counter.ticketId === ticketId) counter.ticketId = null;
  }
}

/** A ticket that reached a terminal state leaves the live state (storage keeps it). */
function finish(state: OfficeState, ticketId: string): OfficeState {
  releaseCounterOf(state, ticketId);
  const ticket = state.tickets[ticketId];
  if (!ticket) return state;
  leaveQueue(state, ticket);
  delete state.tickets[ticketId];
  removeFromTicketList(state, ticketId);
  return state;
}

function pushRecentCall(state: OfficeState, call: RecentCall) {
  state.recentCalls = [
    call,
    ...state.recentCalls.filter((c) => c.ticketId !== call.ticketId),
  ].slice(0, RECENT_CALLS_KEPT);
}

function recordServiceTime(state: OfficeState, serviceId: string, seconds: number) {
  const sample = Math.min(SERVICE_SECONDS_RANGE.max, Math.max(SERVICE_SECONDS_RANGE.min, seconds));
  const service = state.config.services.find((s) => s.id === serviceId);
  const previous = state.timings[serviceId];
  const average =
    previous && previous.samples > 0
      ? previous.averageSeconds
      : (service?.defaultServiceMinutes ?? 10) * 60;
  state.timings[serviceId] = {
    averageSeconds: average + SERVICE_TIME_SMOOTHING * (sample - average),
    samples: (previous?.samples ?? 0) + 1,
  };
}
