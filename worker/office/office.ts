import { type Connection, type ConnectionContext, Server, type WSMessage } from "partyserver";
import { RANK } from "../../shared/access/ranks";
import { execute, startOfNextDay } from "../../shared/engine";
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
  PING,
  PONG,
  PROTOCOL_VERSION,
  type ServerMessage,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../../shared/protocol/wire";
import {
  CLOSE_INCOMPATIBLE,
  CLOSE_REJECTED,
  CLOSE_SIGNED_OUT,
} from "../../shared/protocol/wire-constants";
import { errorBody, STATUS_BY_ENGINE_ERROR } from "../http/errors";
import { SECURITY_HEADERS } from "../http/security-headers";
import {
  roleFromTags,
  roleTag,
  STREAM_TAG,
  TICKET_TAG,
  ticketIdFromTags,
  ticketTag,
} from "../live/socket-tags";
import { AuditLog } from "./audit-log";
import { broadcastEvents, type Stream, send, streamOf, TicketFollowers } from "./fanout";
import {
  AuditRequest,
  CommandRequest,
  INTERNAL_ORIGIN,
  LIVE_GRANT_HEADER,
  LiveGrant,
  RevokeRequest,
  TicketToken,
} from "./internal";
import { issueLimits } from "./issue-limits";
import { OfficeStore } from "./office-store";
import { RateLimits } from "./rate-limits";
import { reportRequest } from "./report-requests";
import { answerFor, type CommandAnswer } from "./responses";
import { TicketHistory } from "./ticket-history";
import { newTicketToken } from "./tokens";
import { officeView, ticketView } from "./views";

const DAY_MS = 24 * 60 * 60 * 1000;
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

interface ConnectionInfo {
  role: LiveRole;
  ticketId: string | null;
  actor: Actor;
  /** Staff rank in this office when the socket opened (0 for devices and phones). */
  rank: number;
  /** The person's session, confirmed with the Directory before each of their commands. */
  session: { id: string; expiresAt: number } | null;
}

/** The same rules as the HTTP routes (README "Roles"), for commands sent over a socket. */
function mayRun(info: ConnectionInfo, type: Command["type"]): boolean {
  if (type === "issueTicket")
    return info.role === "kiosk" || (info.role === "counter" && info.rank >= RANK.clerk);
  if (info.role !== "counter") return false;
  if (type === "setCounterMode") return info.rank >= RANK.supervisor;
  return info.rank >= RANK.clerk && CLERK_COMMANDS.has(type);
}

const SYSTEM: Actor = { kind: "system", id: null, name: null, address: null };

/**
 * One office: the single writer of its queue. Every command runs
 * parse → execute → persist → broadcast with no await in between, so two
 * clerks pressing "call next" together always get two different tickets.
 */
export class Office extends Server<Env> {
  static override options = { hibernate: true };

  private store!: OfficeStore;
  private auditLog!: AuditLog;
  private rateLimits!: RateLimits;
  private history!: TicketHistory;
  /** Revoked devices of this office, read once: checked on every device command. */
  private revokedDevices = new Set<string>();
  private state: OfficeState | null = null;
  private seq = 0;
  /** The serialised snapshot of each stream (full, public) at one sequence number. */
  private snapshotCache: { seq: number; frames: Partial<Record<Stream, string>> } | null = null;
  private readonly followers = new TicketFollowers();
  /** Time source; tests replace it to cross midnight. */
  clock: () => number = () => Date.now();

  override async onStart(): Promise<void> {
    // Migrations commit together or not at all: a step failing half way must not leave
    // tables behind that make every later start fail ("table … already exists").
    this.store = this.ctx.storage.transactionSync(() => new OfficeStore(this.ctx.storage.sql));
    this.auditLog = new AuditLog(this.ctx.storage.sql);
    this.rateLimits = new RateLimits();
    this.history = new TicketHistory(this.ctx.storage.sql);
    this.revokedDevices = new Set(
      this.ctx.storage.sql
        .exec<{ device_id: string }>(`SELECT device_id FROM revoked_devices`)
        .toArray()
        .map((row) => row.device_id),
    );
    this.reload();
    // Screens ping to check the line; answering without waking the object keeps that free.
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    await this.scheduleRollover();
  }

  private reload(): void {
    const loaded = this.store.load();
    this.state = loaded.state;
    this.seq = loaded.seq;
    this.snapshotCache = null;
  }

