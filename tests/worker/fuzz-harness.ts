import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import type fc from "fast-check";
import { afterAll, expect, it } from "vitest";
import { DisplayServerMessage, ErrorBody, ServerMessage } from "../../shared/protocol";
import worker from "../../worker/index";
import type { BodySpec } from "./fuzz-arbitraries";
import {
  api,
  type Credentials,
  type LiveSocket,
  sessionCookieFrom,
  TEST_PASSWORD,
} from "./helpers";

/**
 * What the fuzz files (tests/worker/fuzz*.test.ts) share: sending a fuzzed
 * request or frame, judging any answer, counting every input sent, and the
 * plan of how many each file sends (issue 13: ≥ 10,000 in all).
 */

/** To replay a failure, put the `{ seed, path }` it printed here. */
export const REPLAY: Partial<fc.Parameters<unknown>> = {};

export const params = <T>(numRuns: number): fc.Parameters<T> => ({
  numRuns,
  // The offices' state moves on between runs, so shrinking would replay against another world.
  endOnFailure: true,
  ...(REPLAY as Partial<fc.Parameters<T>>),
});

export const TIMEOUT = 240_000;
export const COUNTERS = ["desk-1", "desk-2", "back-1"];
export const SERVICES = ["general", "registry", "permits"];

/**
 * Sends a request to the Worker's own fetch handler (worker/index.ts) with
 * the test's bindings: the same routes, middleware and Durable Objects as
 * SELF.fetch, without the test pool's service binding, which gets slower with
 * every request made in one file (cloudflare/workers-sdk#15446: measured 6 ms
 * a request for the first 200, 330 ms by the 1,200th; this stays under 1 ms).
 */
export async function dispatch(url: string, init: RequestInit): Promise<Response> {
  const context = createExecutionContext();
  const response = await worker.fetch(new Request(url, init), env, context);
  await waitOnExecutionContext(context);
  return response;
}

let requests = 0;
let frames = 0;

/** Counts requests made through the helpers (createOffice, issueTicket…), which cannot count themselves. */
export function countRequests(n = 1): number {
  requests += n;
  return requests;
}

const statuses = new Map<number | string, number>();

/** Counts an answer (a status, or a kind of socket frame) for statusSummary. */
export function recordAnswer(kind: number | string): void {
  statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
}

/** Answers by status so far, e.g. "101×12 200×40 400×300": shows how far the fuzz got. */
export function statusSummary(): string {
  return [...statuses]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([status, count]) => `${status}×${count}`)
    .join(" ");
}

/** Sends a frame on a live socket, counted. */
export function sendFrame(socket: LiveSocket, message: unknown): void {
  frames++;
  socket.send(message);
}

export function call<T = unknown>(...[method, path, options]: Parameters<typeof api>) {
  requests++;
  return api<T>(method, path, { ...options, fetcher: dispatch });
}

/**
 * How many inputs (HTTP requests and live frames) each fuzz file sends at
 * least: each file proves its share at its end (planFor), and the shares add
 * up to issue 13's 10,000. Each is a floor its properties cannot fall under
 * (runs × the fewest inputs a run sends), below what the file measured.
 */
export const FUZZ_PLAN = {
  // 250 paths + 60 refusals (each with a look at the office: 2 requests) + two offices (≥ 19 each).
  "fuzz.test.ts": 460,
  // 18 or 19 routes × 60 (RUNS_PER_ROUTE) + fixtures.
  "fuzz-routes-1.test.ts": 1_030,
  "fuzz-routes-2.test.ts": 1_030,
  "fuzz-routes-3.test.ts": 1_030,
  // 40 runs × (an office, its observer, ≥ 8 steps, a look) + the upgrade's 12.
  "fuzz-live.test.ts": 450,
  // Runs × (an upgrade, two looks, ≥ 30 frames; a ticket socket: its ticket too, ≥ 6 frames).
  "fuzz-live-display.test.ts": 2_000,
  "fuzz-live-kiosk.test.ts": 2_000,
  "fuzz-live-counter.test.ts": 2_650,
  "fuzz-live-ticket.test.ts": 1_670,
} as const;

/** Issue 13, "Done when": the fuzz suite runs at least this many inputs. */
export const FUZZ_SUITE_INPUTS = 10_000;

/**
 * A fuzz file's accounting: prints what it sent (and the answers by kind),
 * and, as its last test, proves it sent at least its planned share and that
 * the plan reaches FUZZ_SUITE_INPUTS. Call at the top of the file.
 */
export function planFor(file: keyof typeof FUZZ_PLAN): void {
  afterAll(() => {
    console.log(
      `${file}: ${requests} requests + ${frames} frames = ${requests + frames} inputs (planned ≥ ${FUZZ_PLAN[file]}); answers ${statusSummary()}`,
    );
  });
}

/** The last test of a fuzz file (after its invariant checks): its share sent, the plan's sum enough. */
export function expectPlannedShare(file: keyof typeof FUZZ_PLAN): void {
  it(`${file} sent at least its planned share of the suite's ${FUZZ_SUITE_INPUTS} inputs.`, () => {
    const planned = Object.values(FUZZ_PLAN).reduce((sum, share) => sum + share, 0);
    expect(planned, "the fuzz files' planned shares").toBeGreaterThanOrEqual(FUZZ_SUITE_INPUTS);
    expect(
      requests + frames,
      `${file}: ${requests} requests + ${frames} frames`,
    ).toBeGreaterThanOrEqual(FUZZ_PLAN[file]);
  });
}

/** A signed-in person whose session the fuzz may end (logout): signed in again when it does. */
export class Person {
  constructor(
    readonly username: string,
    public as: Credentials,
  ) {}

