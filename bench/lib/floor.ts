/**
 * The floor (issue 14: "if a target is out of reach on this runtime, show why with a
 * measurement"): a bare Worker + SQLite Durable Object (bench/floor/worker.ts) doing only
 * one INSERT per ticket, on the same workerd binary with wrangler.toml's compatibility date
 * and flags and its storage on local disk as `npm run serve` keeps it, loaded by the issues
 * phase's own load (load.ts) — 32 HTTP clients, a 32-command kiosk socket window. Twice:
 * with a durable commit per ticket, and with the tickets that arrive in one turn sharing
 * a commit, as Turno's office does (worker/office/command-batch.ts). Turno on serve is then
 * shown as a share of the grouped floor, and, where strace is installed, the durable
 * writes (fsync, fdatasync, pwrite64) each issue costs on each.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import * as esbuild from "esbuild";
import { text as capnpText } from "../../scripts/serve/workerd-config";
import { readWranglerSettings } from "../../scripts/serve/wrangler-settings";
import { connectDisplays, type LatencyResult, measureCalls } from "./displays";
import { SETTINGS } from "./knobs";
import { issueOverHttp, issueOverKioskSocket } from "./load";
import { startProcess, stopProcess } from "./proc";
import { fmt, table } from "./report";
import { type ServerResults, type Throughput, throughput } from "./results";
import { HOST, type ServerUnderTest, waitForHealth, withCpu } from "./servers";

/** The floor's offices: one Durable Object each, as Turno's issues and latency phases have. */
const FLOOR_OFFICES = { http: "floor", kiosk: "floor-kiosk", displays: "floor-displays" } as const;
const FLOOR_COUNTERS = ["sportello-1", "sportello-2"] as const;
type DisplaySize = (typeof SETTINGS.latency.sizes)[number];
/** The syscalls that make a SQLite commit durable, counted by strace. */
const WRITE_CALLS = ["fsync", "fdatasync", "pwrite64"] as const;
const STRACE_LOAD = { warmupMs: 0, durationMs: 2000, concurrency: 32 };

/** Durable-write syscalls per ticket issued over HTTP, over a short run under strace. */
export interface WritesPerIssue {
  issued: number;
  calls: Record<(typeof WRITE_CALLS)[number], number>;
  perIssue: Record<(typeof WRITE_CALLS)[number], number>;
}

/** One way of committing on the floor, measured. */
export interface FloorVariant {
  http: Throughput;
  kiosk: Throughput;
  /** null where strace is not installed or could not attach. */
  writes: WritesPerIssue | null;
  /** Call → display with 100 and 1,000 display sockets (measured on one variant: calls come one at a time). */
  latency?: Partial<Record<`${DisplaySize}`, LatencyResult>>;
}

export interface FloorRun {
  /** One durable commit per ticket. */
  perTicket: FloorVariant;
  /** The tickets of one turn share a commit (Turno's office does the same). */
  grouped: FloorVariant;
  serveWrites: WritesPerIssue | null;
}

type Load = { warmupMs: number; durationMs: number; concurrency: number; window: number };

