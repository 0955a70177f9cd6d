/**
 * The benchmark's yardstick: the smallest queue server that does what Turno's
 * hot paths do — issue a ticket, call the next one, tell every screen — with a
 * plain Node `http` server, the `ws` package and an in-memory queue (no
 * persistence, no validation beyond the service id, no Durable Object hop).
 *
 * Run by bench/run.ts as its own process (so its memory is measured alone):
 *   node bench/baseline/server.ts [port]
 * It uses only erasable TypeScript so Node runs it without a loader, and it
 * imports nothing from the project.
 *
 * Surface (any office id; offices are created on first use):
 *   GET  /api/health
 *   POST /api/bench/gc                                     a full garbage collection (run with --expose-gc)
 *   POST /api/offices/:office/tickets                      {serviceId} → 201 {ticket, peopleAhead}
 *   POST /api/offices/:office/counters/:counter/call-next  → 200 | 409 counter_busy | 409 queue_empty
 *   POST /api/offices/:office/counters/:counter/complete   → 200 | 409 no_current_ticket
 *   POST /api/offices/:office/counters/:counter/no-show    → 200 | 409 no_current_ticket
 *   POST /api/offices/:office/appointments   {serviceId, start, name, email} → 201 {appointment} | 409 slot_full
 *        (BASELINE_SEATS per start; any start is bookable)
 *   WS   /api/offices/:office/live?role=display|kiosk       snapshot on connect, then events frames;
 *        kiosk sockets may send {type:"command", requestId, command:{type:"issueTicket", serviceId}}
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";

const SERVICES: Record<string, string> = {
  urp: "A",
  anagrafe: "B",
  "stato-civile": "C",
  elettorale: "D",
  scuola: "E",
  pagamenti: "F",
};

interface Ticket {
  id: string;
  code: string;
  serviceId: string;
  status: "waiting" | "called" | "done" | "no-show";
  issuedAt: number;
  counterId: string | null;
  calledAt: number | null;
}

interface Office {
  day: string;
  seq: number;
  lastNumbers: Record<string, number>;
  /** Waiting tickets in arrival order; `head` is the oldest still waiting. */
  queue: Ticket[];
  head: number;
  counters: Map<string, Ticket>;
  recentCalls: { ticketId: string; code: string; counterId: string; at: number }[];
  displays: Set<WebSocket>;
}

const offices = new Map<string, Office>();

/** Seats per start in the baseline's bookings: the bench's staff seats (2 public + 1 staff). */
const BASELINE_SEATS = 3;
/** Per office: booked seats per start (epoch ms). */
const bookedSeats = new Map<string, Map<number, number>>();
const CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** The least a booking does: a seat count per start, checked and taken in one step. */
function bookSeat(officeId: string, body: Record<string, unknown>): Answer {
  const { serviceId, start, name, email } = body;
  if (typeof serviceId !== "string" || !SERVICES[serviceId])
    return refuse(404, "unknown_service", "There is no such service in this office.");
  if (typeof start !== "number" || typeof name !== "string" || typeof email !== "string")
    return refuse(400, "invalid_request", "start, name and email are required.");
  const seats = bookedSeats.get(officeId) ?? new Map<number, number>();
  bookedSeats.set(officeId, seats);
  const taken = seats.get(start) ?? 0;
  if (taken >= BASELINE_SEATS) return refuse(409, "slot_full", "No seat is left at this time.");
  seats.set(start, taken + 1);
  let code = "";
  for (let i = 0; i < 6; i++) code += CODE_LETTERS[Math.floor(Math.random() * 32)];
  return {
    status: 201,
    body: { appointment: { id: crypto.randomUUID(), code, serviceId, start, status: "booked" } },
  };
}

function officeFor(id: string): Office {
  let office = offices.get(id);
  if (!office) {
    office = {
      day: new Date().toISOString().slice(0, 10),
      seq: 0,
      lastNumbers: {},
      queue: [],
      head: 0,
      counters: new Map(),
      recentCalls: [],
      displays: new Set(),
    };
    offices.set(id, office);
  }
  return office;
}

/** Serialises a command's events once and sends the same bytes to every screen. */
function broadcast(office: Office, events: unknown[]): void {
  const seq = office.seq + 1;
  office.seq += events.length;
  if (office.displays.size === 0) return;
  const frame = Buffer.from(JSON.stringify({ type: "events", seq, events }));
  for (const ws of office.displays) ws.send(frame, { binary: false });
}

type Answer = { status: number; body: unknown };

const refuse = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

function issue(office: Office, serviceId: unknown): Answer {
  const prefix = typeof serviceId === "string" ? SERVICES[serviceId] : undefined;
  if (typeof serviceId !== "string" || !prefix)
    return refuse(404, "unknown_service", "There is no such service in this office.");
  const number = (office.lastNumbers[prefix] ?? 0) + 1;
  office.lastNumbers[prefix] = number;
  const code = `${prefix}${String(number).padStart(3, "0")}`;
  const now = Date.now();
  const ticket: Ticket = {
    id: `${office.day}-${code}`,
    code,
    serviceId,
    status: "waiting",
    issuedAt: now,
    counterId: null,
    calledAt: null,
  };
  office.queue.push(ticket);
  broadcast(office, [{ type: "ticketIssued", at: now, ticket }]);
  return {
    status: 201,
    body: { ticket, peopleAhead: office.queue.length - office.head - 1 },
  };
}