  /** One alarm, always recomputed from state: the office's next local midnight. */
  private async scheduleRollover(): Promise<void> {
    if (!this.state) return;
    const due = startOfNextDay(this.state.day, this.state.config.timeZone);
    if ((await this.ctx.storage.getAlarm()) !== due) await this.ctx.storage.setAlarm(due);
  }

  override async onAlarm(): Promise<void> {
    this.run({ type: "rollover" }, { actor: SYSTEM });
    await this.scheduleRollover();
  }

  /**
   * Runs one command atomically and tells everyone. Returns the HTTP-style
   * answer (also used for socket commands).
   */
  run(
    command: Command,
    options: { idempotencyKey?: string; origin?: string; actor: Actor },
  ): CommandAnswer {
    const now = this.clock();
    const fingerprint = JSON.stringify(command);
    if (options.idempotencyKey) {
      const prior = this.store.findIdempotent(options.idempotencyKey);
      if (prior) {
        if (prior.fingerprint !== fingerprint) {
          return {
            status: 422,
            body: errorBody(
              "idempotency_key_reused",
              "This Idempotency-Key was already used for a different request.",
            ),
          };
        }
        return { status: prior.status, body: JSON.parse(prior.body) };
      }
    }
    if (!this.state && command.type !== "configure") {
      return {
        status: 404,
        body: errorBody("unknown_office", `There is no office "${this.name}".`),
      };
    }
    if (options.actor.kind === "device" && this.isRevoked(options.actor.id)) {
      return {
        status: 401,
        body: errorBody("device_revoked", "This device was revoked; pair it again."),
      };
    }
    if (command.type === "issueTicket") {
      const taken = this.rateLimits.take(issueLimits(options.actor, this.env), now);
      if (!taken.ok) {
        const seconds = Math.ceil(taken.retryAfterMs / 1000);
        return {
          status: 429,
          body: errorBody(
            "too_many_tickets",
            `Too many tickets from here; try again in ${seconds} s.`,
          ),
          headers: { "retry-after": String(seconds) },
        };
      }
    }
    const token = command.type === "issueTicket" ? newTicketToken() : null;
    const firstSeq = this.seq + 1;
    let outcome: {
      events: ReturnType<typeof execute>["events"];
      answer: CommandAnswer;
      state: OfficeState | null;
    };
    try {
      outcome = this.ctx.storage.transactionSync(() => {
        const execution = execute(this.state, command, now);
        if (execution.state && execution.events.length > 0) {
          this.store.append(execution.events, firstSeq, execution.state, token);
          const { actor } = options;
          if (actor.kind === "staff" || actor.kind === "operator") {
            const { type, ...detail } = command;
            this.auditLog.append(now, actor, type, detail);
            this.recordStaff(actor, command, execution.events, now);
          }
        }
        const seq = this.seq + execution.events.length;
        const answer: CommandAnswer = execution.error
          ? {
              status: STATUS_BY_ENGINE_ERROR[execution.error.code],
              body: errorBody(execution.error.code, execution.error.message),
            }
          : answerFor(command, {
              officeId: this.name,
              state: execution.state!,
              seq,
              now,
              events: execution.events,
              token,
              origin: options.origin,
            });
        // Refusals are remembered too: a retry must not succeed later by surprise.
        if (options.idempotencyKey) {
          this.store.saveIdempotent(
            options.idempotencyKey,
            fingerprint,
            answer.status,
            JSON.stringify(answer.body),
            now,
          );
        }
        return { events: execution.events, answer, state: execution.state };
      });
    } catch (error) {
      // The engine updates state in place; after a failed write, storage is the truth.
      this.reload();
      throw error;
    }
    this.state = outcome.state;
    const { events } = outcome;
    if (events.length === 0) return outcome.answer;
    this.seq += events.length;
    this.snapshotCache = null;
    broadcastEvents(this.ctx, firstSeq, events);
    if (this.state)
      this.followers.notify(this.ctx, this.state, events, (id) => this.store.findTicket(id));
    // The day that just ended is final: pack it for the reports now, not at the first report.
    for (const event of events)
      if (event.type === "dayRolledOver") this.history.archiveDay(event.fromDay);
    if (events.some((e) => e.type === "dayRolledOver" || e.type === "officeConfigured")) {
      this.store.forgetIdempotentBefore(now - DAY_MS);
      void this.scheduleRollover();
    }
    return outcome.answer;
  }

