import type { LatencyResult } from "./displays";
import type { ThroughputResult } from "./load";
import { fmt, table, verdict } from "./report";
import type { CpuUse, MemorySample } from "./servers";

export const TARGETS = { issuesPerSecond: 500, p99AtThousandMs: 100, droppedSockets: 0 } as const;

export type Throughput = ThroughputResult & { cpu: CpuUse; serverCpuMsPerIssue: number };

/** A throughput run with the server's CPU it took, per issue. */
export const throughput = (result: ThroughputResult, cpu: CpuUse): Throughput => ({
  ...result,
  cpu,
  serverCpuMsPerIssue:
    result.perSecond > 0
      ? Math.round(((cpu.serverCores * 1000) / result.perSecond) * 100) / 100
      : Number.NaN,
});

export interface ServerResults {
  issueHttp?: Throughput;
  issueKiosk?: Throughput;
  latency: Partial<Record<"100" | "1000", LatencyResult & { cpu: CpuUse }>>;
  memory?: {
    /** Before any display socket connected (after the issue runs). */
    idle: MemorySample;
    before1000: MemorySample;
    with1000: MemorySample;
    /** (with 1,000 − idle) / 1,000. */
    perSocketBytes: number;
  };
  /** Phases after which the server's processes had changed (wrangler reload, crash): their numbers are void. */
  restartedDuring: string[];
}

export interface Results {
  /** Turno under wrangler dev. */
  turno: ServerResults;
  /** Turno on `npm run serve` (workerd alone). */
  serve: ServerResults;
  baseline: ServerResults;
  settings: { httpConcurrency: number; kioskWindow: number; sizes: readonly number[] };
  /** Cores kept busy by other processes before the run, and at most during a phase. */
  noise: { beforeRunCores: number; maxDuringPhaseCores: number };
  /** Phases BENCH_ONLY left out print nothing and are "skipped" among the targets. */
  ran: { issues: boolean; latency: boolean };
}

export interface Summary {
  issuesPerSecond: { target: number; value: number; pass: boolean };
  p99At1000Ms: { target: number; value: number; pass: boolean };
  droppedSockets: { target: number; value: number; missedDeliveries: number; pass: boolean };
}

const NaN_ = Number.NaN;
const num = (x: number | undefined) => x ?? NaN_;

export function summarize(r: Results): Summary {
  const t = r.turno;
  const issues = t.issueHttp?.perSecond ?? 0;
  const issueFailures = (t.issueHttp?.failures ?? 1) + (t.issueKiosk?.failures ?? 1);
  const p99 = t.latency["1000"]?.latencyMs.p99 ?? Number.POSITIVE_INFINITY;
  const sizes = ["100", "1000"] as const;
  const dropped = sizes.reduce((n, s) => n + (t.latency[s]?.dropped ?? 1), 0);
  const missed = sizes.reduce((n, s) => n + (t.latency[s]?.missed ?? 1), 0);
  return {
    issuesPerSecond: {
      target: TARGETS.issuesPerSecond,
      value: issues,
      pass: issues >= TARGETS.issuesPerSecond && issueFailures === 0,
    },
    p99At1000Ms: {
      target: TARGETS.p99AtThousandMs,
      value: p99,
      pass: p99 <= TARGETS.p99AtThousandMs,
    },
    droppedSockets: {
      target: TARGETS.droppedSockets,
      value: dropped,
      missedDeliveries: missed,
      pass: dropped === 0 && missed === 0 && t.restartedDuring.length === 0,
    },
  };
}

const HEADER = ["", "Turno", "baseline", "Turno/baseline", "target", "result"];

/** `extraTargets`: rows of other phases' targets (target, measured, result) for the one table. */
export function printResults(
  r: Results,
  log: (line: string) => void,
  extraTargets: string[][] = [],
): Summary {
  const summary = summarize(r);
  // A phase counts as run for wrangler dev only when wrangler dev was measured in it
  // (BENCH_SERVERS=serve leaves it out: "skipped", not a FAIL on figures never taken).
  const ran = {
    issues: r.ran.issues && r.turno.issueHttp !== undefined,
    latency: r.ran.latency && r.turno.latency["1000"] !== undefined,
  };
  const judged = { ...r, ran };
  if (ran.issues) printIssues(judged, log);
  if (ran.latency) printLatencyAndMemory(judged, summary, log);
  printTargets(judged, summary, extraTargets, log);
  return summary;
}

type Log = (line: string) => void;

