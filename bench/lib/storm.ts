/**
 * Reconnect storm (issue 14, point 5): 50 displays and 1,000 phones following
 * their tickets lose their sockets at once (an office's Wi-Fi drops, the
 * server restarts) and reconnect at once. Measured: the time from the drop
 * until each socket has its fresh first frame (a display's snapshot, a
 * phone's ticket), and whether a call made during the storm still reaches
 * every display (in its snapshot or as an event). Bench clients reconnect
 * with no back-off: the worst case, harder than the apps' own jittered delays.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { callNext, credentials, httpJson, newAgent, WALK_IN_SERVICES } from "./load";
import { fmt, table, verdict } from "./report";
import { type CpuUse, type ServerUnderTest, withCpu } from "./servers";
import { type Distribution, distribution } from "./stats";

export const STORM_TARGET = { allResyncedMs: 3000 } as const;
/** Sockets wait this long for their first frame after reconnecting before counting as not resynced. */
export const STORM_SETTINGS = { displays: 50, phones: 1000, timeoutMs: 15_000 } as const;

export interface StormResult {
  displays: number;
  phones: number;
  /** Per socket: drop → its first frame after reconnecting. */
  resyncMs: Distribution;
  /** Drop → the last socket resynced (the target). */
  allResyncedMs: number;
  /** Sockets not resynced within the time allowed, and refusals by close code. */
  notResynced: number;
  refusals: Record<string, number>;
  /** The call made in the middle of the storm: displays that showed it, of all. */
  callSeenBy: number;
  callAnswerMs: number;
}

interface Follower {
  url: string;
  headers: Record<string, string>;
  localAddress?: string;
  /** The first frame that counts as a fresh view. */
  firstFrame: string;
  socket?: WebSocket;
  /** Every frame the current socket received, first frame included. */
  frames: string[];
}

/**
 * Phones come from many addresses, as in a waiting room: the per-address socket cap
 * (100) is for one abuser. Under wrangler dev the Worker reads `CF-Connecting-IP`;
 * a server that takes the connection's address sees the loopback address bound here.
 */
function phoneOrigin(index: number): { headers: Record<string, string>; localAddress: string } {
  const network = Math.floor(index / 10);
  return {
    headers: { "cf-connecting-ip": `10.77.${network >> 8}.${network & 255}` },
    localAddress: `127.0.${1 + (network >> 8)}.${1 + (network & 255)}`,
  };
}

/** Opens a socket; resolves with the time its first frame arrived, or rejects with its close code. */
function follow(follower: Follower, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(follower.url, {
      headers: follower.headers,
      localAddress: follower.localAddress,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    follower.socket = ws;
    follower.frames = [];
    ws.on("message", (data: WebSocket.RawData) => follower.frames.push(String(data)));
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("timeout"));
    }, timeoutMs);
    ws.once("message", (data: WebSocket.RawData) => {
      clearTimeout(timer);
      if (String(data).startsWith(follower.firstFrame)) resolve(performance.now());
      else reject(new Error(`first frame: ${String(data).slice(0, 60)}`));
    });
    ws.once("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`closed ${code}`));
    });
    ws.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Did this display socket learn of the call: its snapshot (taken after the call) shows
 * the ticket called, or a `ticketCalled` event for it came afterwards?
 */
function showsCall(frames: string[], ticketId: string): boolean {
  return frames.some((text) => {
    const frame = JSON.parse(text) as {
      type: string;
      state?: { tickets: Record<string, { status: string }> };
      events?: { type: string; ticketId?: string }[];
    };
    if (frame.type === "snapshot") return frame.state?.tickets[ticketId]?.status === "called";
    return (frame.events ?? []).some((e) => e.type === "ticketCalled" && e.ticketId === ticketId);
  });
}

/** Issues `count` tickets from the office's kiosk; answers their tracking tokens. */
async function issueTickets(base: string, office: string, count: number): Promise<string[]> {
  const agent = newAgent(16);
  const tokens: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const answer = await httpJson(
        agent,
        base,
        "POST",
        `/api/offices/${office}/tickets`,
        { serviceId: WALK_IN_SERVICES[index % WALK_IN_SERVICES.length] },
        10_000,
        credentials.kiosk[office] ?? {},
      );
      if (answer.status !== 201)
        throw new Error(`issuing a phone's ticket: ${answer.status} ${answer.body.slice(0, 200)}`);
      tokens.push((JSON.parse(answer.body) as { token: string }).token);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  return tokens;
}

