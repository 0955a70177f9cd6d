/**
 * The code workerd runs for `npm run serve`, written into the state folder's `run/`:
 * turno.js, the Worker bundled by `wrangler deploy --dry-run` (exactly what `npm run
 * deploy` uploads: wrangler.toml's nodejs_compat and keep_names = false applied), and the
 * two edge modules (edge/entry.ts, edge/assets.ts) bundled by esbuild.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";

const EDGE_DIR = join(import.meta.dirname, "edge");

/**
 * `publicDir` is the apps folder serve serves (TURNO_BUILD_OUT may move it): wrangler
 * checks that the assets folder exists, so it is told this one, not wrangler.toml's.
 */
export async function bundleWorker(root: string, runDir: string, publicDir: string): Promise<void> {
  const outDir = mkdtempSync(join(runDir, "wrangler-"));
  const bin = join(root, "node_modules", ".bin");
  try {
    await promisify(execFile)(
      join(bin, "wrangler"),
      [
        "deploy",
        "--dry-run",
        "--outdir",
        outDir,
        "--config",
        join(root, "wrangler.toml"),
        "--assets",
        publicDir,
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          // wrangler re-executes itself with the `node` on PATH: the project's pinned Node 24.
          PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
          WRANGLER_SEND_METRICS: "false",
        },
      },
    );
    copyFileSync(join(outDir, "index.js"), join(runDir, "turno.js"));
  } catch (error) {
    const output = (error as { stderr?: string; stdout?: string }).stderr ?? String(error);
    throw new Error(`wrangler could not bundle the Worker:\n${output}`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function bundleEdge(runDir: string): Promise<void> {
  await esbuild.build({
    entryPoints: [join(EDGE_DIR, "entry.ts"), join(EDGE_DIR, "assets.ts")],
    outdir: runDir,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    // The Worker itself, placed beside the entry by bundleWorker.
    external: ["./turno.js"],
    logLevel: "warning",
  });
}
