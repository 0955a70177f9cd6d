/**
 * The three servers side by side (issue 14, point 5): Turno on `npm run serve`,
 * Turno under wrangler dev and the plain Node baseline, with ratios, and the
 * self-hosted server's targets judged on serve's figures alone. A missed
 * target shows how far off it is (measured ÷ target, or the reverse for a rate).
 */
import type { FloodResults } from "./flood";
import { holdsAt } from "./flood-report";
import { fmt, table } from "./report";
import type { Results, ServerResults } from "./results";
import type { StormRun } from "./storm";

export const SERVE_TARGETS = {
  issuesHttpPerSecond: 2000,
  issuesKioskPerSecond: 3000,
  p99At100Ms: 8,
  p99At1000Ms: 20,
  bytesPerSocket: 100 * 1024,
  stormAllResyncedMs: 3000,
} as const;

type Log = (line: string) => void;
type Pick = (s: ServerResults) => number | undefined;

/** PASS, FAIL with how far (a rate: ×needed to reach it; a cost: ×over it), or "—" when not measured. */
function judge(value: number, target: number, higherIsBetter: boolean, ok = true): string {
  if (!Number.isFinite(value)) return "FAIL (not measured)";
  const pass = ok && (higherIsBetter ? value >= target : value <= target);
  if (pass) return "PASS";
  if (!ok && (higherIsBetter ? value >= target : value <= target)) return "FAIL (errors)";
  const factor = higherIsBetter ? target / value : value / target;
  return `FAIL (${factor.toFixed(1)}× ${higherIsBetter ? "short" : "over"})`;
}

export interface ServeVerdicts {
  [name: string]: { value: number; target: number; pass: boolean };
}

