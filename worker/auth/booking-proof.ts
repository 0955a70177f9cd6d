import { createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/sha";
import type { BookingProof } from "../../shared/protocol/booking-proof";
import { errorResponse } from "../http/errors";

/*
 * The public's proof of work for a booking (issue 12, point 8), with
 * ALTCHA's v2 challenges (altcha-lib): the challenge is signed with
 * TURNO_BOOKING_PROOF_KEY, so nothing about it is stored until it is used.
 * "Deterministic" challenges: the Worker draws the counter and keeps only the
 * HMAC of the key it derives (keySignature), so checking a solution is two
 * HMACs while finding it costs the solver on average half the counters up to
 * `maxNumber` SHA-256 hashes. Replays are the office's to refuse
 * (store/used-proofs.ts): it remembers each used challenge until it expires.
 */

/** How long a challenge may be solved and used: a person fills in the form in far less. */
export const PROOF_LIFETIME_MS = 20 * 60 * 1000;
/**
 * The largest counter drawn: about 25,000 hashes on average, a fraction of a
 * second on a current phone and a few seconds on an old one, all while the
 * person types (README "Security"). TURNO_BOOKING_PROOF_MAX_NUMBER changes it.
 */
export const DEFAULT_MAX_NUMBER = 50_000;
const KEY_MIN_LENGTH = 32;

function proofKey(env: Env): string | null {
  const key = env.TURNO_BOOKING_PROOF_KEY;
  return key && key.length >= KEY_MIN_LENGTH ? key : null;
}

function maxNumber(env: Env): number {
  const value = Number(env.TURNO_BOOKING_PROOF_MAX_NUMBER);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_MAX_NUMBER;
}

/** Without the key no proof can be made or checked: public booking is closed, loudly. */
function unavailable(): Response {
  console.error("TURNO_BOOKING_PROOF_KEY is not set (32+ characters): public booking is off");
  return errorResponse(
    503,
    "proof_unavailable",
    "Public booking is not available here now (the server has no key for its proof of work).",
  );
}

/** A fresh challenge for a booking at `office`. */
export async function bookingChallenge(env: Env, office: string): Promise<Response> {
  const key = proofKey(env);
  if (!key) return unavailable();
  const challenge = await createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    counter: randomInt(maxNumber(env), 0),
    deriveKey,
    data: { office },
    expiresAt: new Date(Date.now() + PROOF_LIFETIME_MS),
    hmacSignatureSecret: key,
    // A key of its own for the derived key's HMAC: a signature of one never stands for the other.
    hmacKeySignatureSecret: `${key}:derived-key`,
  });
  return Response.json(challenge, {
    headers: { "cache-control": "no-store" },
  });
}

/** A proof that holds: its challenge's nonce (what the office remembers) and when it expires. */
export interface CheckedProof {
  id: string;
  expiresAt: number;
}

/** Checks a public booking's proof: what the office should remember, or the 4xx/503 answer. */
export async function checkBookingProof(
  env: Env,
  office: string,
  proof: BookingProof | undefined,
): Promise<CheckedProof | Response> {
  const key = proofKey(env);
  if (!key) return unavailable();
  if (!proof)
    return errorResponse(
      400,
      "proof_required",
      "A public booking carries a solved proof of work: get one from GET …/appointments/challenge and send it as `proof`.",
    );
  const invalid = (why: string) =>
    errorResponse(400, "proof_invalid", `The proof of work ${why}; get a new challenge.`);
  if (proof.challenge.parameters.data.office !== office) return invalid("is for another office");
  let verified: Awaited<ReturnType<typeof verifySolution>>;
  try {
    verified = await verifySolution({
      challenge: proof.challenge,
      solution: proof.solution,
      deriveKey,
      hmacSignatureSecret: key,
      hmacKeySignatureSecret: `${key}:derived-key`,
    });
  } catch {
    return invalid("cannot be read");
  }
  if (verified.expired) return invalid("has expired");
  if (!verified.verified) return invalid("does not hold");
  return {
    id: proof.challenge.parameters.nonce,
    expiresAt: proof.challenge.parameters.expiresAt * 1000,
  };
}
