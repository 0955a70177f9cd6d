import { type QueuePosition, queuePositions } from "../../shared/engine";
import type { TicketView } from "../../shared/protocol/api";
import type { OfficeEvent } from "../../shared/protocol/events";
import { publicEvents } from "../../shared/protocol/public";
import type { OfficeState } from "../../shared/protocol/state";
import type { Ticket } from "../../shared/protocol/ticket";
import type { DisplayServerMessage, LiveRole, ServerMessage } from "../../shared/protocol/wire";
import { CLOSE_TICKET_ENDED } from "../../shared/protocol/wire-constants";
import { roleTag, TICKET_TAG, ticketIdFromTags, ticketTag } from "../live/socket-tags";
import type { LiveConnection } from "./live-connections";
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
 * one small frame per ticket, built once however many sockets follow it, never
 * the whole queue. Positions are computed once for all queues. A ticket that
 * finished gets its last frame, then its sockets are closed (4410).
 */
export class TicketFollowers {
  /**
   * The frame every socket of a followed ticket was last sent, by ticket id.
   * Each socket also keeps it in its own state, which survives hibernation: a
   * woken object reads it back from there rather than sending it again.
   */
  private readonly lastFrames = new Map<string, string>();

  constructor(private readonly connections: (tag: string) => Iterable<LiveConnection>) {}

  notify(
    state: OfficeState,
    events: OfficeEvent[],
    findFinished: (ticketId: string) => Ticket | null,
    now: number,
  ): void {
    const finishedNow = new Set<string>();
    let rolledOver = false;
    for (const event of events) {
      if (TERMINAL_EVENTS.has(event.type) && "ticketId" in event) finishedNow.add(event.ticketId);
      if (event.type === "dayRolledOver") {
        rolledOver = true;
        for (const id of event.expiredTicketIds) finishedNow.add(id);
      }
    }
    const byTicket = new Map<string, LiveConnection[]>();
    for (const connection of this.connections(TICKET_TAG)) {
      const ticketId = ticketIdFromTags(connection.tags);
      if (!ticketId) continue;
      const group = byTicket.get(ticketId);
      if (group) group.push(connection);
      else byTicket.set(ticketId, [connection]);
    }
    let positions: Map<string, QueuePosition> | undefined;
    for (const [ticketId, group] of byTicket) {
      const active = state.tickets[ticketId];
      const ticket = active ?? (finishedNow.has(ticketId) ? findFinished(ticketId) : null);
      if (!ticket) continue;
      positions ??= queuePositions(state, now);
      this.tell(ticketId, group, ticketView(state, ticket, now, positions.get(ticketId) ?? null));
      if (!active) for (const connection of group) endFollowing(connection);
    }
    // Only open tickets are followed: what finished, or the whole day, needs no memory.
    if (rolledOver) this.lastFrames.clear();
    else for (const ticketId of finishedNow) this.lastFrames.delete(ticketId);
  }

  /** A new socket for an open ticket: it gets the ticket's frame, and so do the others if it changed. */
  opened(connection: LiveConnection, ticketId: string, view: TicketView): void {
    this.tell(ticketId, [...this.connections(ticketTag(ticketId))], view, connection);
  }

  private tell(
    ticketId: string,
    group: LiveConnection[],
    view: TicketView,
    fresh?: LiveConnection,
  ): void {
    const frame = JSON.stringify({ type: "ticket", ticket: view } satisfies ServerMessage);
    const last = this.lastFrames.get(ticketId) ?? group.find((c) => c !== fresh)?.state?.lastFrame;
    const targets = frame !== last ? group : fresh ? [fresh] : [];
    for (const connection of targets) {
      send(connection, frame);
      const info = connection.state;
      if (info) connection.setState({ ...info, lastFrame: frame });
    }
    this.lastFrames.set(ticketId, frame);
  }
}

/** A finished ticket's socket, after its last frame: the phone stops following. */
export function endFollowing(ws: WebSocket): void {
  try {
    ws.close(CLOSE_TICKET_ENDED, "ticket ended");
  } catch {
    // Already closing.
  }
}
