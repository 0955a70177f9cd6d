/**
 * `npm run serve` (issue 14) on loopback, the real command: Turno on workerd with the
 * built apps, https with a certificate made here (plain http, asked for by name, where
 * openssl is missing). The static pages and the API carry production's headers, the
 * client's address is the connection's whatever headers it sends, the Worker behaves as
 * deployed (Secure cookies), a ticket survives a SIGKILL, and the server refuses what it
 * must: a state folder from a newer build, secrets others can read, no certificate.
 */
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { pinnedFetch } from "../../scripts/serve/pinned-fetch";
import { STATE_MARKER } from "../../scripts/serve/state-level";
import type { IssuedTicket } from "../../shared/protocol/responses";
import { API_HEADERS, SECURITY_HEADERS } from "../../worker/http/security-headers";
import { openAllDayConfig } from "../browser/office-api";
import {
  buildApps,
  freePort,
  killGroup,
  killIfRunning,
  loopbackServeEnv,
  type ServeProcess,
  selfSignedCertificate,
  startServe,
  tempDir,
} from "./serve-process";

const ADMIN_PASSWORD = "serve test admin password";
const workDir = tempDir("work");
const publicDir = join(workDir, "public");
const stateDir = join(workDir, "state");
const certificate = selfSignedCertificate(workDir);
const scheme = certificate ? "https" : "http";
let port = 0;
let base = "";
let env: Record<string, string> = {};
const call = certificate
  ? pinnedFetch(readFileSync(certificate.cert, "utf8"))
  : (url: string, init?: RequestInit) => fetch(url, init);
let running: ServeProcess | null = null;

function operatorToken(): string {
  return /^TURNO_SETUP_TOKEN=(\S+)$/m.exec(
    readFileSync(join(stateDir, "secrets.env"), "utf8"),
  )![1]!;
}

async function operator(method: string, path: string, body?: unknown): Promise<Response> {
  return call(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${operatorToken()}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The first frame a live socket receives, parsed. */
function firstLiveFrame(url: string): Promise<{ type: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      origin: base,
      ...(certificate ? { ca: readFileSync(certificate.cert, "utf8") } : {}),
    });
    socket.once("message", (data) => {
      socket.close();
      resolve(JSON.parse(String(data)) as { type: string });
    });
    socket.once("error", reject);
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`live socket refused: HTTP ${response.statusCode}`)),
    );
  });
}

/** Waits until nothing listens on the port any more (workerd gone with its group). */
async function portClosed(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await call(`${base}/api/health`);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`something still answers on ${base}`);
}

beforeAll(async () => {
  buildApps(publicDir);
  port = await freePort();
  base = `${scheme}://127.0.0.1:${port}`;
  env = {
    ...loopbackServeEnv({ port, publicDir, certificate, adminPassword: ADMIN_PASSWORD }),
    TURNO_STATE_DIR: stateDir,
  };
}, 120_000);

