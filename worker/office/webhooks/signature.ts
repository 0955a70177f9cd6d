/*
 * The Standard Webhooks signature (https://www.standardwebhooks.com): HMAC-SHA256
 * over `id.timestamp.body` with the secret's bytes, base64, as `v1,<signature>`.
 * Secrets are `whsec_` and the base64 of 32 random bytes. During a rotation a
 * delivery carries one signature per valid secret, space-separated, so a
 * receiver that holds either verifies it.
 */

const SECRET_PREFIX = "whsec_";
const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A new endpoint secret: 256 random bits. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + base64(crypto.getRandomValues(new Uint8Array(32)));
}

/** The key bytes of a secret, with or without its `whsec_` prefix (as the spec's libraries accept). */
function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const binary = atob(encoded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`; `timestamp` in whole seconds. */
export async function signWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    secretBytes(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestamp}.${body}`));
  return `v1,${base64(new Uint8Array(mac))}`;
}

/** The three headers of one delivery: one signature per secret, space-separated. */
export async function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Promise<Record<string, string>> {
  const signatures = await Promise.all(secrets.map((s) => signWebhook(s, id, timestamp, body)));
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatures.join(" "),
  };
}
