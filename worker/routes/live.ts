import type { Hono } from "hono";
import * as z from "zod/mini";
import { LIVE_ROLES, type LiveRole, type ServerMessage } from "../../shared/protocol/wire";
import {
  CLOSE_FORBIDDEN,
  CLOSE_REJECTED,
  CLOSE_SIGNED_OUT,
  CLOSE_TOO_MANY_SOCKETS,
} from "../../shared/protocol/wire-constants";
import { allows, device, isAnonymous, staffRank } from "../auth/access";
import { actorOf, type Principal } from "../auth/principal";
import type { Role } from "../auth/roles";
import { errorResponse } from "../http/errors";
import { officeExists } from "../http/known-offices";
import { newOfficeParam } from "../http/path-params";
import { type AppEnv, defineRoute } from "../http/route";
import { isSameSiteSocket } from "../http/same-site";
import { accountTag, deviceTag, sessionTag } from "../live/socket-tags";
import { takeTicketUpgrade } from "../live/ticket-upgrades";
import { officeClient } from "../office/client";
import { LIVE_GRANT_HEADER, type LiveGrant } from "../office/internal";

/** The office reads v and token itself (an unsupported version gets its incompatibility frame). */
const LiveQuery = z.object({
  role: z.enum(LIVE_ROLES, { error: "role must be one of display, kiosk, counter, ticket." }),
  v: z.optional(
    z.string().check(
      z.refine((v) => Number.isInteger(Number(v)), {
        error: "v must be a protocol version number.",
      }),
    ),
  ),
  /** For role=ticket: the ticket's tracking token. */
  token: z.optional(z.string()),
});

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
      params: { office: newOfficeParam },
      upgrade: "websocket",
      query: LiveQuery,
      success: { status: 101, description: "Switching protocols" },
      errors: [400, 403, 404, 426],
    },
    async (c, { params: { office }, query: { role } }) => {
      // Browsers send cookies with a cross-site socket too (no CORS here): refuse other sites' pages.
      if (!isSameSiteSocket(c.req.raw))
        return errorResponse(403, "cross_site_request", "Live sockets are for Turno's own pages.");

      const principal = c.var.principal;
      if (!allows(principal, office, ROLE_FOR_LIVE[role])) {
        return refusedSocket(
          isAnonymous(principal) ? CLOSE_SIGNED_OUT : CLOSE_FORBIDDEN,
          isAnonymous(principal)
            ? role === "counter"
              ? "not_signed_in"
              : "not_paired"
            : "forbidden",
          `A ${role} socket needs ${ROLE_FOR_LIVE[role]} rights in office "${office}".`,
        );
      }
      // Checked here rather than as the path's parameter: a screen pointed at a wrong office
      // is told so on its socket, as the office itself used to tell it, with no object created.
      if (!(await officeExists(c.env, office)))
        return refusedSocket(CLOSE_REJECTED, "unknown_office", "No such office.");
      if (role === "ticket" && !takeTicketUpgrade(office, principal.address))
        return refusedSocket(
          CLOSE_TOO_MANY_SOCKETS,
          "too_many_sockets",
          "Too many connections from this network; try again in a few seconds.",
        );
      const grant = liveGrant(principal, office, role);
      return officeClient(c.env, office).live(forwardedUpgrade(c.req.raw), grant);
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
    ...(staff
      ? {
          session: {
            id: staff.sessionId,
            expiresAt: staff.expiresAt,
            idleExpiresAt: staff.idleExpiresAt,
          },
        }
      : {}),
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