function printIssues(r: Results, log: Log): void {
  const T = r.turno;
  const B = r.baseline;

  // ── issues ──
  const issueRow = (label: string, t?: Throughput, b?: Throughput) => [
    label,
    fmt.int(num(t?.perSecond)),
    fmt.int(num(b?.perSecond)),
    fmt.ratio(num(t?.perSecond), num(b?.perSecond)),
    `≥ ${TARGETS.issuesPerSecond}/s`,
    verdict((t?.perSecond ?? 0) >= TARGETS.issuesPerSecond && t?.failures === 0),
  ];
  const pair = (a: number, b: number, f: (x: number) => string) => `${f(a)} / ${f(b)}`;
  log("\n━━ Sustained ticket issues, one office ━━");
  log(
    table(HEADER, [
      issueRow(
        `HTTP POST /tickets, ${r.settings.httpConcurrency} in flight (issues/s)`,
        T.issueHttp,
        B.issueHttp,
      ),
      issueRow(
        `kiosk WebSocket, window ${r.settings.kioskWindow} (issues/s)`,
        T.issueKiosk,
        B.issueKiosk,
      ),
      [
        "  failed issues (HTTP / kiosk)",
        `${T.issueHttp?.failures ?? "—"} / ${T.issueKiosk?.failures ?? "—"}`,
        `${B.issueHttp?.failures ?? "—"} / ${B.issueKiosk?.failures ?? "—"}`,
        "",
        "0",
        verdict(T.issueHttp?.failures === 0 && T.issueKiosk?.failures === 0),
      ],
      [
        "  issue latency p50 / p99, HTTP",
        pair(num(T.issueHttp?.latencyMs.p50), num(T.issueHttp?.latencyMs.p99), fmt.ms),
        pair(num(B.issueHttp?.latencyMs.p50), num(B.issueHttp?.latencyMs.p99), fmt.ms),
        fmt.ratio(num(T.issueHttp?.latencyMs.p50), num(B.issueHttp?.latencyMs.p50)),
        "",
        "",
      ],
      [
        "  issue latency p50 / p99, kiosk",
        pair(num(T.issueKiosk?.latencyMs.p50), num(T.issueKiosk?.latencyMs.p99), fmt.ms),
        pair(num(B.issueKiosk?.latencyMs.p50), num(B.issueKiosk?.latencyMs.p99), fmt.ms),
        fmt.ratio(num(T.issueKiosk?.latencyMs.p50), num(B.issueKiosk?.latencyMs.p50)),
        "",
        "",
      ],
      [
        "  server CPU per issue, HTTP / kiosk",
        pair(num(T.issueHttp?.serverCpuMsPerIssue), num(T.issueKiosk?.serverCpuMsPerIssue), fmt.ms),
        pair(num(B.issueHttp?.serverCpuMsPerIssue), num(B.issueKiosk?.serverCpuMsPerIssue), fmt.ms),
        fmt.ratio(num(T.issueHttp?.serverCpuMsPerIssue), num(B.issueHttp?.serverCpuMsPerIssue)),
        "",
        "",
      ],
    ]),
  );
  log("  The baseline implements the kiosk socket command too (same message, same result frame).");
  log(
    `  Nothing calls these tickets, so queues grow during the runs: Turno's ended ${fmt.int(num(T.issueHttp?.issuedTotal))} (HTTP) and ${fmt.int(num(T.issueKiosk?.issuedTotal))} (kiosk) long.`,
  );
}

