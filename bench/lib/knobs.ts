/** The bench's settings from its environment knobs (documented in bench/run.ts). */

/** The phases, in the order they run; BENCH_ONLY=flood,reports runs just those. */
export const PHASES = [
  "issues",
  "floor",
  "bookings",
  "latency",
  "reports",
  "flood",
  "storm",
] as const;
export type Phase = (typeof PHASES)[number];
export const ONLY = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((p) => p.trim())
  .filter(Boolean);
for (const name of ONLY)
  if (!(PHASES as readonly string[]).includes(name))
    throw new Error(`BENCH_ONLY: unknown phase "${name}" (phases: ${PHASES.join(", ")})`);
export const runs = (phase: Phase) => ONLY.length === 0 || ONLY.includes(phase);
/** BENCH_SERVERS=serve measures npm run serve alone (reports need wrangler dev). */
export const TURNO_SERVERS = (process.env.BENCH_SERVERS ?? "serve,turno")
  .split(",")
  .map((x) => x.trim());
for (const name of TURNO_SERVERS)
  if (name !== "serve" && name !== "turno")
    throw new Error(`BENCH_SERVERS: unknown server "${name}" (serve, turno)`);
export const WITH_WRANGLER = TURNO_SERVERS.includes("turno");
export const WITH_SERVE = TURNO_SERVERS.includes("serve");
/** Only these compare against the baseline server; without them it is not started. */
export const WITH_BASELINE = runs("issues") || runs("bookings") || runs("latency");

const MEASURE_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
export const SETTINGS = {
  issue: { warmupMs: 1000, durationMs: MEASURE_MS, concurrency: 32 },
  kiosk: { warmupMs: 1000, durationMs: MEASURE_MS, window: 32 },
  bookings: { warmupMs: 1000, durationMs: MEASURE_MS, concurrency: 50 },
  latency: {
    sizes: [100, 1000] as const,
    calls: Number(process.env.BENCH_CALLS ?? 60),
    /** On a slow or busy machine a run stops after this long, with at least minCalls measured. */
    minCalls: 20,
    budgetMs: 25_000,
    warmupCalls: 5,
    deliveryTimeoutMs: 5000,
  },
};
/**
 * At wrangler's default log level its dev proxy posts a log line for every
 * request to the wrangler Node process (an extra loopback HTTP call per
 * request that production does not have). "warn" turns that off, as
 * `npm start` does.
 */
export const WRANGLER_LOG_LEVEL = process.env.BENCH_WRANGLER_LOG_LEVEL ?? "warn";
/**
 * wrangler dev (4.x) records a trace of every invocation — each HTTP request,
 * each socket message — in a local SQLite store, fsync included, on the same
 * thread as the Durable Object. Measured here it costs several ms of CPU per
 * command, more than Turno's own work, and production has nothing like it:
 * off unless BENCH_WRANGLER_OBSERVABILITY=1.
 */
export const WRANGLER_OBSERVABILITY = process.env.BENCH_WRANGLER_OBSERVABILITY === "1";
