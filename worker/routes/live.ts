import type { Hono } from "hono";
import {
  LiveRole,
  type ServerMessage,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "../../shared/protocol/wire";
import { CLOSE_FORBIDDEN, CLOSE_SIGNED_OUT } from "../../shared/protocol/wire-constants";
import { allows, device, isAnonymous, staffRank } from "../auth/access";
import { actorOf, type Principal } from "../auth/principal";
import type { Role } from "../auth/roles";
import { errorResponse } from "../http/errors";
import { pathSlug } from "../http/request";
import { type AppEnv, defineRoute } from "../http/route";
import { isSameSiteSocket } from "../http/same-site";
import { accountTag, deviceTag, sessionTag } from "../live/socket-tags";
import { officeClient } from "../office/client";
import { LIVE_GRANT_HEADER, type LiveGrant } from "../office/internal";

/** The role each kind of live socket needs (README "Roles"). */
const ROLE_FOR_LIVE: Record<LiveRole, Role> = {
  display: "display",
  kiosk: "kiosk",
  counter: "clerk",
  ticket: "ticket",
};

export function liveRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "live",
      readsCaller: true,
      method: "get",
      path: "/api/offices/{office}/live",
      role: "public",
      summary:
        "Upgrades to the live WebSocket. Query: v (protocol version, 1), role (display | kiosk | counter | ticket), token (for role=ticket). display needs a display device or staff of the office; kiosk a kiosk device or a clerk; counter a clerk; ticket the ticket's token. A refused or later revoked socket gets an error frame and close code 4401 (sign in / pair again) or 4403 (not allowed). See x-turno-live-protocol.",
      success: [101, "Switching protocols"],
      errors: [400, 403, 404, 426],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        return errorResponse(426, "upgrade_required", "This endpoint speaks WebSocket only.");
      }
      const role = LiveRole.safeParse(c.req.query("role"));
      if (!role.success) {
        return errorResponse(
          400,
          "invalid_request",
          "role must be one of display, kiosk, counter, ticket.",
        );
      }
      const version = Number(c.req.query("v") ?? SUPPORTED_PROTOCOL_VERSIONS[0]);
      if (!Number.isInteger(version))
        return errorResponse(400, "invalid_request", "v must be a protocol version number.");
      // Browsers send cookies with a cross-site socket too (no CORS here): refuse other sites' pages.
      if (!isSameSiteSocket(c.req.raw))
        return errorResponse(403, "cross_site_request", "Live sockets are for Turno's own pages.");

      const principal = c.var.principal;
      if (!allows(principal, office.value, ROLE_FOR_LIVE[role.data])) {
        return refusedSocket(
          isAnonymous(principal) ? CLOSE_SIGNED_OUT : CLOSE_FORBIDDEN,
          isAnonymous(principal)
            ? role.data === "counter"
              ? "not_signed_in"
              : "not_paired"
            : "forbidden",
          `A ${role.data} socket needs ${ROLE_FOR_LIVE[role.data]} rights in office "${office.value}".`,
        );
      }
      const grant = liveGrant(principal, office.value, role.data);
      return officeClient(c.env, office.value).live(forwardedUpgrade(c.req.raw), grant);
    },
  );
}

/** Who the socket belongs to, and the tags a revocation will look for. */
function liveGrant(principal: Principal, office: string, role: LiveRole): LiveGrant {
  const tags: string[] = [];
  const staff = principal.staff && staffRank(principal, office) >= 1 ? principal.staff : null;
  const usedDevice =
    !staff && (role === "kiosk" || role === "display") ? device(principal, office, role) : null;
  if (staff) tags.push(accountTag(staff.accountId), sessionTag(staff.sessionId));
  if (usedDevice) tags.push(deviceTag(usedDevice.id));
  return {
    role,
    actor: actorOf(staff ? principal : { ...principal, staff: null }, usedDevice),
    rank: staffRank(principal, office),
    tags,
    ...(staff ? { session: { id: staff.sessionId, expiresAt: staff.expiresAt } } : {}),
  };
}

/**
 * Accepts the socket only to say why it is refused, then closes it: a
 * browser cannot read an HTTP 401 from a failed upgrade, but it can read a
 * close code and stop retrying.
 */
function refusedSocket(closeCode: number, code: string, message: string): Response {
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  server.send(JSON.stringify({ type: "error", error: { code, message } } satisfies ServerMessage));
  server.close(closeCode, code);
  return new Response(null, { status: 101, webSocket: client });
}

/** The query parameters the office reads; everything else a client adds is dropped. */
const FORWARDED_PARAMS = ["v", "role", "token"];

/**
 * The upgrade as the office should see it: only our own parameters and
 * headers. partyserver reads `_pk` (the connection id, which becomes the
 * socket's first tag) and `x-partykit-*` headers for itself; passed through,
 * a client could name its socket "role:kiosk" or crash its set-up.
 */
function forwardedUpgrade(request: Request): Request {
  const from = new URL(request.url);
  const url = new URL(from.origin + from.pathname);
  for (const name of FORWARDED_PARAMS) {
    const value = from.searchParams.get(name);
    if (value !== null) url.searchParams.set(name, value.slice(0, 200));
  }
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    if (!name.startsWith("x-partykit-") && name !== LIVE_GRANT_HEADER) headers.set(name, value);
  }
  return new Request(url, { method: "GET", headers });
}
