/**
 * The floor (issue 14: "if a target is out of reach on this runtime, show why with a
 * measurement"): a bare Worker + SQLite Durable Object (bench/floor/worker.ts) doing only
 * one INSERT per ticket, on the same workerd binary with wrangler.toml's compatibility date
 * and flags and its storage on local disk as `npm run serve` keeps it, loaded by the issues
 * phase's own load (load.ts) — 32 HTTP clients, a 32-command kiosk socket window. Turno on
 * serve is then shown as a share of that floor, and, where strace is installed, the durable
 * writes (fsync, fdatasync, pwrite64) each issue costs on both.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import * as esbuild from "esbuild";
import { text as capnpText } from "../../scripts/serve/workerd-config";
import { readWranglerSettings } from "../../scripts/serve/wrangler-settings";
import { issueOverHttp, issueOverKioskSocket } from "./load";
import { startProcess, stopProcess } from "./proc";
import { fmt, table } from "./report";
import { type ServerResults, type Throughput, throughput } from "./results";
import { HOST, type ServerUnderTest, waitForHealth, withCpu } from "./servers";

/** The floor's offices: one Durable Object each, as Turno's issues phase has. */
const FLOOR_OFFICES = { http: "floor", kiosk: "floor-kiosk" } as const;
/** The syscalls that make a SQLite commit durable, counted by strace. */
const WRITE_CALLS = ["fsync", "fdatasync", "pwrite64"] as const;
const STRACE_LOAD = { warmupMs: 0, durationMs: 2000, concurrency: 32 };

/** Durable-write syscalls per ticket issued over HTTP, over a short run under strace. */
export interface WritesPerIssue {
  issued: number;
  calls: Record<(typeof WRITE_CALLS)[number], number>;
  perIssue: Record<(typeof WRITE_CALLS)[number], number>;
}

export interface FloorRun {
  http: Throughput;
  kiosk: Throughput;
  /** null where strace is not installed or could not attach. */
  writes: { floor: WritesPerIssue | null; serve: WritesPerIssue | null };
}

type Load = { warmupMs: number; durationMs: number; concurrency: number; window: number };

function floorConfig(
  settings: ReturnType<typeof readWranglerSettings>,
  storageDir: string,
  port: number,
): string {
  return `# The bench's floor (bench/lib/floor.ts): Turno's workerd settings, none of Turno.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "floor", worker = .floorWorker),
    (name = "floor-durable-objects", disk = (path = ${capnpText(storageDir)}, writable = true)),
  ],
  sockets = [(name = "floor", address = ${capnpText(`${HOST}:${port}`)}, http = (), service = "floor")],
);

const floorWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = ${capnpText(settings.compatibilityDate)},
  compatibilityFlags = [${settings.compatibilityFlags.map(capnpText).join(", ")}],
  bindings = [(name = "FLOOR", durableObjectNamespace = "FloorOffice")],
  durableObjectNamespaces = [(className = "FloorOffice", uniqueKey = "turno-bench-floor", enableSql = true)],
  durableObjectStorage = (localDisk = "floor-durable-objects"),
);
`;
}

async function startFloor(srcDir: string, workDir: string, port: number) {
  const runDir = join(workDir, "floor");
  const storageDir = join(runDir, "durable-objects");
  mkdirSync(storageDir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(srcDir, "bench", "floor", "worker.ts")],
    outfile: join(runDir, "worker.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["cloudflare:workers"],
    logLevel: "warning",
  });
  writeFileSync(
    join(runDir, "floor.capnp"),
    floorConfig(readWranglerSettings(srcDir), storageDir, port),
  );
  const handle = startProcess(
    "floor",
    join(srcDir, "node_modules", ".bin", "workerd"),
    ["serve", join(runDir, "floor.capnp")],
    { cwd: runDir, env: {}, logFile: join(workDir, "floor.log") },
  );
  const base = `http://${HOST}:${port}`;
  await waitForHealth(base, handle, 30_000);
  return { base, handle, processes: () => [{ pid: handle.pid, role: "workerd: bare floor" }] };
}