export function printThreeWay(
  r: Results,
  storms: Partial<Record<"turno" | "serve", StormRun>>,
  floods: Partial<Record<"turno" | "serve", FloodResults>>,
  log: Log,
): ServeVerdicts {
  const verdicts: ServeVerdicts = {};
  const rows: string[][] = [];
  const add = (
    label: string,
    pick: Pick,
    show: (x: number) => string,
    target?: { name: string; value: number; higherIsBetter: boolean; text: string; ok?: boolean },
  ) => {
    const [t, s, b] = [r.turno, r.serve, r.baseline].map((x) => pick(x) ?? Number.NaN) as [
      number,
      number,
      number,
    ];
    if (![t, s, b].some(Number.isFinite)) return;
    const result = target ? judge(s, target.value, target.higherIsBetter, target.ok) : "";
    if (target) verdicts[target.name] = { value: s, target: target.value, pass: result === "PASS" };
    rows.push([
      label,
      show(s),
      show(t),
      show(b),
      fmt.ratio(s, b),
      fmt.ratio(s, t),
      target?.text ?? "",
      result,
    ]);
  };
  const failed = (s: ServerResults) => (s.issueHttp?.failures ?? 0) + (s.issueKiosk?.failures ?? 0);
  add("issues/s, HTTP (32 in flight)", (s) => s.issueHttp?.perSecond, fmt.int, {
    name: "issuesHttpPerSecond",
    value: SERVE_TARGETS.issuesHttpPerSecond,
    higherIsBetter: true,
    text: `≥ ${fmt.int(SERVE_TARGETS.issuesHttpPerSecond)}`,
    ok: failed(r.serve) === 0,
  });
  add("issues/s, kiosk socket (window 32)", (s) => s.issueKiosk?.perSecond, fmt.int, {
    name: "issuesKioskPerSecond",
    value: SERVE_TARGETS.issuesKioskPerSecond,
    higherIsBetter: true,
    text: `≥ ${fmt.int(SERVE_TARGETS.issuesKioskPerSecond)}`,
    ok: failed(r.serve) === 0,
  });
  add("  server CPU ms per issue, HTTP", (s) => s.issueHttp?.serverCpuMsPerIssue, fmt.ms);
  add("  server CPU ms per issue, kiosk", (s) => s.issueKiosk?.serverCpuMsPerIssue, fmt.ms);
  for (const size of ["100", "1000"] as const) {
    const delivered = (s: ServerResults) =>
      (s.latency[size]?.missed ?? 1) + (s.latency[size]?.dropped ?? 1) === 0;
    const limit = size === "100" ? SERVE_TARGETS.p99At100Ms : SERVE_TARGETS.p99At1000Ms;
    add(
      `call → display p50, ${fmt.int(Number(size))} displays`,
      (s) => s.latency[size]?.latencyMs.p50,
      fmt.ms,
    );
    add(
      `call → display p99, ${fmt.int(Number(size))} displays`,
      (s) => s.latency[size]?.latencyMs.p99,
      fmt.ms,
      {
        name: `p99At${size}Ms`,
        value: limit,
        higherIsBetter: false,
        text: `≤ ${limit} ms`,
        ok: delivered(r.serve),
      },
    );
  }
  add("server RSS per socket (1,000 displays)", (s) => s.memory?.perSocketBytes, fmt.kb, {
    name: "bytesPerSocket",
    value: SERVE_TARGETS.bytesPerSocket,
    higherIsBetter: false,
    text: "≤ 100 KB",
  });
  const storm = (key: "turno" | "serve") => storms[key];
  if (storms.serve || storms.turno) {
    const stormRow = (
      label: string,
      pick: (x: StormRun) => number,
      show: (x: number) => string,
    ) => [
      label,
      ...(["serve", "turno"] as const).map((k) => {
        const x = storm(k);
        return x ? show(pick(x)) : "—";
      }),
      "—",
      "",
      fmt.ratio(
        storms.serve ? pick(storms.serve) : Number.NaN,
        storms.turno ? pick(storms.turno) : Number.NaN,
      ),
    ];
    const s = storms.serve;
    const all = s?.allResyncedMs ?? Number.NaN;
    const ok = s !== undefined && s.notResynced === 0 && s.callSeenBy === s.displays;
    const result = judge(all, SERVE_TARGETS.stormAllResyncedMs, false, ok);
    verdicts.stormAllResyncedMs = {
      value: all,
      target: SERVE_TARGETS.stormAllResyncedMs,
      pass: result === "PASS",
    };
    rows.push([
      ...stormRow("storm: all 1,050 resynced (drop → last)", (x) => x.allResyncedMs, fmt.ms),
      "≤ 3,000 ms",
      result,
    ]);
    rows.push([
      ...stormRow("  storm: resync p50 / p99 per socket", (x) => x.resyncMs.p50, fmt.ms),
      "",
      "",
    ]);
    rows[rows.length - 1]![1] = s ? `${fmt.ms(s.resyncMs.p50)} / ${fmt.ms(s.resyncMs.p99)}` : "—";
    const t = storms.turno;
    rows[rows.length - 1]![2] = t ? `${fmt.ms(t.resyncMs.p50)} / ${fmt.ms(t.resyncMs.p99)}` : "—";
    rows.push([
      "  storm: displays that saw the call made meanwhile",
      s ? `${s.callSeenBy} / ${s.displays}` : "—",
      t ? `${t.callSeenBy} / ${t.displays}` : "—",
      "—",
      "",
      "",
      "all",
      s ? (s.callSeenBy === s.displays ? "PASS" : "FAIL") : "",
    ]);
  }
  for (const key of ["serve", "turno"] as const) {
    const f = floods[key];
    if (!f) continue;
    if (key === "serve")
      verdicts.floodP99Ms = {
        value: f.target.measuredMs,
        target: f.target.p99Ms,
        pass: f.target.pass,
      };
  }
  if (floods.serve || floods.turno) {
    const s = floods.serve;
    const t = floods.turno;
    rows.push([
      `flood + CSV: call → display p99 (${s?.rate.label ?? t?.rate.label ?? ""})`,
      s ? fmt.ms(s.target.measuredMs) : "—",
      t ? fmt.ms(t.target.measuredMs) : "—",
      "—",
      "",
      fmt.ratio(s?.target.measuredMs ?? Number.NaN, t?.target.measuredMs ?? Number.NaN),
      `≤ ${s?.target.p99Ms ?? t?.target.p99Ms} ms`,
      s
        ? judge(
            s.target.measuredMs,
            s.target.p99Ms,
            false,
            s.target.pass || s.target.measuredMs > s.target.p99Ms,
          )
        : "",
    ]);
    const alone = (f?: FloodResults) => f?.conditions.flood?.latency.latencyMs.p99 ?? Number.NaN;
    rows.push([
      `  flood alone (no CSV) p99, ${s?.rate.label ?? t?.rate.label ?? ""}`,
      fmt.ms(alone(s)),
      fmt.ms(alone(t)),
      "—",
      "",
      fmt.ratio(alone(s), alone(t)),
      "",
      "",
    ]);
    const p99At = (f: FloodResults | undefined, label: string) =>
      f?.sweep.find((x) => x.rate.label === label)?.result.latency.latencyMs.p99 ?? Number.NaN;
    for (const { rate } of s?.sweep ?? t?.sweep ?? []) {
      const [sp, tp] = [p99At(s, rate.label), p99At(t, rate.label)];
      rows.push([
        `  flood + CSV p99 at ${rate.label}`,
        fmt.ms(sp),
        fmt.ms(tp),
        "—",
        "",
        fmt.ratio(sp, tp),
        "",
        "",
      ]);
    }
    rows.push([
      `  flood + CSV: p99 ≤ ${s?.target.p99Ms ?? t?.target.p99Ms} ms (frames/s)`,
      s ? holdsAt(s) : "—",
      t ? holdsAt(t) : "—",
      "—",
      "",
      "",
      "",
      "",
    ]);
  }
  log(
    "\n━━ Three servers: npm run serve (workerd alone, plain http) · wrangler dev · Node baseline ━━",
  );
  log(
    table(
      [
        "",
        "serve",
        "wrangler dev",
        "baseline",
        "serve/baseline",
        "serve/wrangler",
        "serve target",
        "result",
      ],
      rows,
    ),
  );
  log(
    "  Memory per socket = (RSS with 1,000 display sockets − RSS before any) / 1,000: serve's one workerd,",
  );
  log("  wrangler dev's two workerd processes, the baseline's Node process.");
  return verdicts;
}
