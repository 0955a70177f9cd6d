import type { Hono } from "hono";
import * as z from "zod/mini";
import { directory } from "../auth/authenticate";
import { errorResponse } from "../http/errors";
import { pathSlug } from "../http/request";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";

const AuditQuery = z.object({
  before: z.optional(z.coerce.number().check(z.int(), z.positive())),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

function auditQuery(c: AppContext) {
  const parsed = AuditQuery.safeParse({
    before: c.req.query("before"),
    limit: c.req.query("limit"),
  });
  if (parsed.success) return { ok: true as const, value: parsed.data };
  return {
    ok: false as const,
    response: errorResponse(400, "invalid_request", "before must be an entry id; limit 1–500."),
  };
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
      success: [200, "{ entries: AuditEntry[] }"],
      errors: [400, 401, 403, 404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const query = auditQuery(c);
      if (!query.ok) return query.response;
      return officeClient(c.env, office.value).auditEntries(query.value);
    },
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
      success: [200, "{ entries: AuditEntry[] }"],
      errors: [400, 401, 403],
    },
    async (c) => {
      const principal = c.var.principal;
      const everywhere =
        principal.operator ||
        principal.staff?.grants.some((g) => g.office === "*" && g.role === "admin");
      if (!everywhere)
        return errorResponse(403, "forbidden", "This needs the admin role in every office (*).");
      const query = auditQuery(c);
      if (!query.ok) return query.response;
      return Response.json({ entries: await directory(c.env).auditEntries(query.value) });
    },
  );
}