/** Counts WRITE_CALLS in every thread of `pid` while `load` runs; null without strace. */
async function countWrites(
  pid: number,
  load: () => Promise<number>,
): Promise<WritesPerIssue | null> {
  if (spawnSync("strace", ["-V"]).status !== 0) return null;
  const out = `/tmp/turno-floor-strace-${pid}-${Date.now()}.txt`;
  const strace = spawn(
    "strace",
    ["-c", "-f", "-e", `trace=${WRITE_CALLS.join(",")}`, "-o", out, "-p", String(pid)],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise<void>((resolve) => strace.once("exit", () => resolve()));
  await sleep(1000); // attaching to every thread takes a moment
  if (strace.exitCode !== null) return null;
  const issued = await load();
  strace.kill("SIGINT");
  await exited;
  let summary = "";
  try {
    summary = readFileSync(out, "utf8");
  } catch {
    return null;
  } finally {
    rmSync(out, { force: true });
  }
  const calls = Object.fromEntries(
    WRITE_CALLS.map((name) => {
      // "% time  seconds  usecs/call  calls  errors  syscall": calls is the 4th column.
      const row = summary.split("\n").find((line) => line.trim().split(/\s+/).at(-1) === name);
      return [name, row ? Number(row.trim().split(/\s+/)[3]) : 0];
    }),
  ) as WritesPerIssue["calls"];
  const perIssue = Object.fromEntries(
    WRITE_CALLS.map((name) => [
      name,
      issued > 0 ? Math.round((calls[name] / issued) * 100) / 100 : Number.NaN,
    ]),
  ) as WritesPerIssue["perIssue"];
  return { issued, calls, perIssue };
}

export async function measureFloor(opts: {
  srcDir: string;
  workDir: string;
  port: number;
  load: Load;
  /** Turno on serve, already loaded by the issues phase: its writes per issue beside the floor's. */
  serve: ServerUnderTest | null;
  serveOffice: string;
  log: (line: string) => void;
}): Promise<FloorRun> {
  const floor = await startFloor(opts.srcDir, opts.workDir, opts.port);
  try {
    opts.log(
      `\n[floor] bare Worker + SQLite Durable Object on ${floor.base}, one INSERT per ticket`,
    );
    const http = await withCpu(floor, () =>
      issueOverHttp(floor.base, FLOOR_OFFICES.http, opts.load),
    );
    opts.log(
      `  HTTP, ${opts.load.concurrency} clients: ${fmt.int(http.result.perSecond)} issues/s, ${http.result.failures} failed, p50 ${fmt.ms(http.result.latencyMs.p50)}; server cores ${http.cpu.serverCores}, other processes ${http.cpu.otherCores}`,
    );
    const kiosk = await withCpu(floor, () =>
      issueOverKioskSocket(floor.base, FLOOR_OFFICES.kiosk, opts.load),
    );
    opts.log(
      `  kiosk socket, ${opts.load.window} outstanding: ${fmt.int(kiosk.result.perSecond)} issues/s, ${kiosk.result.failures} failed, p50 ${fmt.ms(kiosk.result.latencyMs.p50)}; server cores ${kiosk.cpu.serverCores}, other processes ${kiosk.cpu.otherCores}`,
    );
    const strace = (base: string, office: string) => async () =>
      (await issueOverHttp(base, office, STRACE_LOAD)).issuedTotal;
    const floorWrites = await countWrites(floor.handle.pid, strace(floor.base, FLOOR_OFFICES.http));
    const servePid = opts.serve?.processes()[0]?.pid;
    const serveWrites =
      opts.serve && servePid !== undefined
        ? await countWrites(servePid, strace(opts.serve.base, opts.serveOffice))
        : null;
    return {
      http: throughput(http.result, http.cpu),
      kiosk: throughput(kiosk.result, kiosk.cpu),
      writes: { floor: floorWrites, serve: serveWrites },
    };
  } finally {
    await stopProcess(floor.handle, 2000);
  }
}

export interface FloorSummary {
  floorHttpPerSecond: number;
  floorKioskPerSecond: number;
  serveHttpPerSecond: number;
  serveKioskPerSecond: number;
  /** Turno on serve as a percentage of the floor, same run. */
  serveHttpPercentOfFloor: number;
  serveKioskPercentOfFloor: number;
}

const percent = (a: number, b: number) =>
  b > 0 && Number.isFinite(a) ? Math.round((a / b) * 1000) / 10 : Number.NaN;

export function printFloor(
  floor: FloorRun,
  serve: ServerResults,
  log: (line: string) => void,
): FloorSummary {
  const summary: FloorSummary = {
    floorHttpPerSecond: floor.http.perSecond,
    floorKioskPerSecond: floor.kiosk.perSecond,
    serveHttpPerSecond: serve.issueHttp?.perSecond ?? Number.NaN,
    serveKioskPerSecond: serve.issueKiosk?.perSecond ?? Number.NaN,
    serveHttpPercentOfFloor: percent(
      serve.issueHttp?.perSecond ?? Number.NaN,
      floor.http.perSecond,
    ),
    serveKioskPercentOfFloor: percent(
      serve.issueKiosk?.perSecond ?? Number.NaN,
      floor.kiosk.perSecond,
    ),
  };
  const pct = (x: number) => (Number.isFinite(x) ? `${x}%` : "—");
  const ms = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? "—" : `${x.toFixed(2)} ms`;
  const per = (w: WritesPerIssue | null, name: (typeof WRITE_CALLS)[number]) =>
    w ? String(w.perIssue[name]) : "—";
  const rows = [
    [
      "issues/s over HTTP (32 clients)",
      fmt.int(summary.floorHttpPerSecond),
      fmt.int(summary.serveHttpPerSecond),
      pct(summary.serveHttpPercentOfFloor),
    ],
    [
      "issues/s over a kiosk socket (32 window)",
      fmt.int(summary.floorKioskPerSecond),
      fmt.int(summary.serveKioskPerSecond),
      pct(summary.serveKioskPercentOfFloor),
    ],
    [
      "server CPU per issue, HTTP",
      ms(floor.http.serverCpuMsPerIssue),
      ms(serve.issueHttp?.serverCpuMsPerIssue),
      "",
    ],
    [
      "server CPU per issue, kiosk",
      ms(floor.kiosk.serverCpuMsPerIssue),
      ms(serve.issueKiosk?.serverCpuMsPerIssue),
      "",
    ],
    ...WRITE_CALLS.map((name) => [
      `${name} per issue (HTTP, under strace)`,
      per(floor.writes.floor, name),
      per(floor.writes.serve, name),
      "",
    ]),
  ];
  log("\nThe floor: a bare SQLite Durable Object doing one INSERT per ticket on the same workerd");
  log(table(["", "floor", "npm run serve", "serve ÷ floor"], rows));
  return summary;
}
