import { summarizeServices } from "../../shared/engine/estimate";
import type { OfficeConfig } from "../../shared/protocol/config";
import type { PublicOfficeState } from "../../shared/protocol/public";
import type { OfficeState } from "../../shared/protocol/state";

/**
 * What the screen shows, whichever way it arrived: folded from the live
 * socket (the public state: no one's priority, language or channel)
 * or read from GET /api/offices/{office} by the polling fallback (the office
 * view). One shape, one rendering.
 */
export interface DisplayService {
  id: string;
  prefix: string;
  names: Record<string, string>;
  open: boolean;
  waiting: number;
  /** null: no counter open for it, so no estimate. */
  estimatedWaitSeconds: number | null;
  /** A supervisor ended its tickets for the rest of the day: those already waiting are still served. */
  finishedToday: boolean;
}

export interface DisplayCall {
  ticketId: string;
  code: string;
  counterId: string;
  counterName: string;
  /** Server time of the call (or of the latest recall). */
  at: number;
  recalls: number;
  /**
   * The ticket is still at its counter (called or being served). A no-show, a
   * cancelled ticket, one that expired with its day, or one served and closed
   * is history: it stays in the recent calls, never as "Now calling".
   */
  active: boolean;
}

export interface DisplayData {
  officeName: string;
  timeZone: string;
  languages: string[];
  openingHours: OfficeConfig["openingHours"];
  closedDates: string[];
  /** Walk-in services only: appointment-only ones have no queue in the room. */
  services: DisplayService[];
  counters: { id: string; name: string }[];
  /** Newest first; the first is the latest call. */
  calls: DisplayCall[];
  /** A supervisor's message for the room (null: none). */
  notice: string | null;
}

/** A call's identity for announcing: a recall is a new announcement of the same ticket. */
export const callKey = (call: DisplayCall) => `${call.ticketId}#${call.recalls}`;

export function fromOfficeState(state: PublicOfficeState): DisplayData {
  const { config } = state;
  const summaries: Record<string, { waiting: number; estimatedWaitSeconds: number | null }> = {};
  // The counts and waits read only public fields (tests/display/display-data.test.ts checks that
  // they come out the same from the full state); the engine's types name the whole state.
  summarizeServices(state as OfficeState).forEach((summary) => {
    summaries[summary.serviceId] = summary;
  });
  return {
    officeName: config.name,
    timeZone: config.timeZone,
    languages: config.languages,
    openingHours: config.openingHours,
    closedDates: config.closedDates,
    services: config.services
      // Mixed services take walk-ins too; only appointment-only ones have no queue to show.
      .filter((service) => service.mode !== "appointment")
      .map((service) => ({
        id: service.id,
        prefix: service.prefix,
        names: service.names,
        open: service.open,
        waiting: summaries[service.id]?.waiting ?? 0,
        estimatedWaitSeconds: summaries[service.id]?.estimatedWaitSeconds ?? null,
        finishedToday: state.closedForToday.indexOf(service.id) >= 0,
      })),
    counters: config.counters.map((counter) => ({ id: counter.id, name: counter.name })),
    calls: callsOf(state),
    notice: state.notice ? state.notice.text : null,
  };
}

/** The recent calls of a state, newest first, each with its counter's name. */
export function callsOf(state: PublicOfficeState): DisplayCall[] {
  return state.recentCalls.map((call) => {
    const ticket = state.tickets[call.ticketId];
    return {
      ticketId: call.ticketId,
      code: call.code,
      counterId: call.counterId,
      counterName: counterName(state.config.counters, call.counterId),
      at: call.at,
      recalls: call.recalls,
      active: !!ticket && (ticket.status === "called" || ticket.status === "serving"),
    };
  });
}

/** The call shown large as "Now calling": the latest, while its ticket is still at its counter. */
export function nowCalling(data: DisplayData | null): DisplayCall | null {
  const latest = data?.calls[0];
  return latest?.active ? latest : null;
}

/** The calls listed under "Recent calls": every call but the one shown large. */
export function earlierCalls(data: DisplayData | null): DisplayCall[] {
  if (!data) return [];
  return nowCalling(data) ? data.calls.slice(1) : data.calls;
}

/**
 * Reads the JSON of GET /api/offices/{office} (worker/office/views.ts), checking
 * each field it uses; null when the answer is not an office view. A view without
 * `closedForToday` or `notice` keeps what `previous` (the screen so far) showed.
 */
export function fromOfficeView(view: unknown, previous?: DisplayData | null): DisplayData | null {
  if (!isObject(view) || typeof view.name !== "string" || typeof view.timeZone !== "string")
    return null;
  if (!isStringArray(view.languages) || view.languages.length === 0 || !isObject(view.openingHours))
    return null;
  if (
    !Array.isArray(view.services) ||
    !Array.isArray(view.counters) ||
    !Array.isArray(view.recentCalls)
  ) {
    return null;
  }
  const counters = view.counters.filter(
    (c): c is { id: string; name: string } =>
      isObject(c) && typeof c.id === "string" && typeof c.name === "string",
  );
  // The tickets at the counters (called or being served): the calls still current.
  const atCounters: string[] = [];
  view.counters.forEach((c: unknown) => {
    if (isObject(c) && isObject(c.ticket) && typeof c.ticket.id === "string")
      atCounters.push(c.ticket.id);
  });
  const finished = isStringArray(view.closedForToday)
    ? view.closedForToday
    : previous
      ? previous.services.filter((s) => s.finishedToday).map((s) => s.id)
      : [];
  const notice =
    view.notice === undefined
      ? previous
        ? previous.notice
        : null
      : isObject(view.notice) && typeof view.notice.text === "string"
        ? view.notice.text
        : null;
  const services: DisplayService[] = [];
  view.services.forEach((s: unknown) => {
    if (!isObject(s) || typeof s.id !== "string" || !isObject(s.names) || s.mode === "appointment")
      return;
    services.push({
      id: s.id,
      prefix: typeof s.prefix === "string" ? s.prefix : "",
      names: s.names as Record<string, string>,
      open: s.open !== false,
      waiting: typeof s.waiting === "number" ? s.waiting : 0,
      estimatedWaitSeconds:
        typeof s.estimatedWaitSeconds === "number" ? s.estimatedWaitSeconds : null,
      finishedToday: finished.indexOf(s.id) >= 0,
    });
  });
  const calls: DisplayCall[] = [];
  view.recentCalls.forEach((c: unknown) => {
    if (!isObject(c) || typeof c.ticketId !== "string" || typeof c.code !== "string") return;
    if (typeof c.counterId !== "string" || typeof c.at !== "number") return;
    calls.push({
      ticketId: c.ticketId,
      code: c.code,
      counterId: c.counterId,
      counterName: counterName(counters, c.counterId),
      at: c.at,
      recalls: typeof c.recalls === "number" ? c.recalls : 0,
      active: atCounters.indexOf(c.ticketId) >= 0,
    });
  });
  return {
    officeName: view.name,
    timeZone: view.timeZone,
    languages: view.languages,
    openingHours: view.openingHours as OfficeConfig["openingHours"],
    closedDates: isStringArray(view.closedDates) ? view.closedDates : [],
    services,
    counters: counters.map((counter) => ({ id: counter.id, name: counter.name })),
    calls,
    notice,
  };
}

function counterName(counters: readonly { id: string; name: string }[], counterId: string): string {
  const counter = counters.filter((c) => c.id === counterId)[0];
  return counter ? counter.name : counterId;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
