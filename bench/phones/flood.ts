/**
 * The flood of phones' ticket sockets (bench/lib/flood.ts), in its own
 * process so that its busy loop neither delays the bench's display sockets
 * (their frames' arrival times are the measurement) nor counts as the
 * bench's CPU. Started by path with Node's type stripping: it imports
 * nothing from the project.
 *
 * Each phone opens a ticket socket (role=ticket, a real tracking token),
 * sends frames as fast as its socket drains — pings, syncs, a command a
 * phone may not send, broken JSON, frames at and over the 16 KB limit,
 * binary junk — and opens a new one the moment it is closed, refused or
 * not, as an abusive client would. Addresses: with `addresses` > 0, phone i
 * sends `CF-Connecting-IP: 198.18.x.y` (the benchmarking range, RFC 2544),
 * one of `addresses`; wrangler dev keeps a loopback client's header as the
 * caller's address, so this stands for that many phones' networks (on a
 * deployed host Cloudflare sets the header itself). With 0, every socket is
 * 127.0.0.1: one abusive client.
 *
 * Parent → child (IPC): "stop". Child → parent: { type: "result", … } once
 * every socket is closed, then it exits.
 */
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

interface FloodConfig {
  base: string;
  office: string;
  tokens: string[];
  phones: number;
  addresses: number;
  /** Frames per second across all phones; null: each as fast as its socket drains. */
  framesPerSecond: number | null;
  /** New sockets per second across all phones once closed; null: at once. */
  connectsPerSecond: number | null;
}

const config = JSON.parse(process.argv[2] ?? "{}") as FloodConfig;
const LIMIT = 16 * 1024;
const FRAMES: (string | Buffer)[] = [
  "ping",
  '{"type":"sync"}',
  JSON.stringify({
    type: "command",
    requestId: "flood",
    command: {
      type: "issueTicket",
      serviceId: "urp",
      priority: false,
      lang: null,
      channel: "kiosk",
    },
  }),
  '{"type":"command","requestId":',
  JSON.stringify({ type: "sync", junk: "x".repeat(LIMIT - 32) }),
  "y".repeat(LIMIT + 1),
  Buffer.alloc(LIMIT, 0xa5),
  "ping",
];
/** BENCH_FLOOD_BYTES: only frames up to this size (the default sends some at and over the limit). */
const MAX_FRAME_BYTES = Number(process.env.BENCH_FLOOD_BYTES ?? LIMIT + 1);
const SENT_FRAMES = FRAMES.filter(
  (frame) =>
    (typeof frame === "string" ? Buffer.byteLength(frame) : frame.length) <= MAX_FRAME_BYTES,
);
/** Stop writing to a socket while this much is still queued in it: "as fast as it drains". */
const HIGH_WATER_BYTES = 64 * 1024;

const stats = {
  attempts: 0,
  /** First frame from the office: `ticket` (followed) or `error` with its code. */
  firstFrames: {} as Record<string, number>,
  closeCodes: {} as Record<string, number>,
  handshakeErrors: 0,
  /** The first few reasons a handshake failed, for the log. */
  handshakeErrorSamples: [] as string[],
  framesSent: 0,
  bytesSent: 0,
  framesReceived: 0,
  maxOpen: 0,
};
let open = 0;
let stopping = false;
const sockets = new Set<WebSocket>();
const started = performance.now();
const wsBase = config.base.replace(/^http/, "ws");
const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

/**
 * The phone's network: under wrangler dev the header, on a server that takes the
 * connection's address (npm run serve) the loopback address the socket is bound to.
 */
function addressOf(phone: number): { headers: Record<string, string>; localAddress?: string } {
  if (config.addresses <= 0) return { headers: {} };
  const n = phone % config.addresses;
  return {
    headers: { "cf-connecting-ip": `198.18.${Math.floor(n / 256)}.${n % 256}` },
    localAddress: `127.18.${Math.floor(n / 256)}.${1 + (n % 256)}`,
  };
}

/** BENCH_FLOOD_MESSAGES=0: sockets only, no frames (to tell the two costs apart). */
const SEND_FRAMES = process.env.BENCH_FLOOD_MESSAGES !== "0";

