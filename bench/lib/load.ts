/**
 * Client-side load, written once and run identically against Turno and the
 * baseline: only the base URL differs. Loopback only.
 */
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { type Distribution, distribution } from "./stats";

/** Walk-in services of the bench office (the demo office's); issues rotate through them. */
export const WALK_IN_SERVICES = [
  "urp",
  "anagrafe",
  "stato-civile",
  "elettorale",
  "scuola",
  "pagamenti",
] as const;

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * Who the load acts as: a paired kiosk issues, a paired display listens, a
 * signed-in clerk calls — the same credentials (and the same Directory
 * lookups) as in production. Set once by run.ts; the baseline ignores them.
 */
export const credentials = {
  /** Per office: a device belongs to one office. */
  kiosk: {} as Record<string, Record<string, string>>,
  display: {} as Record<string, Record<string, string>>,
  /** One clerk with a role in every bench office. */
  clerk: {} as Record<string, string>,
};

export function httpJson(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload
            ? { "content-type": "application/json", "content-length": payload.length }
            : { "content-length": 0 }),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}

export const newAgent = (maxSockets: number) =>
  new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });

export const liveUrl = (base: string, office: string, role: string) =>
  `${base.replace(/^http/, "ws")}/api/offices/${office}/live?v=1&role=${role}`;

// ── 1. Sustained ticket issues ──────────────────────────────────────────

export interface ThroughputResult {
  perSecond: number;
  ok: number;
  failures: number;
  /** Status code (or "error") → count, over the measured window. */
  outcomes: Record<string, number>;
  latencyMs: Distribution;
  measuredMs: number;
  /** Tickets issued over the whole run (warm-up included): nothing calls them, so the queue ends this long. */
  issuedTotal: number;
  /** Successful issues in each second of the measured window: shows a rate that sags as the queue grows. */
  perSecondSeries: number[];
}

interface Window {
  warmupMs: number;
  durationMs: number;
}

/** A measured run: warm-up first, then what completes inside the window counts. */
export interface SustainedLoad extends Window {
  concurrency: number;
}

export interface SustainedRun {
  /** Outcome → count, over the measured window. */
  outcomes: Record<string, number>;
  latencies: number[];
  /** Answers with the success outcome inside the window, and in each of its seconds. */
  ok: number;
  perSecondSeries: number[];
}

/**
 * Keeps `concurrency` requests in flight until the run is over. `send` makes
 * request number `index` and gives its outcome ("201", "409 slot_full",
 * "error"), or null when there is nothing left to ask.
 */
export async function sustain(
  opts: SustainedLoad,
  success: string,
  send: (index: number) => Promise<string | null>,
): Promise<SustainedRun> {
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  const series = new Array<number>(Math.ceil(opts.durationMs / 1000)).fill(0);
  let ok = 0;
  let stop = false;
  let asked = 0;
  const measureFrom = performance.now() + opts.warmupMs;
  const measureTo = measureFrom + opts.durationMs;
  const client = async () => {
    while (!stop) {
      const t0 = performance.now();
      const outcome = await send(asked++);
      if (outcome === null) break;
      const t1 = performance.now();
      if (t1 >= measureTo) stop = true;
      if (t0 >= measureFrom && t1 < measureTo) {
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        latencies.push(t1 - t0);
        if (outcome === success) {
          ok++;
          series[Math.floor((t1 - measureFrom) / 1000)]!++;
        }
      }
      if (outcome === "error") await sleep(10);
    }
  };
  const timer = setTimeout(() => {
    stop = true;
  }, opts.warmupMs + opts.durationMs);
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  clearTimeout(timer);
  return { outcomes, latencies, ok, perSecondSeries: series };
}

/** Keeps `concurrency` POST /tickets in flight; counts answers completed inside the measured window. */
export async function issueOverHttp(
  base: string,
  office: string,
  opts: SustainedLoad,
): Promise<ThroughputResult> {
  const agent = newAgent(opts.concurrency);
  let issuedTotal = 0;
  const run = await sustain(opts, "201", async (index) => {
    const serviceId = WALK_IN_SERVICES[index % WALK_IN_SERVICES.length];
    try {
      const answer = await httpJson(
        agent,
        base,
        "POST",
        `/api/offices/${office}/tickets`,
        { serviceId },
        10_000,
        credentials.kiosk[office] ?? {},
      );
      if (answer.status === 201) issuedTotal++;
      return String(answer.status);
    } catch {
      return "error";
    }
  });
  agent.destroy();
  return {
    perSecond: Math.round((run.ok / opts.durationMs) * 1000),
    ok: run.ok,
    failures: run.latencies.length - run.ok,
    outcomes: run.outcomes,
    latencyMs: distribution(run.latencies),
    measuredMs: opts.durationMs,
    issuedTotal,
    perSecondSeries: run.perSecondSeries,
  };
}

