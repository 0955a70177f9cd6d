/**
 * `npm run serve` as an operator runs it (scripts/serve/main.ts, the real thing) for the
 * serve test: its own process group, so that a SIGKILL takes workerd down with it as a
 * power cut would; its output kept for the failure message.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");

export interface ServeProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `serve-test-${label}-`));
}

/** A port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** The client apps built into `outDir` by the project's own build (TURNO_BUILD_OUT). */
export function buildApps(outDir: string): void {
  execFileSync(join(BIN, "tsx"), ["scripts/build.ts"], {
    cwd: ROOT,
    env: { ...process.env, TURNO_BUILD_OUT: outDir },
    stdio: "ignore",
  });
}

/** A self-signed certificate for 127.0.0.1 made with openssl; null when openssl is not installed. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } | null {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "2",
        "-subj",
        "/CN=turno.test",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
  } catch {
    return null;
  }
  return { cert, key };
}

/** Starts `npm run serve`; resolves once it printed that it runs, or with its exit and output. */
export async function startServe(env: Record<string, string>): Promise<ServeProcess> {
  // As package.json runs it: one Node process (tsx's own CLI would relay signals through a
  // second one, and SIGKILL the script when it is slow to acknowledge a SIGTERM).
  const child = spawn(join(BIN, "node"), ["--import", "tsx", "scripts/serve/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let printed = "";
  child.stdout?.on("data", (chunk) => {
    printed += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    printed += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const started = { child, output: () => printed, exited };
  const deadline = Date.now() + 60_000;
  while (!printed.includes("Turno is running")) {
    if (child.exitCode !== null) return started;
    if (Date.now() > deadline) {
      killGroup(started, "SIGKILL");
      throw new Error(`npm run serve did not start within 60 s:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return started;
}

/** A signal to `npm run serve` and workerd together (their process group). */
export function killGroup(serve: ServeProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-serve.child.pid!, signal);
  } catch {
    // already gone
  }
}

/** serve's settings for a test on loopback: https with the certificate made here, else plain http. */
export function loopbackServeEnv(opts: {
  port: number;
  publicDir: string;
  adminPassword: string;
  certificate: { cert: string; key: string } | null;
}): Record<string, string> {
  return {
    TURNO_HOST: "127.0.0.1",
    TURNO_PORT: String(opts.port),
    TURNO_BUILD_OUT: opts.publicDir,
    TURNO_ADMIN_PASSWORD: opts.adminPassword,
    ...(opts.certificate
      ? { TURNO_TLS_CERT: opts.certificate.cert, TURNO_TLS_KEY: opts.certificate.key }
      : { TURNO_PLAIN_HTTP: "1" }),
  };
}

/** A failed test must not leave its server up for the next one: SIGKILL, and wait for it. */
export async function killIfRunning(serve: ServeProcess | null): Promise<void> {
  if (!serve) return;
  killGroup(serve, "SIGKILL");
  await serve.exited;
}
