import * as z from "zod/mini";
import { TicketView } from "./api";
import { Command } from "./commands";
import { OfficeEvent } from "./events";
import { PublicOfficeEvent, PublicOfficeState } from "./public";
import { OfficeState } from "./state";

/**
 * The live protocol (WebSocket at /api/offices/:office/live?v=1&role=…).
 * Bump PROTOCOL_VERSION on any change an older client cannot read; the
 * server answers an unsupported version with `incompatible` and closes.
 */
export { PING, PONG, PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from "./wire-constants";

export const LIVE_ROLES = ["display", "kiosk", "counter", "ticket"] as const;
export const LiveRole = z.enum(LIVE_ROLES);
export type LiveRole = z.infer<typeof LiveRole>;

// Client → server
export const SyncMessage = z.object({ type: z.literal("sync") });
export const CommandMessage = z.object({
  type: z.literal("command"),
  /** Echoed in the result so the client can match answers to requests. */
  requestId: z.string().check(z.minLength(1), z.maxLength(64)),
  idempotencyKey: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  command: Command,
});
export const ClientMessage = z.discriminatedUnion("type", [SyncMessage, CommandMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// Server → client
export const SnapshotMessage = z.object({
  type: z.literal("snapshot"),
  v: z.int(),
  /** Sequence number of the last event folded into `state`. */
  seq: z.int(),
  serverTime: z.number(),
  state: OfficeState,
});
export const EventsMessage = z.object({
  type: z.literal("events"),
  /** Sequence number of the first event; the rest follow one by one. A client that sees a gap sends `sync`. */
  seq: z.int(),
  events: z.array(OfficeEvent).check(z.minLength(1)),
});
export const TicketMessage = z.object({ type: z.literal("ticket"), ticket: TicketView });
export const ResultMessage = z.object({
  type: z.literal("result"),
  requestId: z.string(),
  status: z.int(),
  body: z.unknown(),
});
export const ErrorMessage = z.object({
  type: z.literal("error"),
  error: z.object({ code: z.string(), message: z.string() }),
});
export const IncompatibleMessage = z.object({
  type: z.literal("incompatible"),
  supported: z.array(z.int()),
  message: z.string(),
});
export const ServerMessage = z.discriminatedUnion("type", [
  SnapshotMessage,
  EventsMessage,
  TicketMessage,
  ResultMessage,
  ErrorMessage,
  IncompatibleMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type SnapshotMessage = z.infer<typeof SnapshotMessage>;
export type EventsMessage = z.infer<typeof EventsMessage>;

/**
 * What a display's socket receives (issue 9): the same frames with the
 * public state and events (shared/protocol/public.ts), no priority, language
 * or channel of anyone's ticket. A display built before them reads them as it
 * read the full ones: it never used those fields, so the version stays 1.
 */
export const DisplaySnapshotMessage = z.extend(SnapshotMessage, { state: PublicOfficeState });
export const DisplayEventsMessage = z.extend(EventsMessage, {
  events: z.array(PublicOfficeEvent).check(z.minLength(1)),
});
export const DisplayServerMessage = z.discriminatedUnion("type", [
  DisplaySnapshotMessage,
  DisplayEventsMessage,
  ResultMessage,
  ErrorMessage,
  IncompatibleMessage,
]);
export type DisplayServerMessage = z.infer<typeof DisplayServerMessage>;