function printLatencyAndMemory(r: Results, summary: Summary, log: Log): void {
  const T = r.turno;
  const B = r.baseline;
  for (const size of ["100", "1000"] as const) {
    const t = T.latency[size];
    const b = B.latency[size];
    const judged = size === "1000";
    const line = (
      label: string,
      pick: (x: LatencyResult) => number,
      target = "",
      pass?: boolean,
    ) => [
      label,
      fmt.ms(t ? pick(t) : NaN_),
      fmt.ms(b ? pick(b) : NaN_),
      fmt.ratio(t ? pick(t) : NaN_, b ? pick(b) : NaN_),
      target,
      pass === undefined ? "" : verdict(pass),
    ];
    log(
      `\n━━ Call → display latency, ${fmt.int(Number(size))} display sockets (${t?.calls ?? "?"} calls, ${fmt.int(t?.latencyMs.count ?? 0)} deliveries to Turno screens) ━━`,
    );
    log(
      table(HEADER, [
        line("p50", (x) => x.latencyMs.p50),
        line("p95", (x) => x.latencyMs.p95),
        line(
          "p99",
          (x) => x.latencyMs.p99,
          judged ? `≤ ${TARGETS.p99AtThousandMs} ms` : "",
          judged ? summary.p99At1000Ms.pass : undefined,
        ),
        line("max", (x) => x.latencyMs.max),
        line("  first screen reached, p50 of calls", (x) => x.firstDeliveryMs.p50),
        line("  last screen reached, p50 of calls", (x) => x.lastDeliveryMs.p50),
        line("  call-next HTTP answer, p50", (x) => x.callAnswerMs.p50),
        [
          "dropped sockets / missed deliveries",
          `${t?.dropped ?? "—"} / ${t?.missed ?? "—"}`,
          `${b?.dropped ?? "—"} / ${b?.missed ?? "—"}`,
          "",
          "0 / 0",
          verdict(t !== undefined && t.dropped === 0 && t.missed === 0),
        ],
        [
          "snapshot frame on connect",
          fmt.kb(num(t?.snapshotBytes)),
          fmt.kb(num(b?.snapshotBytes)),
          fmt.ratio(num(t?.snapshotBytes), num(b?.snapshotBytes)),
          "",
          "",
        ],
        [
          "time to connect all sockets",
          fmt.ms(num(t?.connectMs)),
          fmt.ms(num(b?.connectMs)),
          fmt.ratio(num(t?.connectMs), num(b?.connectMs)),
          "",
          "",
        ],
      ]),
    );
  }
  log(
    "  Latency = frame arrival at the client − the moment call-next was sent, over every (socket × call);",
  );
  log(
    "  all sockets live in the bench's one Node process, so its own frame handling is included for both servers.",
  );

  // memory
  const tm = T.memory;
  const bm = B.memory;
  type Memory = NonNullable<ServerResults["memory"]>;
  const memRow = (label: string, pick: (m: Memory) => number, unit = fmt.mb) => [
    label,
    unit(tm ? pick(tm) : NaN_),
    unit(bm ? pick(bm) : NaN_),
    fmt.ratio(tm ? pick(tm) : NaN_, bm ? pick(bm) : NaN_),
    "",
    "",
  ];
  const rows = [
    memRow("before any display socket", (m) => m.idle.totalBytes),
    memRow("with 1,000 display sockets", (m) => m.with1000.totalBytes),
    memRow("per socket ((with 1,000 − before) / 1,000)", (m) => m.perSocketBytes, fmt.kb),
  ];
  for (const p of tm?.with1000.byProcess ?? []) {
    const before = tm?.idle.byProcess.find((q) => q.pid === p.pid)?.rssBytes ?? NaN_;
    rows.push([`  Turno ${p.role}`, `${fmt.mb(before)} → ${fmt.mb(p.rssBytes)}`, "", "", "", ""]);
  }
  log("\n━━ Server memory (RSS) ━━");
  log(table(HEADER, rows));
  log(
    "  Turno = both workerd processes of wrangler dev; the dev proxy relays every socket and does not exist in production.",
  );
}

function printTargets(r: Results, summary: Summary, extraTargets: string[][], log: Log): void {
  const T = r.turno;
  const B = r.baseline;
  const skipped = (ran: boolean, pass: boolean) => (ran ? verdict(pass) : "skipped");
  log("\n━━ Targets (Turno, 2-core machine) ━━");
  log(
    table(
      ["target", "measured", "result"],
      [
        [
          `≥ ${TARGETS.issuesPerSecond} ticket issues/s (HTTP, no failures)`,
          r.ran.issues ? fmt.int(summary.issuesPerSecond.value) : "—",
          skipped(r.ran.issues, summary.issuesPerSecond.pass),
        ],
        [
          `p99 ≤ ${TARGETS.p99AtThousandMs} ms at 1,000 sockets`,
          r.ran.latency ? fmt.ms(summary.p99At1000Ms.value) : "—",
          skipped(r.ran.latency, summary.p99At1000Ms.pass),
        ],
        [
          "no socket dropped, no delivery missed",
          r.ran.latency
            ? `${summary.droppedSockets.value} dropped, ${summary.droppedSockets.missedDeliveries} missed`
            : "—",
          skipped(r.ran.latency, summary.droppedSockets.pass),
        ],
        ...extraTargets,
      ],
    ),
  );
  for (const server of [T, B]) {
    if (server.restartedDuring.length > 0) {
      log(
        `  ! ${server === T ? "Turno" : "the baseline"} restarted during: ${server.restartedDuring.join(", ")} — those numbers are void.`,
      );
    }
  }
  if (r.noise.beforeRunCores > 0.25 || r.noise.maxDuringPhaseCores > 0.25) {
    log(
      `  ! Other processes kept ${r.noise.beforeRunCores.toFixed(2)} cores busy before the run and up to ${r.noise.maxDuringPhaseCores.toFixed(2)} during it:`,
    );
    log(
      "    on a 2-core machine that depresses both servers' absolute numbers; rerun on a quiet machine.",
    );
  }
}