/**
 * One kiosk socket issuing tickets with `window` commands outstanding:
 * `{type:"command", requestId, command:{type:"issueTicket", …}}` → `{type:"result", requestId, status}`.
 */
export async function issueOverKioskSocket(
  base: string,
  office: string,
  opts: Window & { window: number },
): Promise<ThroughputResult> {
  const ws = new WebSocket(liveUrl(base, office, "kiosk"), {
    headers: credentials.kiosk[office] ?? {},
    perMessageDeflate: false,
    handshakeTimeout: 10_000,
  });
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  let ok = 0;
  let failures = 0;
  let issuedTotal = 0;
  let sequence = 0;
  let stop = false;
  let closedEarly = false;
  let measureFrom = Number.POSITIVE_INFINITY;
  let measureTo = Number.POSITIVE_INFINITY;
  const series = new Array<number>(Math.ceil(opts.durationMs / 1000)).fill(0);
  let drained: () => void = () => {};
  const allAnswered = new Promise<void>((resolve) => {
    drained = resolve;
  });

  const sendOne = () => {
    const requestId = `k${sequence}`;
    const serviceId = WALK_IN_SERVICES[sequence++ % WALK_IN_SERVICES.length];
    sentAt.set(requestId, performance.now());
    ws.send(
      JSON.stringify({
        type: "command",
        requestId,
        command: { type: "issueTicket", serviceId, priority: false, lang: null, channel: "kiosk" },
      }),
    );
  };

  await new Promise<void>((resolve, reject) => {
    ws.once("message", () => resolve()); // the snapshot
    ws.once("error", reject);
    ws.once("close", () => reject(new Error("kiosk socket closed before its snapshot")));
  });
  ws.removeAllListeners("error");
  ws.removeAllListeners("close");
  ws.on("error", () => {});
  ws.on("close", () => {
    closedEarly = !stop;
    drained();
  });
  ws.on("message", (data: WebSocket.RawData) => {
    const text = String(data);
    // Kiosks follow the event stream too; only results matter here.
    if (!text.startsWith('{"type":"result"')) return;
    const now = performance.now();
    const message = JSON.parse(text) as { requestId: string; status: number };
    const t0 = sentAt.get(message.requestId);
    sentAt.delete(message.requestId);
    if (message.status === 201) issuedTotal++;
    if (t0 !== undefined && t0 >= measureFrom && now < measureTo) {
      const outcome = String(message.status);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      latencies.push(now - t0);
      if (message.status === 201) {
        ok++;
        series[Math.floor((now - measureFrom) / 1000)]!++;
      } else failures++;
    }
    if (now >= measureTo) stop = true;
    if (!stop) sendOne();
    else if (sentAt.size === 0) drained();
  });

  const start = performance.now();
  measureFrom = start + opts.warmupMs;
  measureTo = measureFrom + opts.durationMs;
  for (let i = 0; i < opts.window; i++) sendOne();
  const timer = setTimeout(
    () => {
      stop = true;
      drained();
    },
    opts.warmupMs + opts.durationMs + 10_000,
  );
  await allAnswered;
  clearTimeout(timer);
  stop = true;
  ws.close();
  if (closedEarly) outcomes["socket closed"] = (outcomes["socket closed"] ?? 0) + 1;
  return {
    perSecond: Math.round((ok / opts.durationMs) * 1000),
    ok,
    failures: failures + (closedEarly ? 1 : 0),
    outcomes,
    latencyMs: distribution(latencies),
    measuredMs: opts.durationMs,
    issuedTotal,
    perSecondSeries: series,
  };
}

/**
 * Issues `count` tickets (sequentially, a few in flight) so counters have someone to call.
 * Gives their tracking tokens, which a phone follows its ticket with.
 */
export async function fillQueue(base: string, office: string, count: number): Promise<string[]> {
  const agent = newAgent(8);
  const tokens: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const serviceId = WALK_IN_SERVICES[next++ % WALK_IN_SERVICES.length];
      const answer = await httpJson(
        agent,
        base,
        "POST",
        `/api/offices/${office}/tickets`,
        { serviceId },
        10_000,
        credentials.kiosk[office] ?? {},
      );
      if (answer.status !== 201)
        throw new Error(`filling the queue: ${answer.status} ${answer.body.slice(0, 200)}`);
      tokens.push((JSON.parse(answer.body) as { token: string }).token);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  agent.destroy();
  return tokens;
}

/** Call-next at a counter over HTTP as the bench clerk: the answer, and how long it took. */
export async function callNext(
  agent: Agent,
  base: string,
  office: string,
  counter: string,
  timeoutMs: number,
): Promise<{ answer: HttpAnswer; ms: number }> {
  const t0 = performance.now();
  const answer = await httpJson(
    agent,
    base,
    "POST",
    `/api/offices/${office}/counters/${counter}/call-next`,
    {},
    timeoutMs,
    credentials.clerk,
  );
  return { answer, ms: performance.now() - t0 };
}
