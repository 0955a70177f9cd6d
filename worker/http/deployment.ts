import { errorResponse } from "./errors";

/**
 * Where this Worker runs. Deployed (`wrangler deploy`, the default): behind Cloudflare,
 * which serves https and sets `CF-Connecting-IP` itself. On a machine in the office
 * (`npm start` sets `TURNO_LAN=1` for wrangler dev, as the test servers do): plain http is
 * served, and `CF-Connecting-IP` is set by npm start's own front (scripts/lan-front.ts) or,
 * on a loopback address, by wrangler dev from the connection (issue 13, points 1 and 7).
 */
export function isLan(env: Env): boolean {
  return env.TURNO_LAN === "1";
}

/**
 * On a deployed host plain http never reaches a handler: a page or a read is sent to https
 * (308), anything else is refused (403 https_required), since what it carried has already
 * crossed the network in clear. Null when the request may go on.
 */
export function httpsRefusal(env: Env, request: Request): Response | null {
  if (isLan(env)) return null;
  const url = new URL(request.url);
  if (url.protocol !== "http:") return null;
  if (request.method === "GET" || request.method === "HEAD") {
    url.protocol = "https:";
    return new Response(null, { status: 308, headers: { location: url.href } });
  }
  return errorResponse(403, "https_required", "Turno answers only over https here.");
}