afterEach(async () => {
  await killIfRunning(running);
  running = null;
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe("npm run serve", () => {
  it("serves the apps and the API with production's headers, takes the address from the connection, keeps a ticket through a SIGKILL, and stops on SIGTERM.", {
    timeout: 180_000,
  }, async () => {
    running = await startServe(env);
    expect(running.output()).toContain(`${base}/`);
    expect(running.output()).toContain('Administrator "admin" created with TURNO_ADMIN_PASSWORD');
    expect(statSync(join(stateDir, "secrets.env")).mode & 0o777).toBe(0o600);

    // A static page: the build's _headers (the Worker's security headers), as Cloudflare serves it.
    const page = await call(`${base}/kiosk/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(page.headers.get(name), name).toBe(value);
    const etag = page.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await call(`${base}/kiosk/`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const bare = await call(`${base}/kiosk`);
    expect([bare.status, bare.headers.get("location")]).toEqual([307, "/kiosk/"]);
    // Byte ranges: one range is 206 with exactly those bytes, a range past the end 416, and
    // a range for another version of the file (If-Range) the whole file.
    const whole = await page.text();
    expect(page.headers.get("accept-ranges")).toBe("bytes");
    const part = await call(`${base}/kiosk/`, { headers: { range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-19/${Buffer.byteLength(whole)}`);
    expect(await part.text()).toBe(Buffer.from(whole).subarray(10, 20).toString());
    const past = await call(`${base}/kiosk/`, { headers: { range: "bytes=99999999-" } });
    expect([past.status, past.headers.get("content-range")]).toEqual([
      416,
      `bytes */${Buffer.byteLength(whole)}`,
    ]);
    const stale = await call(`${base}/kiosk/`, {
      headers: { range: "bytes=10-19", "if-range": '"0000"' },
    });
    expect([stale.status, await stale.text()]).toEqual([200, whole]);

    // An API answer: the Worker's own headers.
    const office = "serve-test";
    expect((await operator("PUT", `/api/offices/${office}`, openAllDayConfig())).status).toBe(201);
    const view = await call(`${base}/api/offices/${office}`);
    expect(view.status).toBe(200);
    for (const [name, value] of Object.entries(API_HEADERS))
      expect(view.headers.get(name), name).toBe(value);

    const issued = await operator("POST", `/api/offices/${office}/tickets`, {
      serviceId: openAllDayConfig().services[0]!.id,
    });
    expect(issued.status).toBe(201);
    const ticket = (await issued.json()) as IssuedTicket;

    // The ticket's live socket, through workerd's TLS and the edge to the office object.
    const firstFrame = await firstLiveFrame(
      `${base.replace(/^http/, "ws")}/api/offices/${office}/live?v=1&role=ticket&token=${ticket.token}`,
    );
    expect(firstFrame.type).toBe("ticket");

    // The address is the connection's, whatever the client claims: with no claim (the edge
    // hands it beside the request) and with claims (the edge drops them in a copy).
    const plainLogin = await call(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(plainLogin.status).toBe(200);
    const login = await call(`${base}/api/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: base,
        "cf-connecting-ip": "203.0.113.6",
        "x-forwarded-for": "203.0.113.7",
      },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    if (certificate) {
      // On https the Worker is as deployed: its session cookie is Secure, __Host- prefixed.
      expect(login.headers.get("set-cookie")).toMatch(/__Host-turno_session=[^;]+;.*Secure/i);
    }
    const audit = (await (await operator("GET", "/api/audit?limit=5")).json()) as {
      entries: { action: string; actor: { address: string | null } }[];
    };
    const signIns = audit.entries.filter((entry) => entry.action.startsWith("login"));
    expect(signIns.map((entry) => entry.actor.address)).toEqual(["127.0.0.1", "127.0.0.1"]);

    // A power cut: the ticket acknowledged above is still there after a restart.
    killGroup(running, "SIGKILL");
    await running.exited;
    await portClosed();
    running = await startServe(env);
    const kept = await call(`${base}/api/offices/${office}/tickets/${ticket.token}`);
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as { code: string }).code).toBe(ticket.ticket.code);
    expect(running.output()).not.toContain("Administrator");

    killGroup(running, "SIGTERM");
    expect(await running.exited).toBe(0);
    running = null;
  });

  it("believes X-Forwarded-For only from a configured trusted proxy (TURNO_TRUSTED_PROXY), and then its right-most entry.", {
    timeout: 60_000,
  }, async () => {
    // With https, a plain-http port that sends everyone there (TURNO_HTTP_REDIRECT_PORT).
    const redirectPort = certificate ? await freePort() : null;
    running = await startServe({
      ...env,
      TURNO_TRUSTED_PROXY: "127.0.0.1",
      ...(redirectPort ? { TURNO_HTTP_REDIRECT_PORT: String(redirectPort) } : {}),
    });
    if (redirectPort) {
      const plain = await fetch(`http://127.0.0.1:${redirectPort}/display/?office=x`, {
        method: "POST",
        redirect: "manual",
      });
      expect([plain.status, plain.headers.get("location")]).toEqual([
        308,
        `https://127.0.0.1:${port}/display/?office=x`,
      ]);
      expect(await plain.text()).toBe("");
    }
    const login = await call(`${base}/api/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: base,
        "cf-connecting-ip": "203.0.113.6",
        "x-forwarded-for": "198.51.100.9, 203.0.113.8",
      },
      body: JSON.stringify({ username: "admin", password: "not the admin password" }),
    });
    expect(login.status).toBe(401);
    const audit = (await (await operator("GET", "/api/audit?limit=1")).json()) as {
      entries: { action: string; actor: { address: string | null } }[];
    };
    expect(audit.entries[0]?.action).toBe("login.failed");
    expect(audit.entries[0]?.actor.address).toBe("203.0.113.8");

    // One server per state folder: a second one, on another port, refuses to share it.
    const second = await startServe({ ...env, TURNO_PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/is served already \(workerd, pid \d+\)/);
    killGroup(running, "SIGTERM");
    expect(await running.exited).toBe(0);
    running = null;
  });

  it("carries a state folder from an older build forward, and refuses one last served by a newer build, saying so.", {
    timeout: 60_000,
  }, async () => {
    const markerPath = join(stateDir, STATE_MARKER);
    const marker = JSON.parse(readFileSync(markerPath, "utf8")) as Record<string, number>;
    writeFileSync(
      markerPath,
      JSON.stringify({ ...marker, officeMigrations: 1, directoryMigrations: 1 }),
    );
    running = await startServe(env);
    expect(running.output()).toContain("Turno is running");
    const carried = JSON.parse(readFileSync(markerPath, "utf8")) as Record<string, number>;
    expect([carried.officeMigrations, carried.directoryMigrations]).toEqual([
      marker.officeMigrations,
      marker.directoryMigrations,
    ]);
    killGroup(running, "SIGTERM");
    expect(await running.exited).toBe(0);
    running = null;

    writeFileSync(
      markerPath,
      JSON.stringify({ ...marker, officeMigrations: marker.officeMigrations! + 1 }),
    );
    const refused = await startServe(env);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/last served by a newer Turno: office schema step \d+/);
    writeFileSync(markerPath, JSON.stringify(marker));
  });

  it("refuses secrets others can read, and a start with neither a certificate nor TURNO_PLAIN_HTTP=1.", {
    timeout: 60_000,
  }, async () => {
    const secrets = join(stateDir, "secrets.env");
    chmodSync(secrets, 0o644);
    const exposed = await startServe(env);
    expect(await exposed.exited).toBe(1);
    expect(exposed.output()).toContain(`chmod 600 ${secrets}`);
    chmodSync(secrets, 0o600);

    const { TURNO_TLS_CERT: _cert, TURNO_TLS_KEY: _key, TURNO_PLAIN_HTTP: _plain, ...bare } = env;
    const unsafe = await startServe(bare);
    expect(await unsafe.exited).toBe(1);
    expect(unsafe.output()).toContain("npm run serve speaks https");
  });
});
