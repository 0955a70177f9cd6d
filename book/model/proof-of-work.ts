import { sha256 } from "@noble/hashes/sha2.js";
import { solveChallenge } from "altcha-lib";
import type { DeriveKeyFunctionResult } from "altcha-lib/types";
import type {
  BookingChallenge,
  BookingProof,
  BookingSolution,
} from "../../shared/protocol/booking-proof";

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
