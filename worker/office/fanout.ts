import { type QueuePosition, queuePositions } from "../../shared/engine";
import type { OfficeEvent } from "../../shared/protocol/events";
import { publicEvents } from "../../shared/protocol/public";
import type { OfficeState } from "../../shared/protocol/state";
import type { Ticket } from "../../shared/protocol/ticket";
import type { DisplayServerMessage, LiveRole, ServerMessage } from "../../shared/protocol/wire";
import { roleTag, TICKET_TAG, ticketIdFromTags } from "../live/socket-tags";
import { ticketView } from "./views";

const TERMINAL_EVENTS = new Set<OfficeEvent["type"]>([
  "ticketCompleted",
  "ticketNoShow",
  "ticketCancelled",
]);

export function send(ws: WebSocket, message: ServerMessage | DisplayServerMessage | string): void {
  try {
    ws.send(typeof message === "string" ? message : JSON.stringify(message));
  } catch {
    // The socket closed under us; its close handler tidies up.
  }
}

/**
 * Which stream each role follows. Displays get the public one
 * (shared/protocol/public.ts): no one's priority, language or channel.
 * Kiosks still get the whole one: their zod check of frames
 * (shared/client/live-office.ts) needs every ticket field, so moving them
 * needs a client change and a protocol version. Counters are staff.
 */
export type Stream = "full" | "public";
export const STREAM_OF_ROLE: Record<Exclude<LiveRole, "ticket">, Stream> = {
  display: "public",
  kiosk: "full",
  counter: "full",
};
const STREAM_ROLES = Object.keys(STREAM_OF_ROLE) as (keyof typeof STREAM_OF_ROLE)[];

/** The stream a socket follows; a role not listed gets the public one. */
export function streamOf(role: string | null | undefined): Stream {
  const known = STREAM_ROLES.find((r) => r === role);
  return known ? STREAM_OF_ROLE[known] : "public";
}

/**
 * Sends one command's events to every stream socket: each stream projected
 * (O(events)) and serialised once per broadcast, whatever the number of screens.
 */
export function broadcastEvents(
  ctx: DurableObjectState,
  firstSeq: number,
  events: OfficeEvent[],
): void {
  const frames: Partial<Record<Stream, string>> = {};
  for (const role of STREAM_ROLES) {
    const sockets = ctx.getWebSockets(roleTag(role));
    if (sockets.length === 0) continue;
    const stream = STREAM_OF_ROLE[role];
    frames[stream] ??= JSON.stringify(
      stream === "full"
        ? ({ type: "events", seq: firstSeq, events } satisfies ServerMessage)
        : ({
            type: "events",
            seq: firstSeq,
            events: publicEvents(events),
          } satisfies DisplayServerMessage),
    );
    const frame = frames[stream];
    for (const ws of sockets) send(ws, frame);
  }
}

/**
 * Tells each phone following a ticket its new position, only when it changed:
 * one small frame per phone, never the whole queue. Positions are computed
 * once for all queues.
 */
export class TicketFollowers {
  /** Last frame sent per socket; lost on hibernation, which only costs one repeated frame. */
  private readonly lastSent = new WeakMap<WebSocket, string>();

  notify(
    ctx: DurableObjectState,
    state: OfficeState,
    events: OfficeEvent[],
    findFinished: (ticketId: string) => Ticket | null,
    now: number,
  ): void {
    const sockets = ctx.getWebSockets(TICKET_TAG);
    if (sockets.length === 0) return;
    const finishedNow = new Set<string>();
    for (const event of events) {
      if (TERMINAL_EVENTS.has(event.type) && "ticketId" in event) finishedNow.add(event.ticketId);
      if (event.type === "dayRolledOver")
        for (const id of event.expiredTicketIds) finishedNow.add(id);
    }
    let positions: Map<string, QueuePosition> | undefined;
    for (const ws of sockets) {
      const ticketId = ticketIdFromTags(ctx.getTags(ws));
      if (!ticketId) continue;
      const ticket =
        state.tickets[ticketId] ?? (finishedNow.has(ticketId) ? findFinished(ticketId) : null);
      if (!ticket) continue;
      positions ??= queuePositions(state, now);
      this.sendIfChanged(ws, ticketView(state, ticket, now, positions.get(ticketId) ?? null));
    }
  }

  sendIfChanged(ws: WebSocket, view: ReturnType<typeof ticketView>): void {
    const frame = JSON.stringify({ type: "ticket", ticket: view } satisfies ServerMessage);
    if (this.lastSent.get(ws) === frame) return;
    this.lastSent.set(ws, frame);
    send(ws, frame);
  }
}
