/**
 * One key per deliberate action (a click, a key press): if the answer is lost
 * and the action is sent again, the server answers without doing it twice.
 */
export function newIdempotencyKey(): string {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  if (cryptoApi && typeof cryptoApi.randomUUID === "function") return cryptoApi.randomUUID();
  // randomUUID needs a secure context (https or localhost); a desk PC on plain http may lack it.
  let key = "k";
  for (let i = 0; i < 4; i++) key += Math.random().toString(36).slice(2, 10);
  return `${key}-${Date.now().toString(36)}`;
}
