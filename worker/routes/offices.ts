import type { Hono } from "hono";
import { OfficeConfig } from "../../shared/protocol/config";
import { directory } from "../auth/authenticate";
import { sendCommand } from "../http/office-client";
import { idempotencyKey, pathSlug, readBody } from "../http/request";
import { type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";

export function officeRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "getOffice",
      method: "get",
      path: "/api/offices/{office}",
      role: "public",
      summary:
        "Configuration and live snapshot, public tickets only (codes, services, counters and times; no one's priority, language or channel): services with waiting count and estimated wait, counters with mode and current ticket, the waiting tickets in order of arrival and recent calls.",
      success: [200, "The office"],
      errors: [404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      return officeClient(c.env, office.value).view();
    },
  );

  defineRoute(
    app,
    {
      operationId: "configureOffice",
      method: "put",
      path: "/api/offices/{office}",
      role: "admin",
      summary:
        "Creates the office or replaces its configuration, applied live. Refused (409) if it would remove a service or counter that still holds tickets.",
      body: OfficeConfig,
      success: [200, "The office after the change (201 when it was created)"],
      errors: [400, 404, 409, 413],
      idempotent: true,
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const key = idempotencyKey(c);
      if (!key.ok) return key.response;
      const body = await readBody(c, OfficeConfig);
      if (!body.ok) return body.response;
      const answer = await sendCommand(
        c,
        office.value,
        { type: "configure", config: body.value },
        key.value,
      );
      // The Directory lists offices so that signing out reaches the sockets of "*" grants everywhere.
      if (answer.status === 201) await directory(c.env).registerOffice(office.value);
      return answer;
    },
  );
}
