import { OWN_PAGE_HEADER } from "../../shared/protocol/wire-constants";
import { SESSION_COOKIE_NAMES } from "../auth/cookies";

/**
 * CSRF defence for every request that changes something, JSON ones included.
 * The browser's own word decides where it gives one:
 *
 * 1. `Sec-Fetch-Site` (Chromium 76+, Firefox 90+, Safari 16.4+) cannot be set
 *    by a page: only `same-origin` (or `none`, typed by the user) passes.
 * 2. Otherwise an `Origin` that names a site must be ours.
 * 3. The opaque `Origin: null` proves nothing either way: old engines (the
 *    Chromium 47–74 of smart TVs and old tablets) send it even on same-origin
 *    requests when the page's referrer policy hides the referrer, and a
 *    sandboxed attacker frame sends it too. Two things settle it. The pages
 *    are served with `Referrer-Policy: same-origin`, under which those engines
 *    send our real Origin to us (rule 2). And Turno's pages mark every such
 *    request with OWN_PAGE_HEADER, a shape no cross-site form can produce and
 *    no cross-site script can send without a CORS preflight that Turno never
 *    grants (it sets no Access-Control-Allow-* header anywhere). An unmarked
 *    `null` request passes only when it carries no Turno cookie: then it acts
 *    with no ambient credentials, as a forger could from anywhere anyway.
 * 4. No Origin at all: every engine Turno supports sends one on a POST, PUT,
 *    PATCH or DELETE, so this is a program (curl, an integration, a test)
 *    that holds whatever credential it sends itself.
 */
export function isSameSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  if (origin !== "null") return origin === new URL(request.url).origin;
  return request.headers.get(OWN_PAGE_HEADER) === "1" || !carriesTurnoCookie(request);
}

/**
 * The same for a live socket's upgrade, which cannot carry the marker: every
 * browser sends its page's real Origin on a WebSocket handshake (the referrer
 * policy does not touch it), so `null` with a Turno cookie is a sandboxed frame.
 */
export function isSameSiteSocket(request: Request): boolean {
  if (request.headers.get("origin") === "null" && !request.headers.has("sec-fetch-site")) {
    return !carriesTurnoCookie(request);
  }
  return isSameSite(request);
}

/** A session or device cookie (device cookies are named turno_<role>). */
function carriesTurnoCookie(request: Request): boolean {
  const cookie = request.headers.get("cookie");
  if (!cookie) return false;
  return cookie.split(";").some((pair) => {
    const name = pair.split("=")[0]?.trim() ?? "";
    return (SESSION_COOKIE_NAMES as readonly string[]).includes(name) || name.startsWith("turno_");
  });
}