export async function reconnectStorm(
  base: string,
  office: string,
  opts: { displays: number; phones: number; counter: string; timeoutMs: number },
): Promise<StormResult> {
  const ws = base.replace(/^http/, "ws");
  const live = `${ws}/api/offices/${office}/live?v=1`;
  const tokens = await issueTickets(base, office, opts.phones);
  const followers: Follower[] = [
    ...Array.from({ length: opts.displays }, () => ({
      url: `${live}&role=display`,
      headers: credentials.display[office] ?? {},
      firstFrame: '{"type":"snapshot"',
      frames: [],
    })),
    ...tokens.map((token, index) => ({
      url: `${live}&role=ticket&token=${token}`,
      ...phoneOrigin(index),
      firstFrame: '{"type":"ticket"',
      frames: [],
    })),
  ];
  // Everyone connected and settled, as in a working office.
  for (let from = 0; from < followers.length; from += 100)
    await Promise.all(followers.slice(from, from + 100).map((f) => follow(f, opts.timeoutMs)));
  await sleep(500);

  // The drop: every socket cut at once, without a closing handshake (a Wi-Fi drop).
  const droppedAt = performance.now();
  for (const follower of followers) follower.socket?.terminate();
  const refusals: Record<string, number> = {};
  const resynced = followers.map((follower) =>
    follow(follower, opts.timeoutMs).then(
      (at) => at - droppedAt,
      (error: Error) => {
        refusals[error.message] = (refusals[error.message] ?? 0) + 1;
        return Number.NaN;
      },
    ),
  );

  // A call in the middle of the storm: every display must show it, by event or snapshot.
  const agent = newAgent(1);
  const { answer: called, ms: callAnswerMs } = await callNext(
    agent,
    base,
    office,
    opts.counter,
    10_000,
  );
  agent.destroy();
  if (called.status !== 200) throw new Error(`call-next during the storm: ${called.status}`);
  const ticketId = (
    JSON.parse(called.body) as { events: { type: string; ticketId?: string }[] }
  ).events.find((event) => event.type === "ticketCalled")?.ticketId;

  const times = await Promise.all(resynced);
  await sleep(500);
  const callSeenBy = followers
    .slice(0, opts.displays)
    .filter((follower) => ticketId !== undefined && showsCall(follower.frames, ticketId)).length;
  for (const follower of followers) follower.socket?.terminate();

  const ok = times.filter((t) => !Number.isNaN(t));
  return {
    displays: opts.displays,
    phones: opts.phones,
    resyncMs: distribution(ok),
    allResyncedMs: ok.length === times.length ? Math.round(Math.max(...ok)) : Number.NaN,
    notResynced: times.length - ok.length,
    refusals,
    callSeenBy,
    callAnswerMs: Math.round(callAnswerMs * 100) / 100,
  };
}

export type StormRun = StormResult & { cpu: CpuUse; serverRestarted: boolean };

/** The storm on one server, with how busy it kept the server's CPU, logged as it goes. */
export async function measureStorm(
  server: ServerUnderTest,
  office: string,
  counter: string,
  log: (line: string) => void,
): Promise<StormRun> {
  log(
    `\n[${server.label}] reconnect storm: ${STORM_SETTINGS.displays} displays + ${fmt.int(STORM_SETTINGS.phones)} phones dropped at once`,
  );
  // The phones' tickets are issued first (outside the measured part); the CPU is the whole storm's.
  const { result, cpu } = await withCpu(server, () =>
    reconnectStorm(server.base, office, { ...STORM_SETTINGS, counter }),
  );
  const stormed = { ...result, cpu, serverRestarted: server.restarted() };
  log(
    `  all resynced in ${fmt.ms(result.allResyncedMs)} (per socket p50 ${fmt.ms(result.resyncMs.p50)}, p99 ${fmt.ms(result.resyncMs.p99)}); not resynced ${result.notResynced} ${JSON.stringify(result.refusals)}; the call made meanwhile (answered in ${fmt.ms(result.callAnswerMs)}) reached ${result.callSeenBy} of ${result.displays} displays`,
  );
  return stormed;
}

export function printStorm(r: StormRun, label: string, log: (line: string) => void): boolean {
  const pass =
    r.allResyncedMs <= STORM_TARGET.allResyncedMs &&
    r.notResynced === 0 &&
    r.callSeenBy === r.displays &&
    !r.serverRestarted;
  log(`\n━━ [${label}] Reconnect storm: ${r.displays} displays + ${fmt.int(r.phones)} phones ━━`);
  log(
    table(
      ["", label, "target", "result"],
      [
        [
          "drop → every socket resynced",
          fmt.ms(r.allResyncedMs),
          `≤ ${fmt.int(STORM_TARGET.allResyncedMs)} ms`,
          verdict(pass),
        ],
        ["  per socket p50 / p99", `${fmt.ms(r.resyncMs.p50)} / ${fmt.ms(r.resyncMs.p99)}`, "", ""],
        ["  not resynced", `${r.notResynced} ${JSON.stringify(r.refusals)}`, "0", ""],
        ["call made meanwhile: displays that saw it", `${r.callSeenBy} / ${r.displays}`, "all", ""],
        ["  its call-next answered in", fmt.ms(r.callAnswerMs), "", ""],
        ["server CPU (cores, whole storm incl. setup)", r.cpu.serverCores.toFixed(2), "", ""],
      ],
    ),
  );
  log(
    "  Clients reconnect at once with no back-off (harder than the apps' jittered delays); a display counts as resynced at its snapshot, a phone at its ticket frame.",
  );
  return pass;
}
