import type { Hono } from "hono";
import * as z from "zod/mini";
import { ALL_OFFICES } from "../../shared/protocol/auth";
import { AuditPage } from "../../shared/protocol/responses";
import { directory } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import { errorResponse } from "../http/errors";
import { officeParam } from "../http/path-params";
import { type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";

const AUDIT_QUERY_RULE = "before must be an entry id; limit 1–500.";
const AuditQuery = z.object({
  before: z.optional(
    z.coerce
      .number({ error: AUDIT_QUERY_RULE })
      .check(z.int({ error: AUDIT_QUERY_RULE }), z.positive({ error: AUDIT_QUERY_RULE })),
  ),
  limit: z._default(
    z.coerce
      .number({ error: AUDIT_QUERY_RULE })
      .check(
        z.int({ error: AUDIT_QUERY_RULE }),
        z.gte(1, { error: AUDIT_QUERY_RULE }),
        z.lte(500, { error: AUDIT_QUERY_RULE }),
      ),
    100,
  ),
});

/** The installation's log is for administrators of every office (or the operator). */
function administersEveryOffice(principal: Principal): Principal | Response {
  const everywhere =
    principal.operator ||
    principal.staff?.grants.some((g) => g.office === ALL_OFFICES && g.role === "admin");
  return everywhere
    ? principal
    : errorResponse(403, "forbidden", "This needs the admin role in every office (*).");
}

export function auditRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "officeAudit",
      method: "get",
      path: "/api/offices/{office}/audit",
      role: "admin",
      summary:
        "Who did which staff action when in this office, newest first: counter actions, mode changes, setup changes, sign-ins of its staff, device pairing and revocation. Query: limit (1–500, default 100), before (an entry id, to page back).",
      params: { office: officeParam },
      query: AuditQuery,
      success: { status: 200, description: "A page of the office's log", body: AuditPage },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).auditEntries(query),
  );

  defineRoute(
    app,
    {
      operationId: "installationAudit",
      method: "get",
      path: "/api/audit",
      role: "admin",
      summary:
        "Accounts, sign-ins and devices across the installation, newest first (administrators of every office only). Same query as the office audit.",
      caller: administersEveryOffice,
      query: AuditQuery,
      success: { status: 200, description: "A page of the installation's log", body: AuditPage },
      errors: [400, 401, 403],
    },
    async (c, { query }) =>
      Response.json({
        entries: await directory(c.env).auditEntries(query),
      } satisfies AuditPage),
  );
}
