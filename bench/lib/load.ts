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

const liveUrl = (base: string, office: string, role: string) =>
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

// ── 2. Display sockets and call-to-display latency ────────────────────────

export interface DisplayFleet {
  size: number;
  /** Bytes of the snapshot each socket got on connect (the first one's). */
  snapshotBytes: number;
  connectMs: number;
  /** Sockets that closed or errored after connecting, and why. */
  dropped: () => number;
  errors: () => string[];
  /** Arrival time (performance.now) per socket of `eventType` for `ticketId`. */
  arrivals: (eventType: string, ticketId: string) => Float64Array;
  /** Waits until `n` sockets have seen the event, or the timeout passes. Returns how many did. */
  waitFor: (eventType: string, ticketId: string, timeoutMs: number) => Promise<number>;
  close: () => Promise<void>;
}

interface EventLike {
  type?: string;
  ticketId?: string;
}

/** Opens `size` display sockets (in batches) and resolves once each has its snapshot. */
export async function connectDisplays(
  base: string,
  office: string,
  size: number,
  batch = 50,
): Promise<DisplayFleet> {
  const url = liveUrl(base, office, "display");
  const sockets: WebSocket[] = [];
  const seen = new Map<string, { times: Float64Array; count: number; waiters: (() => void)[] }>();
  const errors: string[] = [];
  let dropped = 0;
  let closing = false;
  let snapshotBytes = 0;

  const slot = (key: string) => {
    let entry = seen.get(key);
    if (!entry) {
      entry = { times: new Float64Array(size).fill(Number.NaN), count: 0, waiters: [] };
      seen.set(key, entry);
    }
    return entry;
  };

  const onFrame = (index: number, data: WebSocket.RawData) => {
    const now = performance.now();
    const text = String(data);
    if (!text.startsWith('{"type":"events"')) return;
    const frame = JSON.parse(text) as { events: EventLike[] };
    for (const event of frame.events) {
      if (!event.type || !event.ticketId) continue;
      const entry = slot(`${event.type}:${event.ticketId}`);
      if (Number.isNaN(entry.times[index]!)) {
        entry.times[index] = now;
        entry.count++;
        if (entry.count === size) for (const wake of entry.waiters.splice(0)) wake();
      }
    }
  };

  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: credentials.display[office] ?? {},
        perMessageDeflate: false,
        handshakeTimeout: 20_000,
      });
      sockets[index] = ws;
      let connected = false;
      ws.once("message", (data: WebSocket.RawData) => {
        if (!String(data).startsWith('{"type":"snapshot"')) {
          reject(new Error(`display ${index}: first frame was not a snapshot`));
          return;
        }
        if (index === 0) snapshotBytes = Buffer.byteLength(String(data));
        connected = true;
        ws.on("message", (frame: WebSocket.RawData) => onFrame(index, frame));
        resolve();
      });
      ws.on("error", (error) => {
        if (!connected) reject(error);
        else if (!closing) errors.push(`display ${index}: ${error.message}`);
      });
      ws.on("close", (code, reason) => {
        if (!connected) reject(new Error(`display ${index} closed (${code}) before its snapshot`));
        else if (!closing) {
          dropped++;
          errors.push(`display ${index} closed: ${code} ${String(reason)}`);
        }
      });
    });

  const t0 = performance.now();
  for (let from = 0; from < size; from += batch) {
    const indices = Array.from({ length: Math.min(batch, size - from) }, (_, i) => from + i);
    await Promise.all(indices.map(open));
  }
  const connectMs = performance.now() - t0;

  return {
    size,
    snapshotBytes,
    connectMs,
    dropped: () => dropped,
    errors: () => errors,
    arrivals: (type, ticketId) =>
      seen.get(`${type}:${ticketId}`)?.times ?? new Float64Array(size).fill(Number.NaN),
    waitFor: async (type, ticketId, timeoutMs) => {
      const entry = slot(`${type}:${ticketId}`);
      if (entry.count < size) {
        await Promise.race([
          new Promise<void>((resolve) => entry.waiters.push(resolve)),
          sleep(timeoutMs),
        ]);
      }
      return entry.count;
    },
    close: async () => {
      closing = true;
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              const timer = setTimeout(() => {
                ws.terminate();
                resolve();
              }, 3000);
              ws.once("close", () => {
                clearTimeout(timer);
                resolve();
              });
              ws.close();
            }),
        ),
      );
    },
  };
}

