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
  CLOSE_REJECTED,
  CLOSE_SIGNED_OUT,
} from "../../shared/protocol/wire-constants";
import { errorBody } from "../http/errors";
import {
  roleFromTags,
  roleTag,
  STREAM_TAG,
  TICKET_TAG,
  ticketIdFromTags,
  ticketTag,
} from "../live/socket-tags";
import type { CommandPipeline } from "./command-pipeline";
import { broadcastEvents, type Stream, send, streamOf, TicketFollowers } from "./fanout";
import {
  INTERNAL_ORIGIN,
  LIVE_GRANT_HEADER,
  LiveGrant,
  type RevokeRequest,
  TicketToken,
} from "./internal";
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
interface ConnectionInfo {
  role: LiveRole;
  ticketId: string | null;
  actor: Actor;
  /** Staff rank in this office when the socket opened (0 for devices and phones). */
  rank: number;
  /** The person's session, confirmed with the Directory before each of their commands. */
  session: { id: string; expiresAt: number; idleExpiresAt?: number | undefined } | null;
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
  private readonly followers = new TicketFollowers();

  constructor(private readonly parts: LiveParts) {}

  // ── Opening ─────────────────────────────────────────────────────────────
  /** The socket's tags: its role and what a revocation or a ticket's change will look for. */
  tagsFor(request: Request): string[] {
    const info = this.connectionInfo(request);
    if (!info) return ["rejected"];
    if (info.role === "ticket" && info.ticketId) {
      return [roleTag(info.role), TICKET_TAG, ticketTag(info.ticketId)];
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

  open(connection: Connection, context: ConnectionContext): void {
    const version = Number(new URL(context.request.url).searchParams.get("v") ?? PROTOCOL_VERSION);
    if (!(SUPPORTED_PROTOCOL_VERSIONS as readonly number[]).includes(version)) {
      send(connection, {
        type: "incompatible",
        supported: [...SUPPORTED_PROTOCOL_VERSIONS],
        message: `Protocol version ${version} is not supported; reload the page.`,
      });
      connection.close(CLOSE_INCOMPATIBLE, "incompatible protocol version");
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
      return;
    }
    connection.setState(info);
    if (info.session)
      this.parts.watchSession(
        info.session.id,
        Math.min(info.session.idleExpiresAt ?? info.session.expiresAt, info.session.expiresAt),
      );
    if (info.role === "ticket") {
      const ticket = info.ticketId
        ? (state.tickets[info.ticketId] ?? this.parts.tickets.byId(info.ticketId))
        : null;
      if (ticket)
        this.followers.sendIfChanged(connection, ticketView(state, ticket, this.parts.clock()));
      return;
    }
    send(connection, this.snapshotFrame(info.role));
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
  async receive(connection: LiveConnection, message: WSMessage): Promise<void> {
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
        ? this.parts.pipeline.run(command, {
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
    this.followers.notify(
      this.parts.ctx,
      state,
      events,
      (id) => this.parts.tickets.byId(id),
      this.parts.clock(),
    );
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
