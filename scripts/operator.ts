/**
 * The operator's side of a local Turno: the setup token that `npm start`
 * hands to wrangler dev, and calls to the /api/setup routes with it. The
 * token lives next to the local state, readable only by its owner.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./build";

/** TURNO_PORT, for a machine where 8787 is taken; 8787 is the default and the documented port. */
export const PORT = listenPort(process.env.TURNO_PORT);

function listenPort(value: string | undefined): number {
  if (value === undefined || value === "") return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`TURNO_PORT must be a port number from 1 to 65535, not "${value}".`);
  }
  return port;
}
export const STATE_DIR = process.env.TURNO_STATE_DIR ?? join(ROOT, ".turno", "state");
/**
 * The env file wrangler dev reads (`--env-file`): it carries TURNO_SETUP_TOKEN and
 * TURNO_BOOKING_PROOF_KEY, the Worker's two secrets, and TURNO_LAN.
 */
export const DEV_ENV_FILE = join(STATE_DIR, "turno-dev.env");

/** A secret from the environment, else the local one, else a new one (`npm start` saves it). */
function devSecret(name: string): string {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  if (existsSync(DEV_ENV_FILE)) {
    const match = new RegExp(`^${name}=(\\S+)$`, "m").exec(readFileSync(DEV_ENV_FILE, "utf8"));
    if (match) return match[1]!;
  }
  return randomBytes(32).toString("base64url");
}

/** TURNO_SETUP_TOKEN from the environment, else the local one, else a new one (`npm start` saves it). */
export function setupToken(): string {
  return devSecret("TURNO_SETUP_TOKEN");
}

/** The HMAC key of the public's booking proof of work, kept like the setup token. */
function bookingProofKey(): string {
  return devSecret("TURNO_BOOKING_PROOF_KEY");
}

/**
 * Writes the env file wrangler dev loads, with the secrets in use, and TURNO_LAN=1: this
 * Turno serves the office's network itself, over plain http (worker/http/deployment.ts).
 */
export function writeDevEnv(token: string, proofKey = bookingProofKey()): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(
    DEV_ENV_FILE,
    `TURNO_SETUP_TOKEN=${token}\nTURNO_BOOKING_PROOF_KEY=${proofKey}\nTURNO_LAN=1\n`,
    { mode: 0o600 },
  );
  chmodSync(DEV_ENV_FILE, 0o600);
}

/** A password people can read out and type: 4 groups of 5 from an unambiguous alphabet (≈ 99 bits). */
export function generatedPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const groups: string[] = [];
  for (let group = 0; group < 4; group++) {
    let text = "";
    for (const byte of randomBytes(16)) {
      if (byte < 248 && text.length < 5) text += alphabet[byte % alphabet.length];
    }
    groups.push(text);
  }
  return groups.join("-");
}

/** How the operator's calls reach Turno: `fetch`, or one pinning the served certificate (serve/pinned-fetch.ts). */
export type OperatorFetch = (url: string, init?: RequestInit) => Promise<Response>;

export async function operatorCall<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  fetcher: OperatorFetch = fetch,
): Promise<{ status: number; body: T }> {
  const response = await fetcher(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text for the error message.
  }
  return { status: response.status, body: parsed as T };
}

export function describeFailure(what: string, answer: { status: number; body: unknown }): Error {
  return new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}
