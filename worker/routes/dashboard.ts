import type { Hono } from "hono";
import * as z from "zod/mini";
import { NoticeText } from "../../shared/protocol";
import { NoticeAnswer, ServiceTodayAnswer, TodayFigures } from "../../shared/protocol/responses";
import { sendCommand } from "../http/office-client";
import { officeParam, serviceParam } from "../http/path-params";
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
      params: { office: officeParam, service: serviceParam },
      body: ServiceTodayBody,
      success: {
        status: 200,
        description: "The services closed for today, and the events",
        body: ServiceTodayAnswer,
      },
      errors: [400, 401, 403, 404, 409, 413],
      idempotent: true,
    },
    (c, { params, body, idempotencyKey }) =>
      sendCommand(
        c,
        params.office,
        { type: "setServiceToday", serviceId: params.service, open: body.open },
        idempotencyKey,
      ),
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
      params: { office: officeParam },
      body: NoticeBody,
      success: { status: 200, description: "The notice, and the events", body: NoticeAnswer },
      errors: [400, 401, 403, 404, 413],
      idempotent: true,
    },
    (c, { params, body, idempotencyKey }) =>
      sendCommand(c, params.office, { type: "setNotice", text: body.text }, idempotencyKey),
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
      params: { office: officeParam },
      success: { status: 200, description: "Today's figures", body: TodayFigures },
      errors: [401, 403, 404],
    },
    (c, { params }) => officeClient(c.env, params.office).today(),
  );
}
