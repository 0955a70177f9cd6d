/**
 * Issue 14, point 3, end to end with the real commands: `npm run serve` under load,
 * `npm run backup -- DIR` while it runs, more tickets, a SIGKILL in the middle of the
 * load, then `npm run restore -- DIR` into a fresh state folder and a start on it.
 * What the backup holds is there, what came after is not, and the restore refuses a
 * folder a server is serving.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinnedFetch } from "../../scripts/serve/pinned-fetch";
import type { IssuedTicket } from "../../shared/protocol/responses";
import { openAllDayConfig } from "../browser/office-api";
import {
  buildApps,
  freePort,
  killGroup,
  killIfRunning,
  loopbackServeEnv,
  ROOT,
  type ServeProcess,
  selfSignedCertificate,
  startServe,
  tempDir,
} from "./serve-process";

const workDir = tempDir("backup");
const publicDir = join(workDir, "public");
const stateDir = join(workDir, "state");
const freshDir = join(workDir, "fresh-state");
const backupDir = join(workDir, "backups", "yesterday");
const certificate = selfSignedCertificate(workDir);
const scheme = certificate ? "https" : "http";
const call = certificate
  ? pinnedFetch(readFileSync(certificate.cert, "utf8"))
  : (url: string, init?: RequestInit) => fetch(url, init);
const OFFICE = "backup-test";
const ADMIN_PASSWORD = "backup test admin password";
let base = "";
let env: Record<string, string> = {};
let running: ServeProcess | null = null;

/** `npm run <script> -- <args>` as an operator types it, with the given state folder. */
async function npmRun(
  script: string,
  args: string[],
  state: string,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      "npm",
      ["run", "--silent", script, "--", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TURNO_STATE_DIR: state },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function operatorToken(state: string): string {
  return /^TURNO_SETUP_TOKEN=(\S+)$/m.exec(readFileSync(join(state, "secrets.env"), "utf8"))![1]!;
}

async function issue(state: string): Promise<IssuedTicket> {
  const answer = await call(`${base}/api/offices/${OFFICE}/tickets`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${operatorToken(state)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ serviceId: openAllDayConfig().services[0]!.id }),
  });
  if (answer.status !== 201) throw new Error(`issue: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as IssuedTicket;
}

async function ticketStatus(token: string): Promise<number> {
  return (await call(`${base}/api/offices/${OFFICE}/tickets/${token}`)).status;
}

beforeAll(async () => {
  buildApps(publicDir);
  const port = await freePort();
  base = `${scheme}://127.0.0.1:${port}`;
  env = loopbackServeEnv({ port, publicDir, certificate, adminPassword: ADMIN_PASSWORD });
}, 120_000);

afterEach(async () => {
  await killIfRunning(running);
  running = null;
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe("npm run backup / npm run restore with npm run serve", () => {
  it("backs up under load, survives a SIGKILL mid-load, and brings the backup back into a fresh folder.", {
    timeout: 240_000,
  }, async () => {
    running = await startServe({ ...env, TURNO_STATE_DIR: stateDir });
    const created = await call(`${base}/api/offices/${OFFICE}`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${operatorToken(stateDir)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(openAllDayConfig()),
    });
    expect(created.status).toBe(201);
    const before: IssuedTicket[] = [];
    for (let i = 0; i < 20; i++) before.push(await issue(stateDir));

    // Load keeps running while the backup is taken, and until the power cut.
    const during: IssuedTicket[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        try {
          during.push(await issue(stateDir));
        } catch {
          return; // the server is gone
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const acknowledgedBeforeBackup = during.length;
    const backedUp = await npmRun("backup", [backupDir], stateDir);
    const acknowledgedByBackupEnd = during.length;
    expect(backedUp.output).toMatch(/Backed up \d+ databases/);
    expect(backedUp.code).toBe(0);

    // Restoring over a folder a server is serving is refused, and changes nothing.
    const refused = await npmRun("restore", [backupDir, "--replace"], stateDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is served already/);

    await new Promise((resolve) => setTimeout(resolve, 500));
    killGroup(running, "SIGKILL");
    await running.exited;
    running = null;
    loading = false;
    await load;
    const after = during.slice(acknowledgedByBackupEnd + 50);
    expect(after.length, "tickets acknowledged after the backup").toBeGreaterThan(0);

    const restored = await npmRun("restore", [backupDir], freshDir);
    expect(restored.output).toContain("Restored the backup");
    expect(restored.code).toBe(0);
    running = await startServe({ ...env, TURNO_STATE_DIR: freshDir });
    // Everything acknowledged before the backup began is there…
    for (const ticket of [...before, ...during.slice(0, acknowledgedBeforeBackup)])
      expect(await ticketStatus(ticket.token), ticket.ticket.code).toBe(200);
    // …and what came well after it is not (the backup is of its moment, not of the cut).
    for (const ticket of after)
      expect(await ticketStatus(ticket.token), ticket.ticket.code).toBe(404);
    // The restored folder is the same installation: its operator token and admin work.
    const login = await call(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(operatorToken(freshDir)).toBe(operatorToken(stateDir));

    // The state that was killed mid-load starts again with everything it acknowledged.
    killGroup(running, "SIGTERM");
    await running.exited;
    running = await startServe({ ...env, TURNO_STATE_DIR: stateDir });
    for (const ticket of [...before, ...during]) expect(await ticketStatus(ticket.token)).toBe(200);
  });
});