function floorConfig(
  settings: ReturnType<typeof readWranglerSettings>,
  storageDir: string,
  port: number,
  grouped: boolean,
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
  bindings = [
    (name = "FLOOR", durableObjectNamespace = "FloorOffice"),
    (name = "GROUP_COMMITS", text = ${capnpText(grouped ? "1" : "0")}),
  ],
  durableObjectNamespaces = [(className = "FloorOffice", uniqueKey = "turno-bench-floor", enableSql = true)],
  durableObjectStorage = (localDisk = "floor-durable-objects"),
);
`;
}

async function startFloor(srcDir: string, workDir: string, port: number, grouped: boolean) {
  const runDir = join(workDir, grouped ? "floor-grouped" : "floor");
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
    floorConfig(readWranglerSettings(srcDir), storageDir, port, grouped),
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

/** The latency phase's own measurement, on the floor: how fast can this runtime tell N screens? */
async function displayLatency(
  base: string,
  log: (line: string) => void,
): Promise<FloorVariant["latency"]> {
  const latency: NonNullable<FloorVariant["latency"]> = {};
  for (const size of SETTINGS.latency.sizes) {
    const fleet = await connectDisplays(base, FLOOR_OFFICES.displays, size);
    try {
      const result = await measureCalls(base, FLOOR_OFFICES.displays, fleet, {
        counters: FLOOR_COUNTERS,
        calls: SETTINGS.latency.calls,
        minCalls: Math.min(SETTINGS.latency.minCalls, SETTINGS.latency.calls),
        budgetMs: SETTINGS.latency.budgetMs,
        warmupCalls: SETTINGS.latency.warmupCalls,
        deliveryTimeoutMs: SETTINGS.latency.deliveryTimeoutMs,
      });
      const l = result.latencyMs;
      log(
        `  ${fmt.int(size)} display sockets, ${result.calls} calls: p50 ${fmt.ms(l.p50)}, p99 ${fmt.ms(l.p99)}; first/last screen p50 ${fmt.ms(result.firstDeliveryMs.p50)}/${fmt.ms(result.lastDeliveryMs.p50)}; missed ${result.missed}`,
      );
      latency[`${size}`] = result;
    } finally {
      await fleet.close();
    }
  }
  return latency;
}

const httpStrace = (base: string, office: string) => async () =>
  (await issueOverHttp(base, office, STRACE_LOAD)).issuedTotal;

async function measureVariant(
  opts: { srcDir: string; workDir: string; port: number; load: Load; log: (line: string) => void },
  grouped: boolean,
): Promise<FloorVariant> {
  const floor = await startFloor(opts.srcDir, opts.workDir, opts.port, grouped);
  try {
    opts.log(
      `\n[floor] bare Worker + SQLite Durable Object on ${floor.base}, one INSERT per ticket, ${grouped ? "the tickets of one turn sharing a commit" : "a commit per ticket"}`,
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
    const writes = await countWrites(floor.handle.pid, httpStrace(floor.base, FLOOR_OFFICES.http));
    const latency = grouped ? undefined : await displayLatency(floor.base, opts.log);
    return {
      http: throughput(http.result, http.cpu),
      kiosk: throughput(kiosk.result, kiosk.cpu),
      writes,
      ...(latency ? { latency } : {}),
    };
  } finally {
    await stopProcess(floor.handle, 2000);
  }
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
  const perTicket = await measureVariant(opts, false);
  const grouped = await measureVariant(opts, true);
  const servePid = opts.serve?.processes()[0]?.pid;
  const serveWrites =
    opts.serve && servePid !== undefined
      ? await countWrites(servePid, httpStrace(opts.serve.base, opts.serveOffice))
      : null;
  return { perTicket, grouped, serveWrites };
}

export interface FloorSummary {
  /** The floor with a commit per ticket. */
  perTicketHttpPerSecond: number;
  perTicketKioskPerSecond: number;
  /** The floor with the tickets of one turn sharing a commit, as Turno commits. */
  floorHttpPerSecond: number;
  floorKioskPerSecond: number;
  serveHttpPerSecond: number;
  serveKioskPerSecond: number;
  /** Turno on serve as a percentage of the grouped floor, same run. */
  serveHttpPercentOfFloor: number;
  serveKioskPercentOfFloor: number;
  /** Call → display p99 on the floor (ms), by display sockets. */
  floorDisplayP99Ms: Partial<Record<`${DisplaySize}`, number>>;
}

const percent = (a: number, b: number) =>
  b > 0 && Number.isFinite(a) ? Math.round((a / b) * 1000) / 10 : Number.NaN;

export function printFloor(
  floor: FloorRun,
  serve: ServerResults,
  log: (line: string) => void,
): FloorSummary {
  const { perTicket, grouped } = floor;
  const serveHttp = serve.issueHttp?.perSecond ?? Number.NaN;
  const serveKiosk = serve.issueKiosk?.perSecond ?? Number.NaN;
  const summary: FloorSummary = {
    perTicketHttpPerSecond: perTicket.http.perSecond,
    perTicketKioskPerSecond: perTicket.kiosk.perSecond,
    floorHttpPerSecond: grouped.http.perSecond,
    floorKioskPerSecond: grouped.kiosk.perSecond,
    serveHttpPerSecond: serveHttp,
    serveKioskPerSecond: serveKiosk,
    serveHttpPercentOfFloor: percent(serveHttp, grouped.http.perSecond),
    serveKioskPercentOfFloor: percent(serveKiosk, grouped.kiosk.perSecond),
    floorDisplayP99Ms: Object.fromEntries(
      Object.entries(perTicket.latency ?? {}).map(([size, r]) => [size, r.latencyMs.p99]),
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
      fmt.int(summary.perTicketHttpPerSecond),
      fmt.int(summary.floorHttpPerSecond),
      fmt.int(serveHttp),
      pct(summary.serveHttpPercentOfFloor),
    ],
    [
      "issues/s over a kiosk socket (32 window)",
      fmt.int(summary.perTicketKioskPerSecond),
      fmt.int(summary.floorKioskPerSecond),
      fmt.int(serveKiosk),
      pct(summary.serveKioskPercentOfFloor),
    ],
    [
      "server CPU per issue, HTTP",
      ms(perTicket.http.serverCpuMsPerIssue),
      ms(grouped.http.serverCpuMsPerIssue),
      ms(serve.issueHttp?.serverCpuMsPerIssue),
      "",
    ],
    [
      "server CPU per issue, kiosk",
      ms(perTicket.kiosk.serverCpuMsPerIssue),
      ms(grouped.kiosk.serverCpuMsPerIssue),
      ms(serve.issueKiosk?.serverCpuMsPerIssue),
      "",
    ],
    ...SETTINGS.latency.sizes.flatMap((size) => {
      const onFloor = perTicket.latency?.[`${size}`]?.latencyMs;
      const onServe = serve.latency[`${size}`]?.latencyMs;
      return (["p50", "p99"] as const).map((q) => [
        `call → display ${q}, ${fmt.int(size)} displays`,
        ms(onFloor?.[q]),
        "",
        ms(onServe?.[q]),
        onFloor && onServe ? `${(onServe[q] / onFloor[q]).toFixed(2)}× the floor` : "",
      ]);
    }),
    ...WRITE_CALLS.map((name) => [
      `${name} per issue (HTTP, under strace)`,
      per(perTicket.writes, name),
      per(grouped.writes, name),
      per(floor.serveWrites, name),
      "",
    ]),
  ];
  log("\nThe floor: a bare SQLite Durable Object doing one INSERT per ticket on the same workerd");
  log(
    table(
      [
        "",
        "floor, commit per ticket",
        "floor, grouped commits",
        "npm run serve",
        "serve ÷ grouped",
      ],
      rows,
    ),
  );
  return summary;
}
