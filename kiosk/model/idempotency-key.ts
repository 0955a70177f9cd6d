/**
 * A fresh idempotency key. crypto.randomUUID exists only in secure contexts,
 * and a kiosk on the office LAN is often served over plain http, so the key
 * is built from getRandomValues, which works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return `kiosk-${hex}`;
}
