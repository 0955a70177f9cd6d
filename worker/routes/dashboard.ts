import type { Hono } from "hono";
import * as z from "zod/mini";
import { NoticeText } from "../../shared/protocol";
import { sendCommand } from "../http/office-client";
import { idempotencyKey, pathSlug, readBody } from "../http/request";
import { type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";

export const ServiceTodayBody = z.strictObject({ open: z.boolean() });
export const NoticeBody = z.strictObject({ text: z.nullable(NoticeText) });

/** The supervisor's levers on the day: end a service's tickets, tell the waiting room something. */
export function dashboardRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "setServiceToday",
      method: "put",
      path: "/api/offices/{office}/services/{service}/today",
      role: "supervisor",
      summary:
        "{ open: false } ends the service's tickets for the rest of the day (kiosks and displays say so; people already waiting keep their place); { open: true } resumes. Every service issues again the next day.",
      body: ServiceTodayBody,
      success: [200, "{ closedForToday, events }"],
      errors: [400, 401, 403, 404, 409, 413],
      idempotent: true,
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const service = pathSlug(c, "service", "service");
      if (!service.ok) return service.response;
      const key = idempotencyKey(c);
      if (!key.ok) return key.response;
      const body = await readBody(c, ServiceTodayBody);
      if (!body.ok) return body.response;
      return sendCommand(
        c,
        office.value,
        { type: "setServiceToday", serviceId: service.value, open: body.value.open },
        key.value,
      );
    },
  );

  defineRoute(
    app,
    {
      operationId: "setNotice",
      method: "put",
      path: "/api/offices/{office}/notice",
      role: "supervisor",
      summary:
        "A notice shown on every display of the office ({ text }, up to 280 characters) until replaced or cleared ({ text: null }).",
      body: NoticeBody,
      success: [200, "{ notice, events }"],
      errors: [400, 401, 403, 404, 413],
      idempotent: true,
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const key = idempotencyKey(c);
      if (!key.ok) return key.response;
      const body = await readBody(c, NoticeBody);
      if (!body.ok) return body.response;
      return sendCommand(c, office.value, { type: "setNotice", text: body.value.text }, key.value);
    },
  );

  defineRoute(
    app,
    {
      operationId: "today",
      method: "get",
      path: "/api/offices/{office}/today",
      role: "supervisor",
      summary:
        "Today's figures for the dashboard: tickets issued, served, no-shows and give-ups per service, and who last worked each counter (and since when).",
      success: [200, "{ day, services, counters }"],
      errors: [401, 403, 404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      return officeClient(c.env, office.value).today();
    },
  );
}