  // ── HTTP from the Worker ────────────────────────────────────────────────
  override async onRequest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.origin !== INTERNAL_ORIGIN)
      return Response.json(errorBody("not_found", "Not found."), { status: 404 });
    if (request.method === "POST" && url.pathname === "/command") {
      const parsed = CommandRequest.safeParse(await request.json().catch(() => null));
      if (!parsed.success) {
        return Response.json(
          errorBody("invalid_request", "Invalid command.", parsed.error.issues),
          { status: 400 },
        );
      }
      const { command, idempotencyKey, origin, actor = SYSTEM } = parsed.data;
      return json(this.run(command, { idempotencyKey, origin, actor }));
    }
    if (url.pathname === "/audit") return this.auditRequest(request, url);
    if (url.pathname.startsWith("/reports/") || url.pathname === "/history")
      return this.reportRequest(request, url);
    if (request.method === "POST" && url.pathname === "/revoke") {
      const parsed = RevokeRequest.safeParse(await request.json().catch(() => null));
      if (!parsed.success)
        return Response.json(errorBody("invalid_request", "Invalid revocation."), { status: 400 });
      return Response.json({ closed: this.closeSockets(parsed.data) });
    }
    if (request.method === "GET" && url.pathname === "/view") {
      if (!this.state) return json(this.unknownOffice());
      return Response.json(officeView(this.name, this.state, this.seq, this.clock()));
    }
    if (url.pathname === "/ticket") {
      const token = TicketToken.safeParse(url.searchParams.get("token"));
      const ticket = token.success ? this.store.findTicketByToken(token.data) : null;
      if (!ticket)
        return Response.json(errorBody("unknown_ticket", "No ticket has this link."), {
          status: 404,
        });
      if (request.method === "GET") return Response.json(ticketView(this.state, ticket));
      if (request.method === "DELETE") {
        return json(
          this.run(
            { type: "cancelTicket", ticketId: ticket.id },
            {
              idempotencyKey: url.searchParams.get("idempotencyKey") ?? undefined,
              actor: {
                kind: "anonymous",
                id: null,
                name: "ticket holder",
                address: url.searchParams.get("address"),
              },
            },
          ),
        );
      }
    }
    return Response.json(errorBody("not_found", "Not found."), { status: 404 });
  }

  /** Who works which counter, and who called each ticket: for the dashboard and the reports. */
  private recordStaff(actor: Actor, command: Command, events: OfficeEvent[], now: number): void {
    // A supervisor switching a desk's mode from the dashboard is not working at it.
    if (!("counterId" in command) || command.type === "setCounterMode" || actor.id === null) return;
    const name = actor.name ?? actor.id;
    for (const event of events) {
      if (event.type === "ticketCalled")
        this.history.recordClerk(event.ticketId, event.counterId, actor.id, name, now);
    }
    this.history.recordCounterStaff(command.counterId, actor.id, name, now);
  }

  private async auditRequest(request: Request, url: URL): Promise<Response> {
    if (request.method === "POST") {
      const parsed = AuditRequest.safeParse(await request.json().catch(() => null));
      if (!parsed.success)
        return Response.json(errorBody("invalid_request", "Invalid audit entry."), { status: 400 });
      const { at, actor, action, detail } = parsed.data;
      this.auditLog.append(at, actor, action, detail);
      return Response.json({ ok: true });
    }
    const before = Number(url.searchParams.get("before")) || undefined;
    const limit = Math.min(500, Math.max(1, Number(url.searchParams.get("limit")) || 100));
    return Response.json({ entries: this.auditLog.list({ before, limit }) });
  }

  private reportRequest(request: Request, url: URL): Promise<Response> {
    if (!this.state) return Promise.resolve(json(this.unknownOffice()));
    return reportRequest(request, url, {
      state: this.state,
      history: this.history,
      now: this.clock(),
      newToken: newTicketToken,
    });
  }

  private isRevoked(deviceId: string | null): boolean {
    return deviceId !== null && this.revokedDevices.has(deviceId);
  }

  /** Ends sockets whose session or device was revoked (or whose rights changed), at once. */
  private closeSockets(revocation: RevokeRequest): number {
    const deviceId = revocation.revokedDeviceId;
    if (deviceId) {
      this.ctx.storage.sql.exec(
        `INSERT OR REPLACE INTO revoked_devices (device_id, at) VALUES (?, ?)`,
        deviceId,
        this.clock(),
      );
      this.revokedDevices.add(deviceId);
    }
    let closed = 0;
    for (const ws of this.ctx.getWebSockets(revocation.tag)) {
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

  private unknownOffice(): CommandAnswer {
    return { status: 404, body: errorBody("unknown_office", `There is no office "${this.name}".`) };
  }

  // ── Live sockets ────────────────────────────────────────────────────────
  override getConnectionTags(_connection: Connection, context: ConnectionContext): string[] {
    const info = this.connectionInfo(context.request);
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
    const ticket = token.success ? this.store.findTicketByToken(token.data) : null;
    return ticket ? { role, ticketId: ticket.id, actor, rank, tags: [], session: null } : null;
  }

  override onConnect(connection: Connection, context: ConnectionContext): void {
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
    // getConnectionTags already resolved the role and the ticket's token: read them back, don't look again.
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
    if (!info || !this.state) {
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
    if (info.role === "ticket") {
      const ticket = info.ticketId
        ? (this.state.tickets[info.ticketId] ?? this.store.findTicket(info.ticketId))
        : null;
      if (ticket) this.followers.sendIfChanged(connection, ticketView(this.state, ticket));
      return;
    }
    send(connection, this.snapshotFrame(info.role));
  }

  /**
   * A person's socket lives no longer than their session. Each of their
   * commands is confirmed with the Directory first (a clerk sends a few a
   * minute; the check also counts as use, so working only through the
   * socket keeps the session alive). An ended session (timed out, signed out
   * elsewhere) gets the socket told and closed (4401), and nothing runs.
   */
  private async sessionStillValid(
    connection: Connection<ConnectionInfo>,
    session: NonNullable<ConnectionInfo["session"]>,
  ): Promise<boolean> {
    const alive =
      this.clock() < session.expiresAt &&
      (await this.env.Directory.getByName("directory").touchSession(session.id)).alive;
    if (alive) return true;
    send(connection, {
      type: "error",
      error: { code: "not_signed_in", message: "Your session has ended; sign in again." },
    });
    connection.close(CLOSE_SIGNED_OUT, "session ended");
    return false;
  }

  /**
   * The snapshot for a role's stream, serialised once per sequence number: a
   * reconnect storm of screens costs one projection and one stringify.
   */
  private snapshotFrame(role: LiveRole | undefined): string {
    const stream = streamOf(role);
    if (this.snapshotCache?.seq !== this.seq) this.snapshotCache = { seq: this.seq, frames: {} };
    const head = { v: PROTOCOL_VERSION, seq: this.seq, serverTime: this.clock() };
    this.snapshotCache.frames[stream] ??= JSON.stringify(
      stream === "full"
        ? ({ type: "snapshot", ...head, state: this.state! } satisfies ServerMessage)
        : ({
            type: "snapshot",
            ...head,
            state: publicOfficeState(this.state!),
          } satisfies DisplayServerMessage),
    );
    return this.snapshotCache.frames[stream];
  }

  override async onMessage(
    connection: Connection<ConnectionInfo>,
    message: WSMessage,
  ): Promise<void> {
    if (typeof message !== "string" || message.length > MAX_MESSAGE_BYTES) {
      send(connection, {
        type: "error",
        error: { code: "invalid_message", message: "Send JSON text under 16 KB." },
      });
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(message);
    } catch {
      send(connection, {
        type: "error",
        error: { code: "malformed_json", message: "The message is not valid JSON." },
      });
      return;
    }
    const parsed = ClientMessage.safeParse(data);
    if (!parsed.success) {
      send(connection, {
        type: "error",
        error: {
          code: "invalid_message",
          // The field and its rule, as HTTP answers say them (issue 10, point 15).
          message: issuesSummary(describeIssues(parsed.error.issues)),
        },
      });
      return;
    }
    const msg = parsed.data;
    if (msg.type === "sync") {
      if (connection.state?.role === "ticket" || !this.state) return;
      send(connection, this.snapshotFrame(connection.state?.role));
      return;
    }
    const info = connection.state;
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
        ? this.run(command, {
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
}

/** A command's answer, with the security headers the Worker would otherwise add by copying it. */
function json(answer: CommandAnswer): Response {
  return Response.json(answer.body, {
    status: answer.status,
    headers: { ...SECURITY_HEADERS, ...answer.headers },
  });
}
