import * as z from "zod/mini";

/*
 * The invisible proof of work a public booking carries (issue 12, point 8:
 * "an invisible proof of work from a well-kept library rather than an image
 * captcha"). The library is ALTCHA (altcha-lib, v2 challenges): the office's
 * Worker signs a challenge with an HMAC key only it holds; the booking page
 * finds the counter whose SHA-256 key starts with the challenge's prefix in a
 * Web Worker while the person fills in the form, and sends challenge and
 * solution back with the booking. Staff booking on someone's behalf, and the
 * office's own kiosks, send none.
 */

const Hex = (max: number) => z.string().check(z.maxLength(max), z.regex(/^[0-9a-f]*$/));

/** GET /api/offices/{office}/appointments/challenge: ALTCHA v2 challenge parameters, signed. */
export const BookingChallenge = z.object({
  parameters: z.object({
    algorithm: z.literal("SHA-256"),
    nonce: Hex(64),
    salt: Hex(64),
    cost: z.int().check(z.gte(1), z.lte(10)),
    keyLength: z.int().check(z.gte(16), z.lte(64)),
    keyPrefix: Hex(128),
    keySignature: Hex(128),
    /** Epoch seconds: the challenge, and its solution, are refused after this. */
    expiresAt: z.int(),
    /** The office it was made for: a solution counts only there. */
    data: z.object({ office: z.string().check(z.maxLength(100)) }),
  }),
  signature: Hex(128),
});
export type BookingChallenge = z.infer<typeof BookingChallenge>;

/** What the solver found: the counter, and the key it derives (hex). */
export const BookingSolution = z.object({
  counter: z.int().check(z.gte(0), z.lte(0xffffffff)),
  derivedKey: Hex(128),
});
export type BookingSolution = z.infer<typeof BookingSolution>;

/** The `proof` of a public booking: the challenge exactly as given, and its solution. */
export const BookingProof = z
  .object({ challenge: BookingChallenge, solution: BookingSolution })
  .check(
    z.describe(
      "Required from the public (not from staff of the office or its kiosks): the challenge of GET …/appointments/challenge, unchanged, and its solution (ALTCHA v2, SHA-256). One proof books once; 400 proof_required without it, proof_invalid when wrong, expired, for another office or already used.",
    ),
  );
export type BookingProof = z.infer<typeof BookingProof>;