/**
 * Frames the rate allows now (paced floods only): a token bucket holding at most a tenth
 * of a second's frames, so that a quiet moment (sockets still opening) is not made up
 * later in one burst.
 */
type Bucket = { tokens: number; at: number };
const bucket: Bucket = { tokens: 0, at: performance.now() };
function refill(b: Bucket, rate: number | null | undefined): number {
  if (rate === null || rate === undefined) return Number.POSITIVE_INFINITY;
  const now = performance.now();
  b.tokens = Math.min(Math.max(1, rate / 10), b.tokens + ((now - b.at) / 1000) * rate);
  b.at = now;
  return b.tokens;
}
const allowance = () => refill(bucket, config.framesPerSecond);

/** Reconnects the same way, when BENCH_FLOOD_CONNECT_RATE paces them. */
const connects: Bucket = { tokens: 0, at: performance.now() };
function reconnect(index: number, attempt: number): void {
  if (stopping) return;
  if (refill(connects, config.connectsPerSecond) < 1) {
    setTimeout(reconnect, 5, index, attempt);
    return;
  }
  connects.tokens--;
  phone(index, attempt);
}

function pump(ws: WebSocket, next: number): void {
  if (!SEND_FRAMES || stopping || ws.readyState !== WebSocket.OPEN) return;
  let i = next;
  // Paced and nothing allowed now: look again shortly, without spinning.
  if (allowance() < 1) {
    setTimeout(pump, 5, ws, i);
    return;
  }
  for (let n = 0; n < 16 && ws.bufferedAmount < HIGH_WATER_BYTES && allowance() >= 1; n++) {
    const frame = SENT_FRAMES[i++ % SENT_FRAMES.length]!;
    ws.send(frame);
    bucket.tokens--;
    stats.framesSent++;
    stats.bytesSent += typeof frame === "string" ? Buffer.byteLength(frame) : frame.length;
  }
  setImmediate(pump, ws, i);
}

function phone(index: number, attempt: number): void {
  if (stopping) return;
  stats.attempts++;
  const token = config.tokens[(index + attempt) % config.tokens.length]!;
  const ws = new WebSocket(
    `${wsBase}/api/offices/${config.office}/live?v=1&role=ticket&token=${encodeURIComponent(token)}`,
    { ...addressOf(index), perMessageDeflate: false, handshakeTimeout: 15_000 },
  );
  sockets.add(ws);
  let first = true;
  let opened = false;
  ws.on("open", () => {
    opened = true;
    open++;
    stats.maxOpen = Math.max(stats.maxOpen, open);
    pump(ws, index);
  });
  ws.on("message", (data) => {
    stats.framesReceived++;
    if (!first) return;
    first = false;
    const text = String(data);
    const code = /"code":"([a-z_]+)"/.exec(text)?.[1];
    count(stats.firstFrames, text.startsWith('{"type":"ticket"') ? "ticket" : `error ${code}`);
  });
  ws.on("error", (error) => {
    if (opened || stopping) return;
    stats.handshakeErrors++;
    if (stats.handshakeErrorSamples.length < 5) stats.handshakeErrorSamples.push(error.message);
  });
  ws.on("close", (code) => {
    sockets.delete(ws);
    if (opened) open--;
    if (!stopping) count(stats.closeCodes, String(code));
    // A new socket at once (or as the connect rate allows), whatever the close said: the abusive client.
    if (!stopping) setImmediate(reconnect, index, attempt + 1);
    else if (sockets.size === 0) finish();
  });
}

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  process.send?.({ type: "result", ...stats, seconds: (performance.now() - started) / 1000 });
  setTimeout(() => process.exit(0), 200);
}

process.on("message", (message) => {
  if (message !== "stop") return;
  stopping = true;
  if (sockets.size === 0) finish();
  for (const ws of sockets) ws.terminate();
  setTimeout(finish, 5000);
});
// The bench went away: so does its flood.
process.on("disconnect", () => process.exit(0));

// Progress in the flood's log (the bench keeps it when a run fails).
setInterval(() => process.stdout.write(`${JSON.stringify({ open, ...stats })}\n`), 1000).unref();

for (let i = 0; i < config.phones; i++) phone(i, 0);
