/**
 * The three servers under test, started and measured the same way: Turno under
 * `wrangler dev` (from a snapshot of the working tree), Turno on workerd itself
 * (`npm run serve`'s startServe, same snapshot) and the baseline Node `ws`
 * server, each on loopback.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { startServe } from "../../scripts/serve/server";
import { httpJson, newAgent } from "./load";
import {
  adoptProcess,
  cmdline,
  cpuSeconds,
  descendantsOf,
  rssBytes,
  type Started,
  startProcess,
} from "./proc";

export const HOST = "127.0.0.1";

/** The operator's token of the bench's throwaway server (set up and torn down by the bench). */
export const BENCH_SETUP_TOKEN = "bench-operator-token-not-a-secret-0123456789";

export const SERVER_KEYS = ["turno", "serve", "baseline"] as const;
/** turno: wrangler dev; serve: `npm run serve` (workerd alone); baseline: the Node `ws` server. */
export type ServerKey = (typeof SERVER_KEYS)[number];

/**
 * The Worker's settings both Turno servers get: the bench is one kiosk issuing as fast as
 * it can, so the per-device and per-address ticket limits are lifted.
 */
const LIFTED_LIMITS = {
  TURNO_TICKETS_PER_DEVICE_PER_MINUTE: "100000000",
  TURNO_TICKETS_PER_ADDRESS_PER_MINUTE: "100000000",
};

export interface ServerUnderTest {
  key: ServerKey;
  label: string;
  base: string;
  /** Processes whose memory and CPU count as the server's, with a short role. */
  processes: () => { pid: number; role: string }[];
  /** True if the server's processes are not the ones seen at start (a reload or a crash). */
  restarted: () => boolean;
}

