/**
 * `npm run bench:ab`: one change measured as an A/B on `npm run serve`, interleaved.
 *
 * On a shared 2-core machine the same build measures 1,350–2,150 issues/s from one
 * `npm run bench` to the next, because the machine itself runs faster or slower from
 * minute to minute: two separate runs cannot tell a 10% gain from noise. So both builds
 * run at once, idle in turn: A (a commit, default HEAD) and B (the working tree) serve on
 * two ports, and the load goes to one, then the other, in short rounds ordered ABBA, so
 * that each round pair sees the same machine. The figure that counts is the median of
 * the B/A ratios of the pairs.
 *
 * Knobs: BENCH_AB_REF (A's commit, default HEAD), BENCH_AB_LOAD (http or kiosk, default
 * http), BENCH_AB_ROUNDS (pairs, default 8), BENCH_AB_SECONDS (per round, default 3).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { issueOverHttp, issueOverKioskSocket, type ThroughputResult } from "./lib/load";
import { actAs, configureOffices, OFFICES } from "./lib/offices";
import { stopAll } from "./lib/proc";
import {
  assertPortFree,
  type ServerUnderTest,
  snapshotSources,
  startServeUnderTest,
  withCpu,
} from "./lib/servers";
import { distribution } from "./lib/stats";

const median = (values: number[]) => distribution(values).p50;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORTS = { a: 8793, b: 8794 } as const;
const REF = process.env.BENCH_AB_REF || "HEAD";
const LOAD = process.env.BENCH_AB_LOAD ?? "http";
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 8);
const SECONDS = Number(process.env.BENCH_AB_SECONDS ?? 3);

if (LOAD !== "http" && LOAD !== "kiosk") throw new Error("BENCH_AB_LOAD: http or kiosk");

interface Round {
  perSecond: number;
  /** Server CPU milliseconds per issue. */
  cpuMs: number;
}

async function measure(server: ServerUnderTest): Promise<Round> {
  actAs(server);
  const window = { warmupMs: 500, durationMs: SECONDS * 1000 };
  const { result, cpu } = await withCpu<ThroughputResult>(server, () =>
    LOAD === "http"
      ? issueOverHttp(server.base, OFFICES.issueHttp, { ...window, concurrency: 32 })
      : issueOverKioskSocket(server.base, OFFICES.issueKiosk, { ...window, window: 32 }),
  );
  if (result.failures > 0)
    throw new Error(`${server.base}: ${result.failures} failed ${JSON.stringify(result.outcomes)}`);
  return {
    perSecond: result.perSecond,
    cpuMs: (cpu.serverCores * 1000) / Math.max(1, result.perSecond),
  };
}

async function main(): Promise<void> {
  await Promise.all([assertPortFree(PORTS.a), assertPortFree(PORTS.b)]);
  const work = mkdtempSync(join(tmpdir(), "turno-ab-"));
  try {
    const sources = {
      a: snapshotSources(ROOT, join(work, "a"), REF),
      b: snapshotSources(ROOT, join(work, "b")),
    };
    console.log(`A: ${sources.a.description}\nB: ${sources.b.description}`);
    const start = (key: "a" | "b") =>
      startServeUnderTest({
        srcDir: sources[key].dir,
        stateDir: join(work, `${key}-state`),
        logDir: join(work, key),
        port: PORTS[key],
      });
    // One after the other: each bundles and builds with the machine to itself.
    const servers = { a: await start("a"), b: await start("b") };
    await configureOffices(servers.a);
    await configureOffices(servers.b);
    console.log(`${LOAD} issues, ${ROUNDS} round pairs of ${SECONDS} s, ordered ABBA`);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const rounds: Record<"a" | "b", Round[]> = { a: [], b: [] };
    for (let pair = 0; pair < ROUNDS; pair++) {
      const order = pair % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const);
      const got: Partial<Record<"a" | "b", Round>> = {};
      for (const key of order) got[key] = await measure(servers[key]);
      const { a, b } = got as Record<"a" | "b", Round>;
      rounds.a.push(a);
      rounds.b.push(b);
      ratios.push(b.perSecond / a.perSecond);
      cpuRatios.push(b.cpuMs / a.cpuMs);
      console.log(
        `  pair ${pair + 1}: A ${a.perSecond}/s (${a.cpuMs.toFixed(3)} ms CPU each), B ${b.perSecond}/s (${b.cpuMs.toFixed(3)} ms), B/A ${(b.perSecond / a.perSecond).toFixed(3)}`,
      );
    }
    const perSecond = (key: "a" | "b") => median(rounds[key].map((r) => r.perSecond));
    console.log(
      `\nmedian issues/s: A ${perSecond("a")}, B ${perSecond("b")}; median of the pairs' B/A: ${median(ratios).toFixed(3)} (range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}); server CPU per issue B/A: ${median(cpuRatios).toFixed(3)}`,
    );
  } finally {
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(async (error: unknown) => {
  console.error("bench:ab failed:", error);
  await stopAll();
  process.exit(1);
});