  async signInAgain(): Promise<void> {
    const login = await call("POST", "/auth/login", {
      as: "anonymous",
      body: { username: this.username, password: TEST_PASSWORD },
      headers: { "cf-connecting-ip": "198.51.100.10" },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    this.as = { cookie: sessionCookieFrom(login.headers) };
  }
}

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  json: unknown;
  /** For an upgrade: the frames the socket got within a moment, and how it closed. */
  frames?: string[];
  closed?: { code: number; reason: string } | null;
}

export interface Sent {
  method: string;
  url: string;
  /** The request and its answer, for failure messages. */
  describe: string;
  answer: Answer;
}

export const excerpt = (text: string, length = 300) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sends one request as it is (no helper adds anything) and reads the whole answer, socket included. */
export async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: BodySpec | null,
): Promise<Sent> {
  const payload =
    body === null || method === "GET" || method === "HEAD"
      ? undefined
      : body.bytes
        ? new Uint8Array(body.bytes)
        : body.text;
  requests++;
  const response = await dispatch(url, { method, headers, body: payload });
  recordAnswer(response.status);
  const answer: Answer = {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: "",
    json: undefined,
  };
  if (response.webSocket) {
    Object.assign(answer, await watchSocket(response.webSocket));
  } else {
    answer.text = await response.text();
    try {
      answer.json = JSON.parse(answer.text);
    } catch {
      // Judged by expectSoundAnswer: only 204 may be without JSON.
    }
  }
  const describe = [
    `${method} ${excerpt(url, 200)}`,
    `headers ${excerpt(JSON.stringify(headers), 400)}`,
    `body ${body ? `${body.label}: ${excerpt(body.text ?? JSON.stringify(body.bytes))}` : "none"}`,
    `→ ${answer.status} ${answer.contentType ?? "(no content-type)"} ${excerpt(answer.text)}`,
    answer.frames
      ? `socket frames ${excerpt(JSON.stringify(answer.frames), 600)}, closed ${JSON.stringify(answer.closed)}`
      : "",
  ].join("\n  ");
  return { method, url, describe, answer };
}

/** Takes an accepted socket's first frames (or its close), then hangs up. */
async function watchSocket(ws: WebSocket): Promise<Pick<Answer, "frames" | "closed">> {
  const frames: string[] = [];
  let closed: { code: number; reason: string } | null = null;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1500);
    ws.addEventListener("message", (event) => {
      frames.push(typeof event.data === "string" ? event.data : "(binary)");
      clearTimeout(timer);
      setTimeout(resolve, 20); // a refusal's close follows its error frame
    });
    ws.addEventListener("close", (event) => {
      closed = { code: event.code, reason: event.reason };
      clearTimeout(timer);
      resolve();
    });
    ws.accept();
  });
  try {
    ws.close(1000, "fuzz done");
  } catch {
    // Already closed.
  }
  return { frames, closed };
}

/**
 * What every answer must be, whatever was asked: no 5xx; JSON (but 101, 204
 * and a success the route documents as another type); refusals in `{ error: { code, message } }`; no stack trace; an
 * accepted socket speaks the protocol and does not die with 1011.
 */
export function expectSoundAnswer(
  { method, describe, answer }: Sent,
  /** Other media types the route documents for its success answer (e.g. text/csv). */
  successTypes: string[] = [],
): void {
  expect(answer.status, `a server error:\n  ${describe}`).toBeLessThan(500);
  if (answer.status === 101) {
    expect(answer.closed?.code, `the socket died with a server error:\n  ${describe}`).not.toBe(
      1011,
    );
    for (const frame of answer.frames ?? []) {
      // A display's frames are the public ones (issue 9); every other socket's, the full ones.
      const readable =
        frame === "pong" ||
        ServerMessage.safeParse(safeJson(frame)).success ||
        DisplayServerMessage.safeParse(safeJson(frame)).success;
      expect(readable, `a frame outside the protocol:\n  ${describe}`).toBe(true);
      expect(frame, `a stack trace in a frame:\n  ${describe}`).not.toMatch(/\n\s+at /);
    }
    return;
  }
  expect(answer.text, `a stack trace in the answer:\n  ${describe}`).not.toMatch(/\n\s+at /);
  if (answer.status === 204 || method === "HEAD") return;
  const type = (answer.contentType ?? "").split(";")[0]!.trim();
  if (answer.status < 300 && successTypes.includes(type)) return;
  expect(answer.contentType ?? "", `not JSON:\n  ${describe}`).toMatch(/^application\/json/);
  expect(answer.json, `a body that is not JSON:\n  ${describe}`).not.toBeUndefined();
  if (answer.status >= 300) {
    const parsed = ErrorBody.safeParse(answer.json);
    expect(parsed.success, `not { error: { code, message } }:\n  ${describe}`).toBe(true);
    expect(parsed.data?.error.code, describe).toMatch(/^[a-z_]+$/);
    expect(parsed.data?.error.message, describe).toMatch(/\S/);
  }
}

export type SocketRole = "display" | "kiosk" | "counter" | "ticket";

const CLERK_COMMANDS = new Set([
  "issueTicket",
  "callNext",
  "recall",
  "startService",
  "complete",
  "noShow",
  "transfer",
  "callTicket",
]);

/** README "Who may send which live command", as a function of the socket's role and the caller's staff rank. */
export function mayRunOnSocket(role: SocketRole, rank: number, type: string): boolean {
  if (type === "issueTicket") return role === "kiosk" || (role === "counter" && rank >= 1);
  if (role !== "counter") return false;
  if (type === "setCounterMode") return rank >= 2;
  return rank >= 1 && CLERK_COMMANDS.has(type);
}
