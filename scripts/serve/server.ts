/**
 * Starts Turno on workerd itself (issue 14): the function `npm run serve`, its test and
 * the bench share. It checks the state folder's level, loads or makes the secrets,
 * bundles the Worker and the edge, writes workerd's config from wrangler.toml, starts
 * workerd and waits for /api/health. Nothing but workerd is in the request path.
 *
 * State folder layout (TURNO_STATE_DIR):
 *   turno-state.json   the build levels last served (state-level.ts)
 *   serve.pid          the workerd serving the folder now (state-lock.ts)
 *   secrets.env        the Worker's secrets, 0600 (secrets.ts; TURNO_SECRETS_FILE moves it)
 *   durable-objects/   every office's and the Directory's SQLite files
 *   run/               what workerd runs, rewritten at each start (not state; no backup needed)
 */
import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { buildAssetManifest } from "./asset-manifest";
import { bundleEdge, bundleWorker } from "./bundle";
import { type Fetch, pinnedFetch } from "./pinned-fetch";
import { loadSecrets, type Secrets } from "./secrets";
import { buildLevel, claimStateFolder } from "./state-level";
import { checkStateFolderFree, recordServer, releaseStateFolder } from "./state-lock";
import { readTlsFiles, type TlsFiles } from "./tls-files";
import { workerdConfig } from "./workerd-config";
import { readWranglerSettings } from "./wrangler-settings";

export interface ServeOptions {
  /** The project: wrangler.toml, worker/, node_modules/.bin/workerd. */
  root: string;
  stateDir: string;
  /** The built apps; default wrangler.toml's assets directory. */
  publicDir?: string;
  /** The address to listen on: `*` (every one), or one IPv4 or IPv6 address. */
  host: string;
  port: number;
  /** TURNO_HTTP_REDIRECT_PORT: plain http there answers 308 to the same URL on https. */
  redirectPort?: number | null;
  /** The office's certificate and key; null serves plain http (TURNO_PLAIN_HTTP=1). */
  tls: TlsFiles | null;
  /** TURNO_TRUSTED_PROXY, parsed. */
  trustedProxies: string[];
  /** Default `<stateDir>/secrets.env`. */
  secretsFile?: string;
  /** The Worker's optional settings (limits, retention: worker/env.d.ts), by name. */
  workerSettings?: Record<string, string>;
  /** Where workerd's output goes: this process's, or a file (appended). */
  output?: "inherit" | { file: string };
  /** How long to wait for /api/health. */
  startTimeoutMs?: number;
}

export interface RunningServe {
  /** This machine's way in: `https://127.0.0.1:8443` for `*:8443`. */
  url: string;
  /** fetch to `url` (pins the served certificate on https). */
  fetch: Fetch;
  secrets: Secrets;
  secretsFile: string;
  /** The served certificate chain (PEM), null on plain http. */
  certificate: string | null;
  workerd: ChildProcess;
  /** Resolves with workerd's exit code (or signal name). */
  exited: Promise<number | string>;
  /**
   * SIGTERM (workerd stops accepting and finishes the requests in flight), then SIGKILL
   * after `graceMs`: an open live socket keeps workerd's drain waiting for ever (measured:
   * one ticket socket held it the whole 10 s tried), and every change it acknowledged is
   * on disk already, so the wait is only for requests in flight. The apps reconnect.
   */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL: what a power cut does. */
  kill(): Promise<void>;
}

/** workerd's address syntax for host and port. */
function listenAddress(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Where this machine reaches that address. */
function localHost(host: string): string {
  if (host === "*" || host === "0.0.0.0") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** Whether something accepts connections on the address already (another Turno, say). */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect({ host: host.replace(/^\[|\]$/g, ""), port });
    probe.setTimeout(1000);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("timeout", () => {
      probe.destroy();
      resolve(false);
    });
    probe.once("error", () => resolve(false));
  });
}

async function waitForHealth(
  url: string,
  fetch: Fetch,
  workerd: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (workerd.exitCode !== null || workerd.signalCode !== null)
      throw new Error(`workerd exited (${workerd.exitCode ?? workerd.signalCode}) while starting`);
    try {
      const answer = await fetch(`${url}/api/health`);
      if (answer.ok) return;
      lastError = `HTTP ${answer.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Turno did not answer on ${url} within ${timeoutMs / 1000} s (${lastError})`);
}

