/**
 * The real Turno under test: the client apps built into a temporary folder and
 * served by `wrangler dev` with its state in a folder of our own, exactly as
 * `npm start` runs it. The global setup starts one server for every test file;
 * the restart test starts its own, stops it and starts it again on the same
 * port and state folder.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { E2E_SETUP_TOKEN } from "./office-api";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const CONFIG = join(ROOT, "wrangler.toml");
/** The project's pinned Node 24 (node_modules/.bin/node) first: wrangler needs Node ≥ 22. */
const CHILD_ENV = {
  ...process.env,
  PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}`,
  WRANGLER_SEND_METRICS: "false",
};

/** A fresh temporary folder; every path of these tests starts with /tmp/e2e-. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `e2e-${label}-`));
}

/** An emptied log file for the server on `port`, kept after the run to read when something failed. */
export function freshLogFile(port: number): string {
  const path = join(tmpdir(), `e2e-wrangler-${port}.log`);
  writeFileSync(path, "");
  return path;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Builds every client app into `outDir` with the project's own build script. */
export async function buildApps(outDir: string): Promise<void> {
  try {
    await promisify(execFile)(join(BIN, "tsx"), ["scripts/build.ts"], {
      cwd: ROOT,
      env: { ...CHILD_ENV, TURNO_BUILD_OUT: outDir },
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(
      `building the client apps failed:\n${stderr.split("\n").slice(0, 12).join("\n")}`,
    );
  }
}

/**
 * Bundles the Worker once into `outDir` (index.js) with wrangler's own build.
 * The servers run that bundle with --no-bundle: `wrangler dev` would otherwise
 * watch and rebuild the sources, and an edit made during a run (or a crash of
 * that rebuild) would restart or kill the server under the tests.
 */
export async function bundleWorker(outDir: string): Promise<string> {
  // The dry run wants an assets folder to exist; the apps are served from theirs at run time.
  const noAssets = join(outDir, "no-assets");
  mkdirSync(noAssets);
  try {
    await promisify(execFile)(
      join(BIN, "wrangler"),
      ["deploy", "--dry-run", "--config", CONFIG, "--outdir", outDir, "--assets", noAssets],
      { cwd: ROOT, env: CHILD_ENV },
    );
  } catch (error) {
    const { stdout = "", stderr = String(error) } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `bundling the Worker failed:\n${`${stdout}${stderr}`.split("\n").slice(-15).join("\n")}`,
    );
  }
  return join(outDir, "index.js");
}

/** Servers use ports 8811 and 8812 (or TURNO_E2E_PORT and the next); their devtools ports are 4 above. */
const INSPECTOR_PORT_OFFSET = 4;

export interface ServerOptions {
  port: number;
  /** The loopback address to listen on (default 127.0.0.1). The old-engine test uses 127.0.0.2, which Turno treats as an office LAN address: no Secure cookie, no __Host- prefix. */
  host?: string;
  /** The Worker bundle made by bundleWorker. */
  workerScript: string;
  assetsDir: string;
  stateDir: string;
  /** wrangler's output goes here, to read when a test fails. */
  logFile: string;
}

export interface TurnoServer {
  baseUrl: string;
  options: ServerOptions;
  stop(): Promise<void>;
}

/** Starts `wrangler dev` and resolves once GET /api/health answers. */
export async function startServer(options: ServerOptions): Promise<TurnoServer> {
  const host = options.host ?? "127.0.0.1";
  const baseUrl = `http://${host}:${options.port}`;
  if (await healthy(baseUrl)) {
    throw new Error(`port ${options.port} is already taken by another server; stop it first`);
  }
  const log = openSync(options.logFile, "a");
  const child = spawn(
    join(BIN, "wrangler"),
    [
      "dev",
      options.workerScript,
      // Named explicitly: with a script outside the project, wrangler would not find it.
      "--config",
      CONFIG,
      "--no-bundle",
      "--port",
      String(options.port),
      "--ip",
      host,
      // Its own devtools port (default 9229, which any other wrangler on the machine may hold).
      "--inspector-port",
      String(options.port + INSPECTOR_PORT_OFFSET),
      "--assets",
      options.assetsDir,
      "--persist-to",
      options.stateDir,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
      "--var",
      `TURNO_SETUP_TOKEN:${E2E_SETUP_TOKEN}`,
      // The booking proof of work at its real size: the booking test measures its solve time.
      "--var",
      `TURNO_BOOKING_PROOF_KEY:${E2E_SETUP_TOKEN}-booking-proof`,
      // Served on the machine itself, as `npm start` serves an office: plain http allowed.
      "--var",
      "TURNO_LAN:1",
    ],
    // Its own process group, so stopping it also stops the workerd it spawns.
    { cwd: ROOT, env: CHILD_ENV, stdio: ["ignore", log, log], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForHealth(baseUrl, child, 90_000);
  } catch (error) {
    await stopGroup(child, exited);
    throw new Error(`${(error as Error).message} (see ${options.logFile})`);
  }
  return {
    baseUrl,
    options,
    stop: async () => {
      await stopGroup(child, exited);
      await waitUntilDown(baseUrl);
    },
  };
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited (${child.exitCode ?? child.signalCode}) before answering`,
      );
    }
    if (await healthy(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Turno did not answer on ${baseUrl} within ${timeoutMs / 1000} s`);
}

async function waitUntilDown(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await healthy(baseUrl)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM to the whole group, SIGKILL if it lingers; resolves when wrangler has exited. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler by a moment; make sure the port is free for a restart.
  signalGroup("SIGKILL");
}