export interface LatencyResult {
  sockets: number;
  calls: number;
  /** Every (socket × call) delivery: arrival − the moment the call-next request was sent. */
  latencyMs: Distribution;
  /** Per call: first and last socket to get the frame (ms after the request). */
  firstDeliveryMs: Distribution;
  lastDeliveryMs: Distribution;
  /** call-next HTTP answer time. */
  callAnswerMs: Distribution;
  missed: number;
  dropped: number;
  errors: string[];
  snapshotBytes: number;
  connectMs: number;
}

/**
 * Repeats: t0 → POST call-next on the next counter → every display's ticketCalled
 * frame for that ticket; then POST complete on that counter and let its frame
 * reach every screen before the next call (so calls never overlap).
 */
export async function measureCalls(
  base: string,
  office: string,
  fleet: DisplayFleet,
  opts: {
    counters: readonly string[];
    /** Measured calls wanted; fewer (but at least `minCalls`) if `budgetMs` runs out first. */
    calls: number;
    minCalls: number;
    budgetMs: number;
    warmupCalls: number;
    deliveryTimeoutMs: number;
    /** No new call after this long, even short of minCalls: an office under attack may answer each slowly. */
    hardStopMs?: number;
  },
): Promise<LatencyResult> {
  const agent = newAgent(2);
  const latencies: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  const answers: number[] = [];
  let missed = 0;
  let measured = 0;
  const started = performance.now();
  const total = opts.warmupCalls + opts.calls;
  for (let i = 0; i < total; i++) {
    const elapsed = performance.now() - started;
    if (measured >= opts.minCalls && elapsed > opts.budgetMs) break;
    if (opts.hardStopMs !== undefined && elapsed > opts.hardStopMs) break;
    const counter = opts.counters[i % opts.counters.length]!;
    const t0 = performance.now();
    const called = await httpJson(
      agent,
      base,
      "POST",
      `/api/offices/${office}/counters/${counter}/call-next`,
      {},
      10_000,
      credentials.clerk,
    );
    const answeredAt = performance.now();
    if (called.status !== 200)
      throw new Error(`call-next on ${counter}: ${called.status} ${called.body.slice(0, 300)}`);
    const body = JSON.parse(called.body) as { events: EventLike[] };
    const ticketId = body.events.find((e) => e.type === "ticketCalled")?.ticketId;
    if (!ticketId) throw new Error(`call-next on ${counter} answered without a ticketCalled event`);
    const got = await fleet.waitFor("ticketCalled", ticketId, opts.deliveryTimeoutMs);
    if (i >= opts.warmupCalls) {
      measured++;
      missed += fleet.size - got;
      answers.push(answeredAt - t0);
      let first = Number.POSITIVE_INFINITY;
      let last = 0;
      for (const at of fleet.arrivals("ticketCalled", ticketId)) {
        if (Number.isNaN(at)) continue;
        const ms = at - t0;
        latencies.push(ms);
        if (ms < first) first = ms;
        if (ms > last) last = ms;
      }
      if (got > 0) {
        firsts.push(first);
        lasts.push(last);
      }
    }
    const done = await httpJson(
      agent,
      base,
      "POST",
      `/api/offices/${office}/counters/${counter}/complete`,
      {},
      10_000,
      credentials.clerk,
    );
    if (done.status !== 200)
      throw new Error(`complete on ${counter}: ${done.status} ${done.body.slice(0, 300)}`);
    await fleet.waitFor("ticketCompleted", ticketId, opts.deliveryTimeoutMs);
  }
  agent.destroy();
  return {
    sockets: fleet.size,
    calls: measured,
    latencyMs: distribution(latencies),
    firstDeliveryMs: distribution(firsts),
    lastDeliveryMs: distribution(lasts),
    callAnswerMs: distribution(answers),
    missed,
    dropped: fleet.dropped(),
    errors: fleet.errors().slice(0, 10),
    snapshotBytes: fleet.snapshotBytes,
    connectMs: Math.round(fleet.connectMs),
  };
}
