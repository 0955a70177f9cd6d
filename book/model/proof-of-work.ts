import { sha256 } from "@noble/hashes/sha2.js";
import { solveChallenge } from "altcha-lib";
import type { DeriveKeyFunctionResult } from "altcha-lib/types";
import type {
  BookingChallenge,
  BookingProof,
  BookingSolution,
} from "../../shared/protocol/booking-proof";
import type { ApiResult } from "./appointments-api";

/*
 * Solving the office's proof-of-work challenge (worker/auth/booking-proof.ts)
 * with ALTCHA's own solver. The key is SHA-256 as ALTCHA's web solver
 * derives it, but hashed by @noble/hashes rather than crypto.subtle: subtle
 * exists only in secure contexts, and a test bench or an office LAN serves
 * the page over plain http; noble is also faster for 36-byte inputs, having
 * no promise per hash.
 */

/** ALTCHA's SHA key derivation: `cost` rounds of SHA-256 over salt + password, then cut to keyLength. */
export function deriveKey(
  parameters: { cost: number; keyLength?: number },
  salt: Uint8Array,
  password: Uint8Array,
): Promise<DeriveKeyFunctionResult> {
  let key = new Uint8Array(salt.length + password.length);
  key.set(salt, 0);
  key.set(password, salt.length);
  for (let round = 0; round < Math.max(1, parameters.cost); round++) key = sha256(key);
  return Promise.resolve({ derivedKey: key.slice(0, parameters.keyLength ?? 32) });
}

/** Finds the solution, or null when none turns up within `timeoutMs`. */
export async function solveBookingChallenge(
  challenge: BookingChallenge,
  timeoutMs = 120_000,
): Promise<BookingSolution | null> {
  const found = await solveChallenge({ challenge, deriveKey, timeout: timeoutMs });
  return found ? { counter: found.counter, derivedKey: found.derivedKey } : null;
}

/** The booking's `proof`: the challenge as given, and its solution. */
export const bookingProof = (
  challenge: BookingChallenge,
  solution: BookingSolution,
): BookingProof => ({ challenge, solution });

/** A proof is asked for anew when less than this is left of its challenge's life. */
const EXPIRY_MARGIN_MS = 2 * 60 * 1000;

export interface ProofKeeperOptions {
  /** GET …/appointments/challenge. */
  challenge: () => Promise<ApiResult<BookingChallenge>>;
  /** Finds the solution (in a Web Worker on the page). */
  solve: (challenge: BookingChallenge) => Promise<BookingSolution | null>;
  /** The office's clock (epoch ms): challenges expire by it. */
  now: () => number;
}

/**
 * One proof of work ready ahead of the tap on "Book": `prepare` starts
 * getting and solving a challenge in the background (as soon as the page
 * knows it books as the public), `take` hands it over, or waits for it, and
 * the next `prepare` starts the next one. A proof near its expiry is not
 * handed over: a fresh one is made instead.
 */
export function createProofKeeper(options: ProofKeeperOptions) {
  let ready: Promise<{ proof: BookingProof; expiresAt: number } | null> | null = null;

  async function fetchAndSolve() {
    const challenge = await options.challenge();
    if (challenge.kind !== "ok") return null;
    const solution = await options.solve(challenge.value);
    if (!solution) return null;
    return {
      proof: bookingProof(challenge.value, solution),
      expiresAt: challenge.value.parameters.expiresAt * 1000,
    };
  }

  function prepare(): void {
    ready ??= fetchAndSolve().then((made) => {
      // A failure is not kept: the next prepare or take tries again.
      if (!made) ready = null;
      return made;
    });
  }

  /** The proof for one booking (null: no challenge could be had or solved). */
  async function take(): Promise<BookingProof | null> {
    prepare();
    let made = await ready;
    if (made && made.expiresAt - options.now() < EXPIRY_MARGIN_MS) {
      ready = null;
      prepare();
      made = await ready;
    }
    ready = null;
    return made?.proof ?? null;
  }

  return { prepare, take };
}
