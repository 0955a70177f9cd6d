/**
 * The bench's floor (issue 14): a bare Worker and SQLite-backed Durable Object, run by the
 * same workerd as `npm run serve`, that does only what every ticket issue must do — one
 * durable INSERT of a ticket-shaped row — and none of Turno's work (authentication, the
 * queue, the event log, views). It answers on Turno's own paths so that the bench's loads
 * run against it unchanged: POST …/tickets over HTTP, a kiosk socket on …/live whose every
 * command is one insert and one result frame, and display sockets told of each call-next
 * and complete (one durable row, one frame serialised once and sent to every screen).
 * Bundled by esbuild (bench/lib/floor.ts); never part of Turno.
 */
import { DurableObject } from "cloudflare:workers";
import { CommandBatch } from "../../worker/office/command-batch";

interface FloorEnv {
  FLOOR: DurableObjectNamespace<FloorOffice>;
  /** "1": the commands that arrive before a zero timer fires share one durable commit. */
  GROUP_COMMITS?: string;
}

/** Turno's tickets table (worker/office/office-migrations.ts), its columns a new ticket fills. */
const CALLS_SCHEMA = `CREATE TABLE IF NOT EXISTS calls (
  seq INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL
)`;

const SCHEMA = `CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  code TEXT NOT NULL,
  service_id TEXT NOT NULL,
  priority INTEGER NOT NULL,
  status TEXT NOT NULL,
  lang TEXT,
  channel TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  token TEXT NOT NULL UNIQUE
)`;

export class FloorOffice extends DurableObject<FloorEnv> {
  private issued = 0;
  /** Turno's own group commit (worker/office/command-batch.ts), so both group alike. */
  private readonly batch = new CommandBatch<string, null, { id: string; code: string }>(
    (serviceId) => this.issue(serviceId, "kiosk"),
    () => Date.now(),
  );
  /** The ticket each counter holds (call-next → complete), as the bench's latency phase drives them. */
  private readonly held = new Map<string, string>();

  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    ctx.storage.sql.exec(SCHEMA);
    ctx.storage.sql.exec(CALLS_SCHEMA);
    this.issued = ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM tickets").one().n;
  }

  /** One ticket-shaped row, written durably (the output gate holds the answer until it is). */
  private issue(serviceId: string, channel: string): { id: string; code: string } {
    const now = Date.now();
    const n = ++this.issued;
    const id = crypto.randomUUID();
    const code = `A${String(n % 1000).padStart(3, "0")}`;
    this.ctx.storage.sql.exec(
      "INSERT INTO tickets (id, day, code, service_id, priority, status, lang, channel, issued_at, queued_at, token) VALUES (?, ?, ?, ?, 0, 'waiting', NULL, ?, ?, ?, ?)",
      id,
      new Date(now).toISOString().slice(0, 10),
      code,
      serviceId,
      channel,
      now,
      now,
      crypto.randomUUID(),
    );
    return { id, code };
  }

  /** One ticket; with GROUP_COMMITS, in a turn shared with the others that arrive with it. */
  private issueGrouped(serviceId: string): Promise<{ id: string; code: string }> {
    if (this.env.GROUP_COMMITS !== "1") return Promise.resolve(this.issue(serviceId, "kiosk"));
    return this.batch.submit(serviceId, null);
  }

  /**
   * A counter's call-next or complete: one durable row, then one events frame, serialised
   * once, to every display socket (as Turno's broadcastEvents does).
   */
  private counterAction(counterId: string, action: string): Response {
    const type = action === "call-next" ? "ticketCalled" : "ticketCompleted";
    const ticketId =
      type === "ticketCalled" ? `floor-${++this.issued}` : (this.held.get(counterId) ?? "none");
    if (type === "ticketCalled") this.held.set(counterId, ticketId);
    else this.held.delete(counterId);
    const at = Date.now();
    const seq = this.ctx.storage.sql
      .exec(
        "INSERT INTO calls (ticket_id, counter_id, type, at) VALUES (?, ?, ?, ?) RETURNING seq",
        ticketId,
        counterId,
        type,
        at,
      )
      .one().seq;
    const events = [{ type, ticketId, counterId, at }];
    const frame = JSON.stringify({ type: "events", seq, events });
    for (const ws of this.ctx.getWebSockets("display")) ws.send(frame);
    return Response.json({ events });
  }

  override async fetch(request: Request): Promise<Response> {
    const counter = /\/counters\/([^/]+)\/(call-next|complete)$/.exec(
      new URL(request.url).pathname,
    );
    if (counter) {
      await request.text(); // an unread body would cut the client's kept-alive connection
      return this.counterAction(counter[1]!, counter[2]!);
    }
    if (request.headers.get("upgrade") === "websocket") {
      const pair = new WebSocketPair();
      // The hibernation API, as Turno's office uses (partyserver, hibernate: true), tagged by role.
      const role = new URL(request.url).searchParams.get("role") ?? "kiosk";
      this.ctx.acceptWebSocket(pair[1], [role === "display" ? "display" : "kiosk"]);
      pair[1].send(JSON.stringify({ type: "snapshot", issued: this.issued }));
      return new Response(null, { status: 101, webSocket: pair[0] });
    }
    const body = (await request.json().catch(() => null)) as { serviceId?: unknown } | null;
    if (typeof body?.serviceId !== "string")
      return Response.json(
        { error: { code: "bad_request", message: "serviceId is required" } },
        { status: 400 },
      );
    return Response.json(await this.issueGrouped(body.serviceId), { status: 201 });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    let requestId: unknown = null;
    let status = 201;
    try {
      const frame = JSON.parse(String(message)) as {
        requestId?: unknown;
        command?: { serviceId?: unknown };
      };
      requestId = frame.requestId;
      const serviceId = frame.command?.serviceId;
      if (typeof serviceId === "string") await this.issueGrouped(serviceId);
      else status = 400;
    } catch {
      status = 400;
    }
    ws.send(JSON.stringify({ type: "result", requestId, status }));
  }
}

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/api/health") return Response.json({ ok: true });
    const match =
      /^\/api\/offices\/([a-z0-9-]+)\/(tickets|live|counters\/[^/]+\/(?:call-next|complete))$/.exec(
        url.pathname,
      );
    if (!match || (match[2] !== "live" && request.method !== "POST"))
      return Response.json(
        { error: { code: "not_found", message: "no such path" } },
        { status: 404 },
      );
    return env.FLOOR.get(env.FLOOR.idFromName(match[1]!)).fetch(request);
  },
} satisfies ExportedHandler<FloorEnv>;
