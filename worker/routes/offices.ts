import type { Hono } from "hono";
import { OfficeConfig } from "../../shared/protocol/config";
import { OfficeView } from "../../shared/protocol/responses";
import { directory } from "../auth/authenticate";
import { rememberOffice } from "../http/known-offices";
import { sendCommand } from "../http/office-client";
import { newOfficeParam, officeParam } from "../http/path-params";
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
      params: { office: officeParam },
      success: { status: 200, description: "The office", body: OfficeView },
      errors: [404],
    },
    (c, { params }) => officeClient(c.env, params.office).view(),
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
      params: { office: newOfficeParam },
      body: OfficeConfig,
      success: {
        status: 200,
        description: "The office after the change (201 when it was created)",
        body: OfficeView,
      },
      errors: [400, 404, 409, 413],
      idempotent: true,
    },
    async (c, { params, body, idempotencyKey }) => {
      const answer = await sendCommand(
        c,
        params.office,
        { type: "configure", config: body },
        idempotencyKey,
      );
      // The Directory lists offices so that signing out reaches the sockets of "*" grants
      // everywhere, and so that requests to names it does not list never reach an object
      // (known-offices.ts). Also on a change (200): an office created before the Directory
      // existed is listed at its next configuration.
      if (answer.status === 201 || answer.status === 200) {
        await directory(c.env).registerOffice(params.office);
        rememberOffice(params.office);
      }
      return answer;
    },
  );
}
