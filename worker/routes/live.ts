import type { Hono } from "hono";
import { LiveRole, SUPPORTED_PROTOCOL_VERSIONS } from "../../shared/protocol/wire";
import { errorResponse } from "../http/errors";
import { officeStub } from "../http/office-client";
import { pathSlug } from "../http/request";
import { type AppEnv, defineRoute } from "../http/route";

export function liveRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "live",
      method: "get",
      path: "/api/offices/{office}/live",
      role: "public",
      summary:
        "Upgrades to the live WebSocket. Query: v (protocol version, 1), role (display | kiosk | counter | ticket), token (for role=ticket). See x-turno-live-protocol.",
      success: [101, "Switching protocols"],
      errors: [400, 404, 426],
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
      return officeStub(c, office.value).fetch(c.req.raw);
    },
  );
}
