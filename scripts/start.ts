/**
 * `npm start`: builds the apps, starts Turno locally on port 8787 (or
 * TURNO_PORT) with its state persisted in .turno/state, creates the demo
 * office, its first administrator and its pre-paired kiosk and display if
 * they are missing, and prints the URLs to open. Never asks for input.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { DEMO_OFFICE_ID, demoOfficeWithBookings } from "../shared/demo-office";
import { parseTrustedProxies } from "../shared/net/client-address";
import { build, ROOT } from "./build";
import { applyDemoHours, demoIsOpen } from "./demo-hours";
import { startLanFront } from "./lan-front";
import { DEV_ENV_FILE, PORT, STATE_DIR, setupToken, writeDevEnv } from "./operator";
import { ensureAdmin, ensureDemoDevices } from "./start-accounts";

/** 127.0.0.1 by default; TURNO_HOST=0.0.0.0 lets tablets and screens on the office network connect. */
const HOST = process.env.TURNO_HOST || "127.0.0.1";
const local = `http://${reachableAddress(HOST)}:${PORT}`;

/**
 * On loopback only this machine's own programs connect, and wrangler dev's address for them
 * is right. Any other address gets the LAN front (lan-front.ts), which alone knows who
 * connected: wrangler dev itself keeps whatever `CF-Connecting-IP` a client sends.
 */
function isLoopback(host: string): boolean {
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || /^\[?::1\]?$/.test(host);
}

/** A free port on loopback for wrangler dev behind the LAN front. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** The address to ask on this machine: the one listened on, or loopback for "every address". */
function reachableAddress(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

async function waitForHealth(child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${local}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Turno did not answer on ${local} within ${timeoutMs / 1000} s`);
}

async function ensureDemoOffice(token: string): Promise<"created" | "kept"> {
  const existing = await fetch(`${local}/api/offices/${DEMO_OFFICE_ID}`);
  if (existing.ok) return "kept";
  const created = await fetch(`${local}/api/offices/${DEMO_OFFICE_ID}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(demoOfficeWithBookings),
  });
  if (!created.ok)
    throw new Error(`could not create the demo office: ${created.status} ${await created.text()}`);
  return "created";
}

/** What to say about the demo office's hours: a newcomer at 21:00 must know why the kiosk refuses. */
async function hoursNotice(hours: Awaited<ReturnType<typeof applyDemoHours>>): Promise<string[]> {
  if (hours === "always-open") {
    return [
      "The demo office is open around the clock (TURNO_DEMO_ALWAYS_OPEN=1); start without it for its office hours.",
    ];
  }
  if (await demoIsOpen(local)) return [];
  const lines = [
    "The demo office is CLOSED now (Mon–Fri 8:00–18:30, Sat 8:00–12:30, Europe/Rome): its kiosk refuses",
    "tickets outside opening hours, as a real office's does. To try Turno now, open the demo office",
    "around the clock (no other office is touched):  TURNO_DEMO_ALWAYS_OPEN=1 npm start",
  ];
  if (hours === "left-alone") {
    lines.push(
      "(The demo office's services or counters were changed in Setup, so its hours are left as set there.)",
    );
  }
  return lines;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net && net.family === "IPv4" && !net.internal)
    .map((net) => net!.address);
}

/**
 * Offline, wrangler warns that it cannot fetch the `Request.cf` placeholder from
 * Cloudflare. Turno never reads `request.cf`, so that warning is noise here.
 */
function passThroughWithoutOfflineNoise(child: ChildProcess): void {
  const noise = /Request\.cf|workers\.cloudflare\.com|GetAddrInfoReqWrap/;
  const forward = (from: NodeJS.ReadableStream | null, to: NodeJS.WriteStream) => {
    let pending = "";
    from?.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (!noise.test(line)) to.write(`${line}\n`);
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
}

async function main(): Promise<void> {
  const adminPassword = process.env.TURNO_ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new Error("TURNO_ADMIN_PASSWORD must be at least 12 characters.");
  }
  const trustedProxies = parseTrustedProxies(process.env.TURNO_TRUSTED_PROXY);
  const behindFront = !isLoopback(HOST);
  const token = setupToken();
  writeDevEnv(token);
  await build();
  // On the office's network wrangler dev listens on loopback, behind the LAN front.
  const workerPort = behindFront ? await freeLoopbackPort() : PORT;
  const wrangler = join(ROOT, "node_modules", ".bin", "wrangler");
  const child = spawn(
    wrangler,
    [
      "dev",
      "--port",
      String(workerPort),
      "--ip",
      behindFront ? "127.0.0.1" : HOST,
      "--persist-to",
      STATE_DIR,
      // Carries the Worker's secrets (TURNO_SETUP_TOKEN, TURNO_BOOKING_PROOF_KEY) without putting them on the command line.
      "--env-file",
      DEV_ENV_FILE,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        // wrangler dev traces every request and socket message to a local SQLite file with
        // fsync; measured, it cut kiosk issuing from ~466/s to 55/s. Production has no such cost.
        X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? "false",
      },
    },
  );
  passThroughWithoutOfflineNoise(child);
  const stop = () => {
    child.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));

  if (behindFront) {
    // Node listens on a bare IPv6 address ("::", not "[::]").
    const host = HOST.replace(/^\[(.*)\]$/, "$1");
    await startLanFront({ host, port: PORT, upstreamPort: workerPort, trustedProxies });
  } else if (trustedProxies.length > 0) {
    console.log(
      `TURNO_TRUSTED_PROXY is ignored on ${HOST}: only this machine connects there, with its own address.`,
    );
  }
  await waitForHealth(child);
  const demo = await ensureDemoOffice(token);
  const alwaysOpen = process.env.TURNO_DEMO_ALWAYS_OPEN === "1";
  const hours = await applyDemoHours(local, token, alwaysOpen);
  const admin = await ensureAdmin(local, token, adminPassword);
  const devices = await ensureDemoDevices(local, token, DEMO_OFFICE_ID);
  const hosts = HOST === "0.0.0.0" ? ["127.0.0.1", ...lanAddresses()] : [reachableAddress(HOST)];
  const office = DEMO_OFFICE_ID;
  const lines = [
    "",
    `Turno is running. Demo office "${office}" ${demo === "created" ? "created" : "loaded with its saved state"}.`,
    "",
  ];
  for (const host of hosts) {
    const base = `http://${host}:${PORT}`;
    lines.push(
      `  Waiting-room display  ${base}/display/?office=${office}#device=${devices.display}`,
      `  Kiosk                 ${base}/kiosk/?office=${office}#device=${devices.kiosk}`,
      `  Counter console       ${base}/counter/?office=${office}   (sign in)`,
      `  Supervisor dashboard  ${base}/dashboard/?office=${office}   (sign in: live queues, reports, setup)`,
      `  Book an appointment   ${base}/book/?office=${office}`,
      `  Start page            ${base}/`,
      `  API                   ${base}/api/offices/${office}  (reference: ${base}/api/docs/)`,
      "",
    );
  }
  lines.push(
    admin.password
      ? `Sign in as "admin" with the password ${admin.password}  (shown this once; ${admin.source})`
      : `Sign in as "admin" with the password you were given at the first start (a new one: npm run account -- reset-password admin).`,
    "The display and kiosk links above come already paired with the demo office; keep them private.",
    ...(await hoursNotice(hours)),
    `State is kept in ${STATE_DIR}. Stop with Ctrl+C; starting again keeps every ticket.`,
    "",
  );
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
