import type { Connection, ConnectionContext, WSMessage } from "partyserver";
import { RANK } from "../../shared/access/ranks";
import type { Actor } from "../../shared/protocol/auth";
import type { Command } from "../../shared/protocol/commands";
import type { OfficeEvent } from "../../shared/protocol/events";
import { describeIssues, issuesSummary } from "../../shared/protocol/issues";
import { publicOfficeState } from "../../shared/protocol/public";
import type { OfficeState } from "../../shared/protocol/state";
import {
  ClientMessage,
  type DisplayServerMessage,
  LiveRole,
  PROTOCOL_VERSION,
  type ServerMessage,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../../shared/protocol/wire";
import {
  CLOSE_INCOMPATIBLE,
  CLOSE_POLICY_VIOLATION,
  CLOSE_REJECTED,
  CLOSE_SIGNED_OUT,
  CLOSE_TOO_MANY_SOCKETS,
} from "../../shared/protocol/wire-constants";
import { addressKey } from "../auth/address-key";
import { errorBody } from "../http/errors";
import {
  addressTag,
  endedTicketIdFromTags,
  endedTicketTag,
  roleFromTags,
  roleTag,
  STREAM_TAG,
  TICKET_TAG,
  ticketIdFromTags,
  ticketTag,
} from "../live/socket-tags";
import type { CommandPipeline } from "./command-pipeline";
import {
  broadcastEvents,
  endFollowing,
  type Stream,
  send,
  streamOf,
  TicketFollowers,
} from "./fanout";
import {
  INTERNAL_ORIGIN,
  LIVE_GRANT_HEADER,
  LiveGrant,
  type RevokeRequest,
  TicketToken,
} from "./internal";
import { allowanceOf, MessageAllowances, ticketSocketCaps } from "./live-limits";
import type { CommandAnswer } from "./responses";
import type { RevokedDevices } from "./store/revoked-devices";
import type { TicketsTable } from "./store/tickets-table";
import { ticketView } from "./views";

const MAX_MESSAGE_BYTES = 16 * 1024;

/** What a clerk may do from the counter console's socket; mode changes need a supervisor. */
const CLERK_COMMANDS: ReadonlySet<Command["type"]> = new Set([
  "issueTicket",
  "callNext",
  "recall",
  "startService",
  "complete",
  "noShow",
  "transfer",
  "callTicket",
]);

/** Kept on the socket (partyserver's connection state survives hibernation). */
export interface ConnectionInfo {
  role: LiveRole;
  ticketId: string | null;
  actor: Actor;
  /** Staff rank in this office when the socket opened (0 for devices and phones). */
  rank: number;
  /** The person's session, confirmed with the Directory before each of their commands. */
  session: { id: string; expiresAt: number; idleExpiresAt?: number | undefined } | null;
  /** A phone's socket: the last `ticket` frame it was sent (fanout.ts, TicketFollowers). */
  lastFrame?: string | undefined;
}

/** A live socket with what the office knows of it. */
export type LiveConnection = Connection<ConnectionInfo>;

/** The same rules as the HTTP routes (README "Roles"), for commands sent over a socket. */
function mayRun(info: ConnectionInfo, type: Command["type"]): boolean {
  if (type === "issueTicket")
    return info.role === "kiosk" || (info.role === "counter" && info.rank >= RANK.clerk);
  if (info.role !== "counter") return false;
  if (type === "setCounterMode") return info.rank >= RANK.supervisor;
  return info.rank >= RANK.clerk && CLERK_COMMANDS.has(type);
}

export interface LiveParts {
  ctx: DurableObjectState;
  env: Env;
  clock: () => number;
  pipeline: CommandPipeline;
  tickets: TicketsTable;
  revokedDevices: RevokedDevices;
  /** The office's open sockets with a tag, as partyserver connections (their state included). */
  connections: (tag: string) => Iterable<LiveConnection>;
  /** A person's socket opened: its session is watched until it ends (session-watch.ts). */
  watchSession: (sessionId: string, endsAt: number) => void;
}

/**
 * The office's live sockets: who may open one (the Worker's grant), the
 * snapshot each gets, the commands kiosks and counters send, what every
 * screen and phone is told after a command, and closing the sockets of a
 * revoked session or device.
 */
export class LiveConnections {
  /** The serialised snapshot of each stream (full, public) at one sequence number. */
  private snapshotCache: { seq: number; frames: Partial<Record<Stream, string>> } | null = null;
  private readonly followers: TicketFollowers;
  private readonly allowances = new MessageAllowances();

  constructor(private readonly parts: LiveParts) {
    this.followers = new TicketFollowers(parts.connections);
  }

  // ── Opening ─────────────────────────────────────────────────────────────
  /** The socket's tags: its role and what a revocation or a ticket's change will look for. */
  tagsFor(request: Request): string[] {
    const info = this.connectionInfo(request);
    if (!info) return ["rejected"];
    if (info.role === "ticket" && info.ticketId) {
      // Only today's open tickets are followed; any other is told its last state and closed (open()).
      if (!this.parts.pipeline.state?.tickets[info.ticketId])
        return [roleTag(info.role), endedTicketTag(info.ticketId)];
      // An IPv6 address counts by its /64, as the issuing limits do (address-key.ts).
      const address = addressTag(addressKey(info.actor.address ?? "unknown"));
      return [roleTag(info.role), TICKET_TAG, ticketTag(info.ticketId), address];
    }
    return [roleTag(info.role), STREAM_TAG, ...info.tags];
  }

  /** Who the Worker let in (its grant header) and, for a phone, which ticket it follows. */
  private connectionInfo(request: Request): (ConnectionInfo & { tags: string[] }) | null {
    const grant = LiveGrant.safeParse(JSON.parse(request.headers.get(LIVE_GRANT_HEADER) ?? "null"));
    if (!grant.success) return null;
    const { role, actor, rank, tags } = grant.data;
    const session = grant.data.session ?? null;
    if (role !== "ticket") return { role, ticketId: null, actor, rank, tags, session };
    const token = TicketToken.safeParse(new URL(request.url).searchParams.get("token"));
    const ticket = token.success ? this.parts.tickets.byToken(token.data) : null;
    return ticket ? { role, ticketId: ticket.id, actor, rank, tags: [], session: null } : null;
  }

  open(connection: LiveConnection, context: ConnectionContext): void {
    const version = Number(new URL(context.request.url).searchParams.get("v") ?? PROTOCOL_VERSION);
    if (!(SUPPORTED_PROTOCOL_VERSIONS as readonly number[]).includes(version)) {
      send(connection, {
        type: "incompatible",
        supported: [...SUPPORTED_PROTOCOL_VERSIONS],
        message: `Protocol version ${version} is not supported; reload the page.`,
      });
      connection.close(CLOSE_INCOMPATIBLE, "incompatible protocol version");
      this.allowances.silence(connection);
      return;
    }
    const ended = endedTicketIdFromTags(connection.tags);
    if (ended) {
      this.endedTicket(connection, ended);
      this.allowances.silence(connection);
      return;
    }
    // tagsFor already resolved the role and the ticket's token: read them back, don't look again.
    const role = LiveRole.safeParse(roleFromTags(connection.tags));
    const grant = LiveGrant.safeParse(
      JSON.parse(context.request.headers.get(LIVE_GRANT_HEADER) ?? "null"),
    );
    const info: ConnectionInfo | null =
      role.success && grant.success
        ? {
            role: role.data,
            ticketId: ticketIdFromTags(connection.tags),
            actor: grant.data.actor,
            rank: grant.data.rank,
            session: grant.data.session ?? null,
          }
        : null;
    const state = this.parts.pipeline.state;
    if (!info || !state) {
      send(connection, {
        type: "error",
        error: info
          ? { code: "unknown_office", message: "No such office." }
          : { code: "invalid_request", message: "Unknown role or ticket." },
      });
      connection.close(CLOSE_REJECTED, "rejected");
      this.allowances.silence(connection);
      return;
    }
    if (info.role === "ticket" && info.ticketId) {
      const crowded = this.crowdedBy(connection, info.ticketId);
      if (crowded) {
        send(connection, { type: "error", error: { code: "too_many_sockets", message: crowded } });
        connection.close(CLOSE_TOO_MANY_SOCKETS, "too many sockets");
        this.allowances.silence(connection);
        return;
      }
      connection.setState(info);
      const ticket = state.tickets[info.ticketId];
      // Finished between tagsFor and now: the same as a socket for an ended ticket.
      if (!ticket) this.endedTicket(connection, info.ticketId);
      else
        this.followers.opened(connection, ticket.id, ticketView(state, ticket, this.parts.clock()));
      return;
    }
    connection.setState(info);
    if (info.session)
      this.parts.watchSession(
        info.session.id,
        Math.min(info.session.idleExpiresAt ?? info.session.expiresAt, info.session.expiresAt),
      );
    send(connection, this.snapshotFrame(info.role));
  }

  /** Why a phone's new socket is one too many (per ticket, per address), or null. */
  private crowdedBy(connection: LiveConnection, ticketId: string): string | null {
    const caps = ticketSocketCaps(this.parts.env);
    // Open sockets counted straight from the runtime: partyserver's iterator reads every
    // socket's attachment, O(sockets) deserialisations per opening under a reconnect storm.
    const count = (tag: string) => {
      let n = 0;
      for (const ws of this.parts.ctx.getWebSockets(tag)) if (ws.readyState === WebSocket.OPEN) n++;
      return n;
    };
    // Both counts include the new socket itself.
    if (count(ticketTag(ticketId)) > caps.perTicket)
      return `This ticket is already followed on ${caps.perTicket} screens; close one and try again.`;
    // The first tag is the connection's id, which is not ours to read (socket-tags.ts).
    const address = connection.tags.slice(1).find((tag) => tag.startsWith("addr:"));
    if (address && count(address) > caps.perAddress)
      return `Too many tickets followed from this address (${caps.perAddress}); try again later.`;
    return null;
  }

  /**
   * A socket for a ticket that is no longer open (finished, expired, another
   * day's): its last state, then close 4410, so the page shows the end and
   * stops. A token never keeps a socket on the office after its ticket.
   */
  private endedTicket(connection: LiveConnection, ticketId: string): void {
    const ticket = this.parts.tickets.byId(ticketId);
    if (ticket) {
      const frame = {
        type: "ticket",
        ticket: ticketView(this.parts.pipeline.state, ticket, this.parts.clock()),
      } satisfies ServerMessage;
      send(connection, frame);
    }
    endFollowing(connection);
  }

  /**
   * The snapshot for a role's stream, serialised once per sequence number: a
   * reconnect storm of screens costs one projection and one stringify.
   */
  private snapshotFrame(role: LiveRole | undefined): string {
    const { pipeline, clock } = this.parts;
    const stream = streamOf(role);
    if (this.snapshotCache?.seq !== pipeline.seq)
      this.snapshotCache = { seq: pipeline.seq, frames: {} };
    const head = { v: PROTOCOL_VERSION, seq: pipeline.seq, serverTime: clock() };
    const state = pipeline.state!;
    this.snapshotCache.frames[stream] ??= JSON.stringify(
      stream === "full"
        ? ({ type: "snapshot", ...head, state } satisfies ServerMessage)
        : ({
            type: "snapshot",
            ...head,
            state: publicOfficeState(state),
          } satisfies DisplayServerMessage),
    );
    return this.snapshotCache.frames[stream];
  }

  // ── Messages ────────────────────────────────────────────────────────────
  /** A socket closed for sending too much: what it still sends is dropped unread (live-limits.ts). */
  isSilenced(ws: WebSocket): boolean {
    return this.allowances.isSilenced(ws);
  }

  async receive(connection: LiveConnection, message: WSMessage): Promise<void> {
    // Before any parsing: a socket sending faster than its role needs is closed (1008).
    const role = LiveRole.safeParse(roleFromTags(connection.tags));
    const verdict = this.allowances.take(connection, allowanceOf(role.data), this.parts.clock());
    if (verdict === "silenced") return;
    if (verdict === "over") {
      send(connection, {
        type: "error",
        error: { code: "too_many_messages", message: "Too many messages on this socket." },
      });
      try {
        connection.close(CLOSE_POLICY_VIOLATION, "too many messages");
      } catch {
        // Already closing.
      }
      return;
    }
    const parsed = parseClientMessage(message);
    if (!parsed.ok) {
      send(connection, { type: "error", error: parsed.error });
      return;
    }
    const msg = parsed.message;
    const info = connection.state;
    if (msg.type === "sync") {
      if (info?.role === "ticket" || !this.parts.pipeline.state) return;
      send(connection, this.snapshotFrame(info?.role));
      return;
    }
    if (info?.session && !(await this.sessionStillValid(connection, info.session))) return;
    // The channel comes from who is connected, never from the message: a kiosk cannot claim to be staff.
    const command =
      msg.command.type === "issueTicket"
        ? {
            ...msg.command,
            channel:
              info?.actor.kind === "staff" || info?.actor.kind === "operator"
                ? ("staff" as const)
                : ("kiosk" as const),
          }
        : msg.command;
    const answer: CommandAnswer =
      info && mayRun(info, command.type)
        ? await this.parts.pipeline.submit(command, {
            idempotencyKey: msg.idempotencyKey,
            origin: new URL(connection.uri ?? INTERNAL_ORIGIN).origin,
            actor: info.actor,
          })
        : {
            status: 403,
            body: errorBody(
              "forbidden",
              `A ${info?.role ?? "unknown"} connection${info?.role === "counter" ? ` with rank ${info.rank}` : ""} cannot ${msg.command.type}.`,
            ),
          };
    send(connection, {
      type: "result",
      requestId: msg.requestId,
      status: answer.status,
      body: answer.body,
    });
  }

  /**
   * A person's socket lives no longer than their session. Each of their
   * commands is confirmed with the Directory first (a clerk sends a few a
   * minute; the check also counts as use, so working only through the
   * socket keeps the session alive). An ended session (timed out, signed out
   * elsewhere) gets the socket told and closed (4401), and nothing runs.
   */
  private async sessionStillValid(
    connection: LiveConnection,
    session: NonNullable<ConnectionInfo["session"]>,
  ): Promise<boolean> {
    const alive =
      this.parts.clock() < session.expiresAt &&
      (await this.parts.env.Directory.getByName("directory").touchSession(session.id)).alive;
    if (alive) return true;
    send(connection, {
      type: "error",
      error: { code: "not_signed_in", message: "Your session has ended; sign in again." },
    });
    connection.close(CLOSE_SIGNED_OUT, "session ended");
    return false;
  }

  // ── Telling and closing ─────────────────────────────────────────────────
  /** A command's events to every screen, and each phone's new position when it changed. */
  publish(firstSeq: number, events: OfficeEvent[], state: OfficeState): void {
    broadcastEvents(this.parts.ctx, firstSeq, events);
    this.followers.notify(state, events, (id) => this.parts.tickets.byId(id), this.parts.clock());
  }

  /** Ends sockets whose session or device was revoked (or whose rights changed), at once. */
  close(revocation: RevokeRequest): number {
    const deviceId = revocation.revokedDeviceId;
    if (deviceId) this.parts.revokedDevices.add(deviceId, this.parts.clock());
    let closed = 0;
    for (const ws of this.parts.ctx.getWebSockets(revocation.tag)) {
      if (revocation.errorCode) {
        send(ws, {
          type: "error",
          error: { code: revocation.errorCode, message: `Access ended: ${revocation.reason}.` },
        });
      }
      try {
        ws.close(revocation.code, revocation.reason);
      } catch {
        // Already closing.
      }
      closed++;
    }
    return closed;
  }
}

type ParsedMessage =
  | { ok: true; message: ClientMessage }
  | { ok: false; error: { code: string; message: string } };

/** A socket message as the protocol says it, or why it is not one. */
function parseClientMessage(message: WSMessage): ParsedMessage {
  if (typeof message !== "string" || message.length > MAX_MESSAGE_BYTES)
    return {
      ok: false,
      error: { code: "invalid_message", message: "Send JSON text under 16 KB." },
    };
  let data: unknown;
  try {
    data = JSON.parse(message);
  } catch {
    return {
      ok: false,
      error: { code: "malformed_json", message: "The message is not valid JSON." },
    };
  }
  const parsed = ClientMessage.safeParse(data);
  if (!parsed.success) {
    // The field and its rule, as HTTP answers say them.
    return {
      ok: false,
      error: {
        code: "invalid_message",
        message: issuesSummary(describeIssues(parsed.error.issues)),
      },
    };
  }
  return { ok: true, message: parsed.data };
}