export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const redirectPort = options.redirectPort ?? null;
  if (redirectPort !== null && !options.tls)
    throw new Error("TURNO_HTTP_REDIRECT_PORT redirects to https: it needs TURNO_TLS_CERT/KEY.");
  // Else the health check below could be answered by whatever holds the port.
  for (const port of redirectPort === null ? [options.port] : [options.port, redirectPort])
    if (await listening(localHost(options.host), port))
      throw new Error(`Something already listens on port ${port} (${localHost(options.host)}).`);
  const settings = readWranglerSettings(options.root);
  const publicDir = options.publicDir ?? settings.assets.directory;
  const manifest = buildAssetManifest(publicDir);
  const tls = options.tls ? readTlsFiles(options.tls) : null;
  if (!existsSync(options.stateDir)) mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  checkStateFolderFree(options.stateDir);
  claimStateFolder(options.stateDir, buildLevel(settings.migrationTags.length));
  const secretsFile = options.secretsFile ?? join(options.stateDir, "secrets.env");
  const secrets = loadSecrets(secretsFile);
  const durableObjectsDir = join(options.stateDir, "durable-objects");
  mkdirSync(durableObjectsDir, { recursive: true, mode: 0o700 });
  const runDir = join(options.stateDir, "run");
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  await Promise.all([bundleWorker(options.root, runDir, publicDir), bundleEdge(runDir)]);

  const environment: Record<string, string> = { ...options.workerSettings, ...secrets };
  const configPath = join(runDir, "workerd.capnp");
  writeFileSync(
    configPath,
    workerdConfig({
      settings,
      durableObjectsDir,
      publicDir,
      address: listenAddress(options.host, options.port),
      tls,
      redirect:
        redirectPort === null
          ? null
          : { address: listenAddress(options.host, redirectPort), httpsPort: options.port },
      edge: {
        runWorkerFirst: settings.assets.runWorkerFirst,
        trustedProxies: options.trustedProxies,
        assetsBinding: settings.assets.binding,
      },
      manifest,
      fromEnvironment: Object.keys(environment),
      // Plain http is the office network's own Turno (worker/http/deployment.ts): no https
      // redirect, cookies without Secure. On https the Worker behaves as deployed.
      text: { ...settings.vars, ...(tls ? {} : { TURNO_LAN: "1" }) },
    }),
    { mode: 0o600 },
  );
  chmodSync(configPath, 0o600);

  const output = options.output ?? "inherit";
  const logFd = output === "inherit" ? null : openSync(output.file, "a");
  const stdio: StdioOptions =
    logFd === null ? ["ignore", "inherit", "inherit"] : ["ignore", logFd, logFd];
  // Only what the Worker is given: the secrets and settings bound with fromEnvironment.
  const workerd = spawn(
    join(options.root, "node_modules", ".bin", "workerd"),
    ["serve", configPath],
    {
      cwd: runDir,
      env: environment,
      stdio,
    },
  );
  // workerd holds its own copy of the log's descriptor.
  if (logFd !== null) closeSync(logFd);
  if (workerd.pid !== undefined) recordServer(options.stateDir, workerd.pid);
  const exited = new Promise<number | string>((resolve) =>
    workerd.once("exit", (code, signal) => {
      if (workerd.pid !== undefined) releaseStateFolder(options.stateDir, workerd.pid);
      resolve(code ?? signal ?? "unknown");
    }),
  );
  const url = `${tls ? "https" : "http"}://${localHost(options.host)}:${options.port}`;
  const fetcher: Fetch = tls
    ? pinnedFetch(tls.certificateChain)
    : (input, init) => fetch(input, init);
  const kill = async () => {
    if (workerd.exitCode === null && workerd.signalCode === null) workerd.kill("SIGKILL");
    await exited;
  };
  const stop = async (graceMs = 3000) => {
    if (workerd.exitCode !== null || workerd.signalCode !== null) return;
    workerd.kill("SIGTERM");
    const timer = setTimeout(() => workerd.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, fetcher, workerd, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    url,
    fetch: fetcher,
    secrets,
    secretsFile,
    certificate: tls?.certificateChain ?? null,
    workerd,
    exited,
    stop,
    kill,
  };
}