function finish(office: Office, counterId: string, status: "done" | "no-show"): Answer {
  const ticket = office.counters.get(counterId);
  if (!ticket) return refuse(409, "no_current_ticket", `${counterId} has no ticket called.`);
  office.counters.delete(counterId);
  ticket.status = status;
  const events = [
    {
      type: status === "done" ? "ticketCompleted" : "ticketNoShow",
      at: Date.now(),
      ticketId: ticket.id,
      counterId,
    },
  ];
  broadcast(office, events);
  return { status: 200, body: { counter: { id: counterId, ticket: null }, events } };
}

function callNext(office: Office, counterId: string): Answer {
  const current = office.counters.get(counterId);
  if (current?.status === "called")
    return refuse(409, "counter_busy", `${current.code} is still called at ${counterId}.`);
  const next = office.queue[office.head];
  if (!next) return refuse(409, "queue_empty", "No one is waiting.");
  office.queue[office.head] = undefined as unknown as Ticket;
  office.head++;
  if (office.head > 1024 && office.head * 2 > office.queue.length) {
    office.queue = office.queue.slice(office.head);
    office.head = 0;
  }
  const now = Date.now();
  next.status = "called";
  next.counterId = counterId;
  next.calledAt = now;
  office.counters.set(counterId, next);
  office.recentCalls = [
    { ticketId: next.id, code: next.code, counterId, at: now },
    ...office.recentCalls,
  ].slice(0, 10);
  const events = [{ type: "ticketCalled", at: now, ticketId: next.id, counterId, chosen: false }];
  broadcast(office, events);
  return { status: 200, body: { counter: { id: counterId, ticket: next }, events } };
}

function snapshot(office: Office): string {
  return JSON.stringify({
    type: "snapshot",
    v: 1,
    seq: office.seq,
    serverTime: Date.now(),
    state: {
      day: office.day,
      lastNumbers: office.lastNumbers,
      tickets: office.queue.slice(office.head),
      counters: Object.fromEntries(office.counters),
      recentCalls: office.recentCalls,
    },
  });
}

function sendJson(res: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const text = Buffer.concat(chunks).toString();
        resolve(text ? JSON.parse(text) : {});
      } catch {
        resolve(null);
      }
    });
  });
}

const TICKETS = /^\/api\/offices\/([a-z0-9-]+)\/tickets$/;
const APPOINTMENTS = /^\/api\/offices\/([a-z0-9-]+)\/appointments$/;
const COUNTER =
  /^\/api\/offices\/([a-z0-9-]+)\/counters\/([a-z0-9-]+)\/(call-next|complete|no-show)$/;
const LIVE = /^\/api\/offices\/([a-z0-9-]+)\/live$/;

const server = createServer(async (req, res) => {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (req.method === "GET" && path === "/api/health")
    return sendJson(res, { status: 200, body: { ok: true } });
  // Before the bench samples memory: a full collection, so that the garbage of the phase
  // before (a queue of 200,000 tickets) is not counted, nor freed mid-measurement.
  if (req.method === "POST" && path === "/api/bench/gc") {
    (globalThis as { gc?: () => void }).gc?.();
    return sendJson(res, { status: 200, body: { ok: true } });
  }
  if (req.method === "POST") {
    const tickets = TICKETS.exec(path);
    if (tickets?.[1]) {
      const body = (await readJson(req)) as { serviceId?: unknown } | null;
      if (!body) return sendJson(res, refuse(400, "malformed_json", "Invalid JSON."));
      return sendJson(res, issue(officeFor(tickets[1]), body.serviceId));
    }
    const appointments = APPOINTMENTS.exec(path);
    if (appointments?.[1]) {
      const body = (await readJson(req)) as Record<string, unknown> | null;
      if (!body) return sendJson(res, refuse(400, "malformed_json", "Invalid JSON."));
      return sendJson(res, bookSeat(appointments[1], body));
    }
    const counter = COUNTER.exec(path);
    if (counter?.[1] && counter[2]) {
      await readJson(req);
      const office = officeFor(counter[1]);
      const action = counter[3];
      if (action === "call-next") return sendJson(res, callNext(office, counter[2]));
      return sendJson(res, finish(office, counter[2], action === "complete" ? "done" : "no-show"));
    }
  }
  sendJson(res, refuse(404, "not_found", "No such route."));
});

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  maxPayload: 16 * 1024,
});

server.on("upgrade", (req, socket, head) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const live = LIVE.exec(url.pathname);
  const role = url.searchParams.get("role");
  if (!live?.[1] || (role !== "display" && role !== "kiosk")) {
    socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    return;
  }
  const office = officeFor(live[1]);
  wss.handleUpgrade(req, socket, head, (ws) => {
    office.displays.add(ws);
    ws.on("close", () => office.displays.delete(ws));
    ws.on("error", () => office.displays.delete(ws));
    ws.send(snapshot(office));
    if (role !== "kiosk") return;
    ws.on("message", (data) => {
      let message: { requestId?: unknown; command?: { type?: unknown; serviceId?: unknown } };
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      const answer =
        message.command?.type === "issueTicket"
          ? issue(office, message.command.serviceId)
          : refuse(403, "forbidden", "A kiosk can only issue tickets.");
      ws.send(
        JSON.stringify({
          type: "result",
          requestId: message.requestId,
          status: answer.status,
          body: answer.body,
        }),
      );
    });
  });
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 8791);
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => {
  console.log(`baseline listening on http://127.0.0.1:${port}`);
});

const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
