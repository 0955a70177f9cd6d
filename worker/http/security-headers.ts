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

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A 101 upgrade carries a WebSocket; its headers are immutable and meaningless to set.
  if (c.res.status === 101) return;
  // Answers of a command come from the office already with them (no copy on the hot path).
  if (c.res.headers.has("content-security-policy")) return;
  const response = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  c.res = response;
};