export async function waitForHealth(
  base: string,
  handle: Started,
  timeoutMs: number,
): Promise<void> {
  const agent = newAgent(1);
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  handle.exited.then(() => {
    exited = true;
  });
  try {
    while (Date.now() < deadline) {
      if (exited) throw new Error(`${handle.name} exited during start-up (log: ${handle.logFile})`);
      try {
        const answer = await httpJson(agent, base, "GET", "/api/health", undefined, 5000);
        if (answer.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(
      `${handle.name} did not answer ${base}/api/health within ${timeoutMs / 1000} s (log: ${handle.logFile})`,
    );
  } finally {
    agent.destroy();
  }
}

export async function assertPortFree(port: number): Promise<void> {
  const agent = newAgent(1);
  try {
    await httpJson(agent, `http://${HOST}:${port}`, "GET", "/", undefined, 1000);
  } catch {
    return; // nothing listening: good
  } finally {
    agent.destroy();
  }
  throw new Error(`port ${port} is already in use; stop whatever listens there and retry`);
}

export interface SourceSnapshot {
  dir: string;
  files: number;
  /** What was measured: "working tree at <commit>[ + uncommitted changes]" or "<ref> (<commit>)". */
  description: string;
}

/**
 * Copies the sources to measure into `into`, with node_modules linked: the
 * working tree (tracked and untracked files, not ignored ones), or the commit
 * `ref` names. wrangler dev watches its sources and restarts workerd when one
 * changes, which would drop every socket if someone saved a file mid-run; the
 * bench measures the sources as they were when it started.
 */
export function snapshotSources(root: string, into: string, ref?: string): SourceSnapshot {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root }).toString();
  mkdirSync(into, { recursive: true });
  let copied = 0;
  let description: string;
  if (ref) {
    const commit = git("rev-parse", "--short", "--verify", `${ref}^{commit}`).trim();
    const tar = join(dirname(into), "source.tar");
    git("archive", "--format=tar", `--output=${tar}`, commit);
    execFileSync("tar", ["-xf", tar, "-C", into]);
    copied = git("ls-tree", "-r", "--name-only", commit).split("\n").filter(Boolean).length;
    description = `${ref} (${commit})`;
  } else {
    const files = git("ls-files", "-z", "--cached", "--others", "--exclude-standard")
      .split("\0")
      .filter((file) => file !== "" && !file.startsWith("bench/results/"));
    for (const file of files) {
      const from = join(root, file);
      if (!existsSync(from)) continue; // deleted but still tracked
      mkdirSync(dirname(join(into, file)), { recursive: true });
      cpSync(from, join(into, file));
      copied++;
    }
    const commit = git("rev-parse", "--short", "HEAD").trim();
    const dirty = git("status", "--porcelain").trim() !== "";
    description = `working tree at ${commit}${dirty ? " + uncommitted changes" : ""}`;
  }
  symlinkSync(join(root, "node_modules"), join(into, "node_modules"), "dir");
  // wrangler.toml serves assets from ./dist/public: bring the built apps if any, else an empty folder.
  const assets = join(root, "dist", "public");
  mkdirSync(join(into, "dist", "public"), { recursive: true });
  if (existsSync(assets)) cpSync(assets, join(into, "dist", "public"), { recursive: true });
  return { dir: into, files: copied, description };
}

export async function startTurno(opts: {
  root: string;
  srcDir: string;
  stateDir: string;
  logDir: string;
  port: number;
  logLevel: string;
  /** wrangler's local tracing of every invocation (X_LOCAL_OBSERVABILITY). */
  localObservability: boolean;
}): Promise<ServerUnderTest> {
  const handle = startProcess(
    "wrangler dev",
    process.execPath,
    [
      join(opts.root, "node_modules", "wrangler", "bin", "wrangler.js"),
      "dev",
      "--port",
      String(opts.port),
      "--ip",
      HOST,
      "--persist-to",
      opts.stateDir,
      "--show-interactive-dev-session=false",
      "--log-level",
      opts.logLevel,
      "--var",
      `TURNO_SETUP_TOKEN:${BENCH_SETUP_TOKEN}`,
      "--var",
      `TURNO_BOOKING_PROOF_KEY:${BENCH_SETUP_TOKEN}-booking-proof`,
      // Plain http on this machine, as `npm start` serves an office (README "Running it").
      "--var",
      "TURNO_LAN:1",
      ...Object.entries(LIFTED_LIMITS).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    {
      cwd: opts.srcDir,
      env: {
        ...process.env,
        // wrangler re-executes itself with the `node` on PATH: make it the project's Node.
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
        WRANGLER_SEND_METRICS: "false",
        X_LOCAL_OBSERVABILITY: String(opts.localObservability),
        CI: "1",
      },
      logFile: join(opts.logDir, "wrangler.log"),
    },
  );
  const base = `http://${HOST}:${opts.port}`;
  await waitForHealth(base, handle, 90_000);
  const workerd = () =>
    descendantsOf(handle.pid)
      .filter((pid) => /\bworkerd\b/.test(cmdline(pid)))
      .map((pid) => ({
        pid,
        role: cmdline(pid).includes(`entry=${HOST}:${opts.port}`)
          ? "workerd: wrangler dev proxy"
          : "workerd: Worker + Durable Object",
      }));
  const pids = () =>
    workerd()
      .map((p) => p.pid)
      .sort()
      .join(",");
  const initial = pids();
  if (initial === "") throw new Error("could not find wrangler's workerd processes");
  return {
    key: "turno",
    label: "wrangler dev",
    base,
    processes: workerd,
    restarted: () => pids() !== initial,
  };
}

/**
 * Turno as `npm run serve` runs it (scripts/serve/server.ts): workerd alone, on plain
 * http (TURNO_PLAIN_HTTP=1) so that it compares like with like with wrangler dev and the
 * baseline, with the same settings as wrangler dev gets. The operator token is the
 * bench's, written to the state folder's secrets file (0600) before the first start.
 */
export async function startServeUnderTest(opts: {
  srcDir: string;
  stateDir: string;
  logDir: string;
  port: number;
}): Promise<ServerUnderTest> {
  mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(opts.stateDir, "secrets.env"),
    `TURNO_SETUP_TOKEN=${BENCH_SETUP_TOKEN}\nTURNO_BOOKING_PROOF_KEY=${BENCH_SETUP_TOKEN}-booking-proof\n`,
    { mode: 0o600 },
  );
  const running = await startServe({
    root: opts.srcDir,
    stateDir: opts.stateDir,
    publicDir: join(opts.srcDir, "dist", "public"),
    host: HOST,
    port: opts.port,
    tls: null,
    trustedProxies: [],
    workerSettings: LIFTED_LIMITS,
    output: { file: join(opts.logDir, "serve.log") },
    startTimeoutMs: 90_000,
  });
  const pid = running.workerd.pid;
  if (pid === undefined) throw new Error("npm run serve's workerd has no pid");
  adoptProcess(pid, () => running.stop(2000));
  return {
    key: "serve",
    label: "npm run serve",
    base: running.url,
    processes: () => [{ pid, role: "workerd: npm run serve" }],
    restarted: () => running.workerd.exitCode !== null || running.workerd.signalCode !== null,
  };
}

export async function startBaseline(opts: {
  root: string;
  logDir: string;
  port: number;
}): Promise<ServerUnderTest> {
  const handle = startProcess(
    "baseline",
    process.execPath,
    [
      "--disable-warning=ExperimentalWarning",
      "--expose-gc",
      join(opts.root, "bench", "baseline", "server.ts"),
      String(opts.port),
    ],
    { cwd: opts.root, env: { ...process.env }, logFile: join(opts.logDir, "baseline.log") },
  );
  const base = `http://${HOST}:${opts.port}`;
  await waitForHealth(base, handle, 20_000);
  return {
    key: "baseline",
    label: "baseline",
    base,
    processes: () => [{ pid: handle.pid, role: "node: baseline ws server" }],
    restarted: () => handle.child.exitCode !== null || handle.child.signalCode !== null,
  };
}

// ── measuring the servers ────────────────────────────────────────────────

export interface MemorySample {
  totalBytes: number;
  byProcess: { pid: number; role: string; rssBytes: number }[];
}

/**
 * The server's memory once garbage is collected: the baseline's Node collects on request,
 * else garbage from the phase before is counted, or freed between two samples (a negative
 * memory per socket); workerd returns what V8 frees by itself.
 */
export async function settledMemoryOf(server: ServerUnderTest): Promise<MemorySample> {
  if (server.key === "baseline") {
    const answer = await fetch(`${server.base}/api/bench/gc`, { method: "POST" });
    await answer.body?.cancel();
  }
  return memoryOf(server);
}

export function memoryOf(server: ServerUnderTest): MemorySample {
  const byProcess = server.processes().map((p) => ({ ...p, rssBytes: rssBytes(p.pid) }));
  return { totalBytes: byProcess.reduce((sum, p) => sum + p.rssBytes, 0), byProcess };
}

const serverCpu = (server: Pick<ServerUnderTest, "processes">) =>
  server.processes().reduce((sum, p) => sum + cpuSeconds(p.pid), 0);

/** Busy CPU seconds of the whole machine so far, from /proc/stat. */
function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100
  );
}

export interface CpuUse {
  /** CPU seconds the server's processes used per wall second (1.0 = one core busy). */
  serverCores: number;
  /** The same for the bench's own (client) process. */
  clientCores: number;
  /** Everything else on the machine (other people's processes): a noise indicator. */
  otherCores: number;
}

/** Runs `run` and reports how busy the server, the client and everything else kept the CPUs. */
export async function withCpu<T>(
  server: Pick<ServerUnderTest, "processes"> | null,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: CpuUse }> {
  const s0 = server ? serverCpu(server) : 0;
  const c0 = process.cpuUsage();
  const m0 = machineBusySeconds();
  const t0 = performance.now();
  const result = await run();
  const wall = (performance.now() - t0) / 1000;
  const serverUsed = server ? serverCpu(server) - s0 : 0;
  const c = process.cpuUsage(c0);
  const clientUsed = (c.user + c.system) / 1e6;
  const machine = machineBusySeconds() - m0;
  const perSecond = (x: number) => Math.round((x / wall) * 100) / 100;
  return {
    result,
    cpu: {
      serverCores: perSecond(serverUsed),
      clientCores: perSecond(clientUsed),
      otherCores: perSecond(Math.max(0, machine - serverUsed - clientUsed)),
    },
  };
}
