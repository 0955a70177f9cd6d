/**
 * The bench's floor (issue 14): a bare Worker and SQLite-backed Durable Object, run by the
 * same workerd as `npm run serve`, that does only what every ticket issue must do — one
 * durable INSERT of a ticket-shaped row — and none of Turno's work (authentication, the
 * queue, the event log, broadcasting). It answers on Turno's own paths so that the issues
 * phase's load (bench/lib/load.ts) runs against it unchanged: POST …/tickets over HTTP, and
 * a kiosk socket on …/live whose every command is one insert and one result frame.
 * Bundled by esbuild (bench/lib/floor.ts); never part of Turno.
 */
import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  FLOOR: DurableObjectNamespace<FloorOffice>;
  /** "1": the commands that arrive before a zero timer fires share one durable commit. */
  GROUP_COMMITS?: string;
}

interface Pending {
  serviceId: string;
  done: (issued: { id: string; code: string }) => void;
}

/** Turno's tickets table (worker/office/office-migrations.ts), its columns a new ticket fills. */
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
  private pending: Pending[] = [];

  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    ctx.storage.sql.exec(SCHEMA);
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

  /**
   * One ticket, written with whatever else arrives before a zero timer fires: the inserts
   * run in one synchronous turn, so workerd commits them together (one fsync for all).
   */
  private issueGrouped(serviceId: string): Promise<{ id: string; code: string }> {
    if (this.env.GROUP_COMMITS !== "1") return Promise.resolve(this.issue(serviceId, "kiosk"));
    return new Promise((done) => {
      this.pending.push({ serviceId, done });
      if (this.pending.length > 1) return;
      setTimeout(() => {
        const batch = this.pending;
        this.pending = [];
        for (const command of batch) command.done(this.issue(command.serviceId, "kiosk"));
      }, 0);
    });
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") === "websocket") {
      const pair = new WebSocketPair();
      // The hibernation API, as Turno's office uses (partyserver, hibernate: true).
      this.ctx.acceptWebSocket(pair[1]);
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
    const match = /^\/api\/offices\/([a-z0-9-]+)\/(tickets|live)$/.exec(url.pathname);
    if (!match || (match[2] === "tickets" && request.method !== "POST"))
      return Response.json(
        { error: { code: "not_found", message: "no such path" } },
        { status: 404 },
      );
    return env.FLOOR.get(env.FLOOR.idFromName(match[1]!)).fetch(request);
  },
} satisfies ExportedHandler<FloorEnv>;
