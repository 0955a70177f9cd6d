// A receiver for Turno's webhooks in plain Node (no dependency): it checks the Standard
// Webhooks signature and the replay window, and drops a delivery it has already seen.
// Run: TURNO_WEBHOOK_SECRET=whsec_… PORT=8080 node scripts/examples/webhook-verifier.mjs
// The README's "Webhooks" section shows verifyWebhook; tests/scripts/webhook-verifier.test.ts runs this file.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const TOLERANCE_SECONDS = 5 * 60;

/** The event if the signature is good and recent; throws otherwise. `body` is the raw text. */
export function verifyWebhook(secrets, headers, body, now = Date.now()) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) throw new Error("missing webhook headers");
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(now / 1000 - seconds) > TOLERANCE_SECONDS)
    throw new Error("timestamp outside the 5-minute window");
  // During a rotation Turno signs with both secrets: accept either of yours.
  for (const secret of [secrets].flat()) {
    const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
    const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
    for (const signature of signatures.split(" ")) {
      const [version, value] = signature.split(",");
      const given = Buffer.from(value ?? "", "base64");
      if (version === "v1" && given.length === expected.length && timingSafeEqual(given, expected))
        return JSON.parse(body);
    }
  }
  throw new Error("no valid signature");
}

/**
 * A server that answers 204 to a good delivery and 401 to a bad one. A delivery already
 * seen (Turno did not get your first 2xx) is answered 204 again but not handled twice.
 */
export function webhookServer(secrets, onEvent) {
  const seen = new Map(); // webhook-id → when: a retry of a delivery you took is taken once
  return createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let event;
      try {
        event = verifyWebhook(secrets, request.headers, body);
      } catch (error) {
        response.writeHead(401).end(String(error.message));
        return;
      }
      const now = Date.now();
      for (const [id, at] of seen) if (now - at > 2 * TOLERANCE_SECONDS * 1000) seen.delete(id);
      if (!seen.has(event.id)) {
        seen.set(event.id, now);
        onEvent(event);
      }
      response.writeHead(204).end();
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const secrets = (process.env.TURNO_WEBHOOK_SECRET ?? "").split(" ").filter(Boolean);
  if (secrets.length === 0)
    throw new Error("set TURNO_WEBHOOK_SECRET (one, or two during a rotation)");
  const server = webhookServer(secrets, (event) => console.log(JSON.stringify(event)));
  server.listen(Number(process.env.PORT ?? 8080), () =>
    console.log(`listening on ${JSON.stringify(server.address())}`),
  );
}
