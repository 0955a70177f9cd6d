import { argon2id } from "@noble/hashes/argon2.js";
import { base64url } from "./encoding";

/**
 * Password hashing: Argon2id with OWASP's first recommended setting
 * (m = 19 MiB, t = 2, p = 1), from @noble/hashes (audited, pure JS).
 *
 * Why not the alternatives: WebCrypto PBKDF2 is capped at 100,000 iterations
 * in production Workers; scrypt at OWASP's N = 2^17 needs 128 MiB, the whole
 * isolate; WASM builds of Argon2 compile from bytes at run time, which
 * Workers forbid. This costs about 0.35 s of CPU per hash, so it runs in the
 * stateless Worker (which scales out), never inside a Durable Object.
 *
 * Stored as a PHC string, so the parameters can be raised later and old
 * hashes still verify (and get rehashed at the next login).
 */
export const ARGON2_PARAMS = { m: 19_456, t: 2, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function normalise(password: string): Uint8Array {
  // The same password typed on two keyboards may reach us in different Unicode forms.
  return new TextEncoder().encode(password.normalize("NFKC"));
}

export function hashPassword(password: string, params = ARGON2_PARAMS): string {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const key = argon2id(normalise(password), salt, { ...params, dkLen: KEY_BYTES });
  return `$argon2id$v=19$m=${params.m},t=${params.t},p=${params.p}$${base64url(salt)}$${base64url(key)}`;
}

export interface Verification {
  ok: boolean;
  /** The stored hash used weaker parameters than today's: store a new one. */
  needsRehash: boolean;
}

export function verifyPassword(password: string, stored: string): Verification {
  const match = PHC.exec(stored);
  if (!match) return { ok: false, needsRehash: false };
  const [, m, t, p, saltText, keyText] = match;
  const params = { m: Number(m), t: Number(t), p: Number(p) };
  const expected = fromBase64url(keyText!);
  const actual = argon2id(normalise(password), fromBase64url(saltText!), {
    ...params,
    dkLen: expected.length,
  });
  return {
    ok: constantTimeEqual(actual, expected),
    needsRehash:
      params.m < ARGON2_PARAMS.m || params.t < ARGON2_PARAMS.t || params.p < ARGON2_PARAMS.p,
  };
}

/**
 * Verified against when the username does not exist, so an unknown name
 * costs the same time as a wrong password and names cannot be probed.
 */
export const DECOY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$3q2-796tvu_erb7v3q2-7w$1Sd6n2B7vX2cZ1I5c3m6vQyqj0Qy2F9QkYc1dX0Zl3Q";

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}

function fromBase64url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
