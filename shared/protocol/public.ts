import * as z from "zod/mini";
import type { EventOf, OfficeEvent, OfficeEventType } from "./events";
import {
  CounterModeChanged,
  DayRolledOver,
  NoticeChanged,
  OfficeConfigured,
  ServiceStarted,
  ServiceTodayChanged,
  TicketCalled,
  TicketCancelled,
  TicketCompleted,
  TicketNoShow,
  TicketRecalled,
  TicketTransferred,
} from "./events";
import { OfficeState } from "./state";
import { Ticket, TicketId } from "./ticket";

/**
 * What the waiting room may see (issue 9): codes, counters, counts and waits,
 * never who a ticket is for. A ticket's priority flag (disability,
 * pregnancy: health data), its language and how it was taken stay with
 * staff; its tracking token never leaves the office at all. Displays (their
 * socket and the polling view) and the anonymous GET /api/offices/{office}
 * carry these shapes only.
 *
 * The fields are listed, not the personal ones left out: a field added to
 * Ticket stays private until someone adds it here on purpose.
 */
export const PublicTicket = z.pick(Ticket, {
  id: true,
  code: true,
  serviceId: true,
  status: true,
  issuedAt: true,
  queuedAt: true,
  targetCounterId: true,
  counterId: true,
  calledAt: true,
  startedAt: true,
  recalls: true,
  transfers: true,
});
export type PublicTicket = z.infer<typeof PublicTicket>;

/**
 * The office's live state as a display receives it. The waiting counts and
 * estimated waits (summarizeServices, given no moment) read only these
 * fields: the queue order's priority rule does not change how many wait or
 * how long, and an appointment's ticket counts like anyone else's (it is
 * not listed above: a display shows it as any other ticket).
 */
export const PublicOfficeState = z.extend(OfficeState, {
  tickets: z.record(TicketId, PublicTicket),
});
export type PublicOfficeState = z.infer<typeof PublicOfficeState>;

export const PublicTicketIssued = z.object({
  type: z.literal("ticketIssued"),
  at: z.number(),
  ticket: PublicTicket,
});

/** The events as a display receives them: only ticketIssued carries a ticket, and it is the public one. */
export const PublicOfficeEvent = z.discriminatedUnion("type", [
  OfficeConfigured,
  PublicTicketIssued,
  TicketCalled,
  TicketRecalled,
  ServiceStarted,
  TicketCompleted,
  TicketNoShow,
  TicketTransferred,
  TicketCancelled,
  CounterModeChanged,
  DayRolledOver,
  ServiceTodayChanged,
  NoticeChanged,
]);
export type PublicOfficeEvent = z.infer<typeof PublicOfficeEvent>;

export function publicTicket(ticket: Ticket): PublicTicket {
  return {
    id: ticket.id,
    code: ticket.code,
    serviceId: ticket.serviceId,
    status: ticket.status,
    issuedAt: ticket.issuedAt,
    queuedAt: ticket.queuedAt,
    targetCounterId: ticket.targetCounterId,
    counterId: ticket.counterId,
    calledAt: ticket.calledAt,
    startedAt: ticket.startedAt,
    recalls: ticket.recalls,
    transfers: ticket.transfers,
  };
}

/** O(tickets): the office serialises it once per sequence number, like the full snapshot. */
export function publicOfficeState(state: OfficeState): PublicOfficeState {
  const tickets: PublicOfficeState["tickets"] = {};
  for (const id in state.tickets) tickets[id] = publicTicket(state.tickets[id]!);
  return { ...state, tickets };
}

const same = <E>(event: E) => event;

/**
 * How each event reaches a display. Listing every type makes a new event
 * fail to compile here until someone decides what of it the room may see.
 */
const PUBLIC_EVENT: { [T in OfficeEventType]: (event: EventOf<T>) => PublicOfficeEvent } = {
  officeConfigured: same,
  ticketIssued: (event) => ({ type: event.type, at: event.at, ticket: publicTicket(event.ticket) }),
  ticketCalled: same,
  ticketRecalled: same,
  serviceStarted: same,
  ticketCompleted: same,
  ticketNoShow: same,
  ticketTransferred: same,
  ticketCancelled: same,
  counterModeChanged: same,
  dayRolledOver: same,
  serviceTodayChanged: same,
  noticeChanged: same,
};

/** O(events): one broadcast projects its events once, for every display. */
export function publicEvents(events: readonly OfficeEvent[]): PublicOfficeEvent[] {
  return events.map((event) =>
    (PUBLIC_EVENT[event.type] as (e: OfficeEvent) => PublicOfficeEvent)(event),
  );
}
