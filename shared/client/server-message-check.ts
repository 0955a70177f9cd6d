import type { OfficeEvent, OfficeEventType } from "../protocol/events";
import type { ServerMessage } from "../protocol/wire";

/**
 * A hand-written check of server frames for clients that cannot carry zod
 * (the ES5 display: zod with the protocol schemas is ~98 KB gzipped against
 * a 25 KB budget, and uses globalThis, which Chromium 47 lacks). It checks
 * the structure every field the client reads depends on, so a malformed or
 * foreign frame is dropped instead of breaking the fold; the server itself
 * still validates everything with the zod schemas. Returns null to drop.
 */
export function checkServerMessage(text: string): ServerMessage | null {
  const message: unknown = JSON.parse(text);
  if (!isObject(message)) return null;
  switch (message.type) {
    case "snapshot":
      if (!isInt(message.seq) || !isNumber(message.serverTime) || !isOfficeState(message.state))
        return null;
      // The defaults zod would fill (OfficeState): a server from before these fields still folds.
      if (message.state.closedForToday === undefined) message.state.closedForToday = [];
      if (message.state.notice === undefined) message.state.notice = null;
      return message as ServerMessage;
    case "events":
      return isInt(message.seq) &&
        Array.isArray(message.events) &&
        message.events.length > 0 &&
        message.events.every(isOfficeEvent)
        ? (message as ServerMessage)
        : null;
    case "ticket":
      return isObject(message.ticket) && isString(message.ticket.code)
        ? (message as ServerMessage)
        : null;
    case "result":
      return isString(message.requestId) && isInt(message.status)
        ? (message as ServerMessage)
        : null;
    case "error":
      return isObject(message.error) && isString(message.error.code)
        ? (message as ServerMessage)
        : null;
    case "incompatible":
      return Array.isArray(message.supported) ? (message as ServerMessage) : null;
    default:
      return null;
  }
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
const isInt = (value: unknown): value is number => isNumber(value) && Math.floor(value) === value;
const isArrayOf = (value: unknown, item: (entry: unknown) => boolean): boolean =>
  Array.isArray(value) && value.every(item);
const isRecordOf = (value: unknown, item: (entry: unknown) => boolean): boolean =>
  isObject(value) && Object.keys(value).every((key) => item(value[key]));

function isConfig(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.name) &&
    isString(value.timeZone) &&
    isArrayOf(value.languages, isString) &&
    (value.languages as unknown[]).length > 0 &&
    isObject(value.openingHours) &&
    isArrayOf(value.closedDates, isString) &&
    // The display clamps each voice field itself; a server from before `voice` sends none.
    (value.voice === undefined || isObject(value.voice)) &&
    isArrayOf(
      value.services,
      (s) => isObject(s) && isString(s.id) && isString(s.prefix) && isObject(s.names),
    ) &&
    isArrayOf(
      value.counters,
      (c) => isObject(c) && isString(c.id) && isString(c.name) && Array.isArray(c.serviceIds),
    )
  );
}

function isTicket(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.code) &&
    isString(value.serviceId) &&
    isString(value.status) &&
    isNumber(value.queuedAt) &&
    isInt(value.recalls)
  );
}

function isRecentCall(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.ticketId) &&
    isString(value.code) &&
    isString(value.counterId) &&
    isNumber(value.at) &&
    isInt(value.recalls)
  );
}

const isNotice = (value: unknown): boolean =>
  isObject(value) && isString(value.text) && isNumber(value.at);

function isOfficeState(value: unknown): value is Fields {
  return (
    isObject(value) &&
    isConfig(value.config) &&
    isString(value.day) &&
    isObject(value.lastNumbers) &&
    isRecordOf(value.tickets, isTicket) &&
    isRecordOf(value.counters, (c) => isObject(c) && isString(c.mode)) &&
    isObject(value.timings) &&
    isArrayOf(value.recentCalls, isRecentCall) &&
    (value.closedForToday === undefined || isArrayOf(value.closedForToday, isString)) &&
    (value.notice === undefined || value.notice === null || isNotice(value.notice))
  );
}

const hasTicketAndCounter = (e: Fields) => isString(e.ticketId) && isString(e.counterId);

/** What `evolve` reads from each event; listing every type makes a new event fail to compile here until it is checked. */
const EVENT_CHECKS: Record<OfficeEventType, (event: Fields) => boolean> = {
  officeConfigured: (e) => isConfig(e.config),
  ticketIssued: (e) => isTicket(e.ticket),
  ticketCalled: hasTicketAndCounter,
  ticketRecalled: hasTicketAndCounter,
  serviceStarted: hasTicketAndCounter,
  ticketCompleted: (e) => hasTicketAndCounter(e) && isNumber(e.serviceSeconds),
  ticketNoShow: hasTicketAndCounter,
  serviceTodayChanged: (e) => isString(e.serviceId) && typeof e.open === "boolean",
  noticeChanged: (e) => e.notice === null || isNotice(e.notice),
  ticketTransferred: (e) => isString(e.ticketId) && isString(e.toServiceId),
  ticketCancelled: (e) => isString(e.ticketId),
  counterModeChanged: (e) => isString(e.counterId) && isString(e.mode),
  dayRolledOver: (e) => isString(e.toDay) && isArrayOf(e.expiredTicketIds, isString),
};

const EVENT_TYPES = Object.keys(EVENT_CHECKS);

function isOfficeEvent(value: unknown): value is OfficeEvent {
  if (!isObject(value) || !isNumber(value.at) || !isString(value.type)) return false;
  // A list lookup, not `in` or Object.hasOwn (Chromium 93): "constructor" must not pass as an event type.
  if (EVENT_TYPES.indexOf(value.type) < 0) return false;
  return EVENT_CHECKS[value.type as OfficeEventType](value);
}
