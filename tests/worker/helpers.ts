import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { OPEN_AROUND_THE_CLOCK } from "../../shared/demo-office";
import {
  type CounterAnswer,
  DisplayServerMessage,
  ErrorBody,
  type IssuedTicket,
  type OfficeConfigInput,
  type OfficeView,
  PONG,
  ServerMessage,
  type Ticket,
  TicketView,
} from "../../shared/protocol";
import { WORKER_TEST_SETUP_TOKEN } from "../support/setup-token";
import { timeZoneAwayFromMidnight } from "../support/time-zone";

export const ORIGIN = "http://example.com";

/**
 * Whose credentials a request carries. Tests act as the operator (the setup
 * token) unless they say otherwise: the operator administers every office
 * and is not rate-limited, so tests about the queue stay about the queue.
 */
export type Credentials = "operator" | "anonymous" | { cookie: string };

export function credentialHeaders(as: Credentials = "operator"): Record<string, string> {
  if (as === "anonymous") return {};
  if (as === "operator") return { authorization: `Bearer ${WORKER_TEST_SETUP_TOKEN}` };
  return { cookie: as.cookie };
}

/** A fresh office id per test, so tests never share a queue (storage is shared within a run). */
export function newOfficeId(label = "office"): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}`;
}

/** The Durable Object behind an office id, for runInDurableObject, alarms and eviction. */
export function officeStub(officeId: string) {
  return env.Office.getByName(officeId);
}

/**
 * A small test office: two walk-in services (A general, B registry), one
 * appointment-only service (P permits); `frontCounters` front desks named
 * "Desk 1"… that serve both walk-in services, and one back-office desk.
 */
export function testOfficeConfig(
  options: { frontCounters?: number; patch?: Partial<OfficeConfigInput> } = {},
): OfficeConfigInput {
  const frontCounters = options.frontCounters ?? 2;
  return {
    name: "Test office",
    timeZone: timeZoneAwayFromMidnight(),
    languages: ["en", "it"],
    openingHours: OPEN_AROUND_THE_CLOCK,
    services: [
      {
        id: "general",
        prefix: "A",
        names: { en: "General", it: "Generale" },
        defaultServiceMinutes: 5,
      },
      {
        id: "registry",
        prefix: "B",
        names: { en: "Registry", it: "Anagrafe" },
        defaultServiceMinutes: 10,
      },
      {
        id: "permits",
        prefix: "P",
        names: { en: "Permits", it: "Permessi" },
        mode: "appointment",
      },
    ],
    counters: [
      ...Array.from({ length: frontCounters }, (_, index) => ({
        id: `desk-${index + 1}`,
        name: `Desk ${index + 1}`,
        serviceIds: ["general", "registry"],
      })),
      {
        id: "back-1",
        name: "Back office 1",
        serviceIds: ["general", "registry", "permits"],
        defaultMode: "back-office" as const,
      },
    ],
    ...options.patch,
  };
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls the public API through the Worker, exactly as a client would.
 * SELF.fetch gets slower with every request already made in the same test
 * file (cloudflare/workers-sdk#15446; each file gets a fresh runtime), so keep
 * a file to a few hundred requests.
 */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: {
    body?: unknown;
    rawBody?: BodyInit;
    headers?: Record<string, string>;
    as?: Credentials;
    /** How the request reaches the Worker: SELF.fetch unless a test says otherwise (tests/worker/fuzz-harness.ts). */
    fetcher?: (url: string, init: RequestInit) => Promise<Response>;
  } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...credentialHeaders(options.as), ...options.headers };
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const fetcher = options.fetcher ?? ((url, init) => SELF.fetch(url, init));
  const response = await fetcher(`${ORIGIN}/api${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text: the caller's assertions show what came back.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Checks an error answer: its status, its code, and the `{ error: { code, message } }` shape. */
export function expectError(result: ApiResult, status: number, code: string): void {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  const parsed = ErrorBody.safeParse(result.body);
  expect(parsed.success, `error body shape: ${JSON.stringify(result.body)}`).toBe(true);
  expect(parsed.data?.error.code).toBe(code);
  expect(parsed.data?.error.message).toMatch(/\S/);
}

/** Creates an office through the API (201) and returns its id. */
export async function createOffice(
  config: OfficeConfigInput = testOfficeConfig(),
  officeId = newOfficeId(),
): Promise<string> {
  const created = await api("PUT", `/offices/${officeId}`, { body: config });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return officeId;
}

export async function issueTicket(
  officeId: string,
  serviceId = "general",
  extra: { priority?: boolean; lang?: string } = {},
): Promise<IssuedTicket> {
  const issued = await api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, {
    body: { serviceId, ...extra },
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  return issued.body;
}

/** A counter action that must succeed (200). */
export async function counterAction(
  officeId: string,
  counterId: string,
  action: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<CounterAnswer> {
  const result = await api<CounterAnswer>(
    action === "mode" ? "PUT" : "POST",
    `/offices/${officeId}/counters/${counterId}/${action}`,
    { body, headers },
  );
  expect(result.status, `${action}: ${JSON.stringify(result.body)}`).toBe(200);
  return result.body;
}

/** Call next at a counter; returns the ticket it called. */
export async function callNext(officeId: string, counterId: string): Promise<Ticket> {
  const answer = await counterAction(officeId, counterId, "call-next");
  expect(answer.counter.ticket?.status).toBe("called");
  return answer.counter.ticket!;
}

export async function getTicket(officeId: string, token: string): Promise<TicketView> {
  const result = await api("GET", `/offices/${officeId}/tickets/${token}`);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return TicketView.parse(result.body);
}

export async function getOffice(officeId: string): Promise<OfficeView> {
  const result = await api<OfficeView>("GET", `/offices/${officeId}`);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body;
}

// ── Live sockets ─────────────────────────────────────────────────────────

const openSockets = new Set<LiveSocket>();

/**
 * A client end of the live WebSocket that keeps every frame it receives,
 * each checked against the protocol's schema for its role: DisplayServerMessage
 * for a display (public tickets, issue 9), ServerMessage for the others.
 */
export class LiveSocket {
  /** Every frame received, in order. A display's tickets are public ones (no priority, lang, channel). */
  readonly received: ServerMessage[] = [];
  /** Every JSON frame as the server sent it, before the schema (which drops fields it does not know). */
  readonly raw: unknown[] = [];
  /** Frames not yet taken by `next`. */
  private readonly unread: ServerMessage[] = [];
  private readonly invalid: string[] = [];
  /** Raw "pong" answers to "ping" (the only frames that are not JSON). */
  pongs = 0;
  private wake: (() => void) | null = null;
  closed: { code: number; reason: string } | null = null;

  private constructor(
    readonly ws: WebSocket,
    schema: typeof ServerMessage | typeof DisplayServerMessage,
  ) {
    ws.addEventListener("message", (event) => {
      const text = typeof event.data === "string" ? event.data : "(binary frame)";
      if (text === PONG) {
        this.pongs++;
        this.wake?.();
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
      this.raw.push(data);
      const parsed = schema.safeParse(data);
      if (parsed.success) {
        // The tests read what both kinds of frame share; a display's frames type its tickets as public.
        const message = parsed.data as ServerMessage;
        this.received.push(message);
        this.unread.push(message);
      } else {
        this.invalid.push(text);
      }
      this.wake?.();
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.wake?.();
    });
    ws.accept();
  }

  /** Opens /api/offices/:office/live with the given query; fails unless the server upgrades. */
  static async open(
    officeId: string,
    query: string,
    as: Credentials = "operator",
    headers: Record<string, string> = {},
  ): Promise<LiveSocket> {
    const response = await SELF.fetch(`${ORIGIN}/api/offices/${officeId}/live?${query}`, {
      headers: { Upgrade: "websocket", ...credentialHeaders(as), ...headers },
    });
    if (response.status !== 101) {
      throw new Error(`expected an upgrade, got ${response.status}: ${await response.text()}`);
    }
    const ws = response.webSocket;
    if (!ws) throw new Error("the server did not hand over a WebSocket");
    const role = new URLSearchParams(query).get("role");
    const socket = new LiveSocket(ws, role === "display" ? DisplayServerMessage : ServerMessage);
    openSockets.add(socket);
    return socket;
  }

  /** Sends a message as JSON text; strings and binary data are sent as they are. */
  send(message: unknown): void {
    if (typeof message === "string" || message instanceof Uint8Array) this.ws.send(message);
    else this.ws.send(JSON.stringify(message));
  }

  /** Waits until `condition` holds, checking on every frame. */
  async until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await this.waitForActivity(left);
    }
  }

  /**
   * Takes the first unread frame of `type`; frames of other types stay unread
   * (a command's events may arrive before its result). Fails after
   * `timeoutMs`, on close, or on any frame the schema rejects.
   */
  async next<T extends ServerMessage["type"]>(
    type: T,
    timeoutMs = 2000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.invalid.length > 0) throw new Error(`invalid server frame: ${this.invalid[0]}`);
      const index = this.unread.findIndex((message) => message.type === type);
      if (index >= 0) {
        const [message] = this.unread.splice(index, 1);
        return message as Extract<ServerMessage, { type: T }>;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) {
        throw new Error(
          `no "${type}" frame ${this.closed ? `before close ${this.closed.code}` : `within ${timeoutMs} ms`}; received ${JSON.stringify(this.received.map((m) => m.type))}`,
        );
      }
      await this.waitForActivity(left);
    }
  }

  /** Waits until the server closes the socket. */
  async closedBy(timeoutMs = 2000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`socket still open after ${timeoutMs} ms`);
      await this.waitForActivity(left);
    }
    return this.closed;
  }

  /** Frames received and not taken, after waiting `ms` for stragglers. */
  async unreadAfter(ms: number): Promise<ServerMessage[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (this.invalid.length > 0) throw new Error(`invalid server frame: ${this.invalid[0]}`);
    return [...this.unread];
  }

  close(): void {
    openSockets.delete(this);
    if (this.closed) return;
    try {
      this.ws.close(1000, "test done");
    } catch {
      // Already closing.
    }
  }

  private waitForActivity(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

/** Closes every socket a test left open (use in afterEach). */
export function closeAllSockets(): void {
  for (const socket of openSockets) socket.close();
}

/** A paired kiosk or display of the office (created with the operator's setup route). */
export async function pairedDevice(
  officeId: string,
  role: "kiosk" | "display" = "kiosk",
): Promise<{ as: Credentials; deviceId: string; token: string }> {
  const created = await api<{ device: { id: string }; token: string }>("POST", "/setup/devices", {
    body: { office: officeId, role, name: `Test ${role}` },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return {
    as: { cookie: `turno_${role}=${created.body.token}` },
    deviceId: created.body.device.id,
    token: created.body.token,
  };
}

export const TEST_PASSWORD = "correct horse battery staple";

/** A person with the given grants, signed in: their session cookie and account id. */
export async function signedIn(
  grants: { office: string; role: "clerk" | "supervisor" | "admin" }[],
  username = `u${crypto.randomUUID().slice(0, 8)}`,
): Promise<{ as: Credentials; accountId: string; username: string; cookie: string }> {
  const created = await api<{ account: { id: string } }>("POST", "/setup/accounts", {
    body: { username, password: TEST_PASSWORD, grants },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const login = await api("POST", "/auth/login", {
    as: "anonymous",
    body: { username, password: TEST_PASSWORD },
  });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const cookie = sessionCookieFrom(login.headers);
  return { as: { cookie }, accountId: created.body.account.id, username, cookie };
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookieFrom(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => /^(__Host-)?turno_session=[^;]+/.test(c));
  if (!set) throw new Error(`no session cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return set.split(";")[0]!;
}
