/**
 * A fresh idempotency key for one deliberate action (a tap, a click, a key
 * press): if the answer is lost and the action is sent again with the same
 * key, the server answers without doing it twice. 128 random bits, from
 * crypto.getRandomValues: crypto.randomUUID exists only in secure contexts,
 * and kiosks and desk PCs on an office LAN are often served over plain http.
 * `app` ("kiosk", "counter", "ticket") only tells the keys apart in logs.
 */
export function newIdempotencyKey(app: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, "0");
  return `${app}-${hex}`;
}
