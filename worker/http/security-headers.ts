import type { MiddlewareHandler } from "hono";

/**
 * The Content-Security-Policy every page and answer carries. No inline or
 * evaluated scripts; inline style attributes are allowed because Preact
 * sets them (e.g. the display's burn-in shift). The static apps get the same
 * policy from dist/public/_headers, written by the build from this constant.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' data: blob:",
  // 'self' alone: Chromium before ~70 and Safari before 15.4 never match ws:/wss: to it, and the
  // live socket is refused (the TVs fall back to polling, the tablets stay offline). Scripts are
  // still only our own, so only our own code can open a socket.
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  // Ticket links carry their token in the path: never leak it to another site. Not
  // no-referrer: under it old TV and tablet engines (Chromium < 75) send `Origin: null`
  // even to their own site, and their requests could not be told from a forgery
  // (see http/same-site.ts).
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
};

/**
 * What every answer of the API carries besides: never stored by a browser or a proxy
 * (issue 13, point 10). Tickets, bookings, accounts, audit entries, reports, who is signed
 * in: most answers carry someone's data or session, and a shared office computer's cache, or
 * a proxy's, must not keep them. The office view is public but changes every second anyway.
 */
export const API_HEADERS: Record<string, string> = {
  ...SECURITY_HEADERS,
  "cache-control": "no-store",
};

/** The API's answers, less the reference page's static files (served from the assets, cacheable). */
function isApiAnswer(path: string): boolean {
  return path.startsWith("/api/") && !path.startsWith("/api/docs");
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A 101 upgrade carries a WebSocket; its headers are immutable and meaningless to set.
  if (c.res.status === 101) return;
  const api = isApiAnswer(c.req.path);
  // Answers of a command come from the office already with them (no copy on the hot path).
  if (c.res.headers.has("content-security-policy") && (!api || c.res.headers.has("cache-control")))
    return;
  const response = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (api && !response.headers.has("cache-control"))
    response.headers.set("cache-control", "no-store");
  c.res = response;
};
