/**
 * Display sockets and call-to-display latency, run identically against Turno and the
 * baseline: a fleet of display sockets, and calls timed until every screen has them.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { callNext, credentials, httpJson, liveUrl, newAgent } from "./load";
import { type Distribution, distribution } from "./stats";

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
    // Deliveries count from the moment the request left, as its answer time does.
    const t0 = performance.now();
    const { answer: called, ms: answerMs } = await callNext(agent, base, office, counter, 10_000);
    if (called.status !== 200)
      throw new Error(`call-next on ${counter}: ${called.status} ${called.body.slice(0, 300)}`);
    const body = JSON.parse(called.body) as { events: EventLike[] };
    const ticketId = body.events.find((e) => e.type === "ticketCalled")?.ticketId;
    if (!ticketId) throw new Error(`call-next on ${counter} answered without a ticketCalled event`);
    const got = await fleet.waitFor("ticketCalled", ticketId, opts.deliveryTimeoutMs);
    if (i >= opts.warmupCalls) {
      measured++;
      missed += fleet.size - got;
      answers.push(answerMs);
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
