/**
 * `npm start` as an operator runs it (scripts/start.ts, the real thing):
 * on a specific address and port (TURNO_HOST, TURNO_PORT: it used to ask
 * 127.0.0.1 for its health whatever it listened on, and never started), and
 * with the demo office opened around the clock for an evening try
 * (TURNO_DEMO_ALWAYS_OPEN=1), which a later start without it undoes; the
 * booking proof-of-work key it generates is kept across starts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { solveBookingChallenge } from "../../book/model/proof-of-work";
import { demoOfficeConfig, OPEN_AROUND_THE_CLOCK } from "../../shared/demo-office";
import { BookingChallenge, type BookingProof } from "../../shared/protocol/booking-proof";
import { SHARED_PORT } from "./global-setup";
import { ROOT, removeDir, tempDir } from "./server";

const HOST = "127.0.0.3";
const PORT = SHARED_PORT + 3;
const BASE = `http://${HOST}:${PORT}`;
const stateDir = tempDir("start-state");

interface Started {
  child: ChildProcess;
  printed: string;
  exited: Promise<void>;
}

/** Runs `npm start`'s script until it prints its URLs (or fails). */
async function start(extraEnv: Record<string, string>): Promise<Started> {
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PATH: `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
      TURNO_HOST: HOST,
      TURNO_PORT: String(PORT),
      TURNO_STATE_DIR: stateDir,
      TURNO_ADMIN_PASSWORD: "start script test password",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let printed = "";
  child.stdout?.on("data", (chunk) => {
    printed += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    printed += String(chunk);
  });
  const deadline = Date.now() + 150_000;
  while (!printed.includes("Stop with Ctrl+C")) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited (${child.exitCode}):\n${printed}`);
    if (Date.now() > deadline) {
      await stop({ child, printed, exited });
      throw new Error(`npm start printed no URLs within 150 s:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, printed, exited };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null || started.child.pid === undefined) return;
  process.kill(-started.child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    try {
      process.kill(-started.child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }, 8000);
  await started.exited;
  clearTimeout(timer);
}

async function demoOffice(): Promise<{ open: boolean; openingHours: unknown }> {
  const answer = await fetch(`${BASE}/api/offices/${"scandicci"}`);
  expect(answer.status).toBe(200);
  return (await answer.json()) as { open: boolean; openingHours: unknown };
}

/** Books the demo's first free Edilizia time as the public, with `proof`. */
async function bookPublicly(proof: BookingProof): Promise<{ status: number; body: unknown }> {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await (
    await fetch(`${BASE}/api/offices/scandicci/services/edilizia/slots?from=${from}&to=${to}`)
  ).json()) as { slots: { start: number; seatsLeft: number }[] };
  const slot = slots.slots.find((s) => s.seatsLeft > 0);
  if (!slot) throw new Error("the demo office has no free Edilizia time");
  const answer = await fetch(`${BASE}/api/offices/scandicci/appointments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      serviceId: "edilizia",
      start: slot.start,
      name: "Start Script",
      email: "start-script@example.org",
      proof,
    }),
  });
  return { status: answer.status, body: await answer.json() };
}

let running: Started | null = null;
afterAll(async () => {
  if (running) await stop(running);
  removeDir(stateDir);
});

describe("npm start", () => {
  it("listens on TURNO_HOST:TURNO_PORT and prints its URLs there; TURNO_DEMO_ALWAYS_OPEN=1 opens the demo office around the clock, and a start without it gives the office hours back.", {
    timeout: 360_000,
  }, async () => {
    running = await start({ TURNO_DEMO_ALWAYS_OPEN: "1" });
    expect(running.printed).toContain(`${BASE}/kiosk/?office=scandicci#device=`);
    expect(running.printed).not.toContain("127.0.0.1:");
    expect((await fetch(`${BASE}/api/health`)).status).toBe(200);
    let office = await demoOffice();
    expect(office.open).toBe(true);
    expect(office.openingHours).toEqual(OPEN_AROUND_THE_CLOCK);
    expect(running.printed).toContain("open around the clock");
    // The booking page's proof-of-work key is generated once and kept with the state: a
    // challenge given before a restart still books after it.
    const challenge = await fetch(`${BASE}/api/offices/scandicci/appointments/challenge`);
    expect(challenge.status).toBe(200);
    const given = BookingChallenge.parse(await challenge.json());
    await stop(running);

    running = await start({});
    const solution = await solveBookingChallenge(given);
    const booked = await bookPublicly({ challenge: given, solution: solution! });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(readFileSync(join(stateDir, "turno-dev.env"), "utf8")).toMatch(
      /^TURNO_BOOKING_PROOF_KEY=\S{32,}$/m,
    );
    office = await demoOffice();
    expect(office.openingHours).toEqual(demoOfficeConfig.openingHours);
    // Outside the demo's hours the start says so, and how to try it anyway.
    expect(running.printed.includes("TURNO_DEMO_ALWAYS_OPEN=1 npm start")).toBe(!office.open);
    await stop(running);
    running = null;
  });

  it("refuses a TURNO_PORT that is not a port, saying so.", async () => {
    await expect(start({ TURNO_PORT: "eighty" })).rejects.toThrow(
      /TURNO_PORT must be a port number/,
    );
  });
});
