import type { Hono } from "hono";
import * as z from "zod/mini";
import {
  AdoptDeviceBody,
  CreatePairingCodeBody,
  DEVICE_ROLES,
  DeviceRole,
  DeviceView,
  PairBody,
  PairingCodeView,
} from "../../shared/protocol/auth";
import { CurrentDevice, DeviceList, PairedDevice } from "../../shared/protocol/responses";
import { device } from "../auth/access";
import { directory } from "../auth/authenticate";
import { cookie, deviceCookieName, deviceCookiePath } from "../auth/cookies";
import { sha256 } from "../auth/encoding";
import { actorOf } from "../auth/principal";
import { errorResponse } from "../http/errors";
import { deviceParam, officeParam } from "../http/path-params";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";

/** A device keeps its cookie for a long time (400 days, the browsers' cap); revoking it is what ends it. */
const DEVICE_COOKIE_SECONDS = 400 * 24 * 60 * 60;

/** ?role= on pairing insists on kiosk or display; anything else is ignored, as if not given. */
const PairQuery = z.object({ role: z.catch(z.optional(DeviceRole), undefined) });
const DeviceQuery = z.object({
  role: z.enum(DEVICE_ROLES, { error: "role must be kiosk or display." }),
});

function pairedResponse(
  c: AppContext,
  office: string,
  paired: DeviceView,
  token: string,
): Response {
  const response = Response.json({ device: paired } satisfies PairedDevice);
  response.headers.append(
    "set-cookie",
    cookie(c.env, new URL(c.req.url), deviceCookieName(paired.role), token, {
      path: deviceCookiePath(office),
      maxAgeSeconds: DEVICE_COOKIE_SECONDS,
    }),
  );
  response.headers.set("cache-control", "no-store");
  return response;
}

export function deviceRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "createPairingCode",
      method: "post",
      path: "/api/offices/{office}/pairing-codes",
      role: "supervisor",
      summary:
        "A one-time code (XXXX-XXXX) that pairs one kiosk or display with this office: { role: kiosk | display, name }. Expires in 10 minutes.",
      params: { office: officeParam },
      body: CreatePairingCodeBody,
      success: { status: 201, description: "The code, until when it works", body: PairingCodeView },
      errors: [400, 401, 403, 404, 413],
    },
    async (c, { params, body }) => {
      const created = await directory(c.env).createPairingCode(
        actorOf(c.var.principal),
        params.office,
        body.role,
        body.name,
      );
      return Response.json(created satisfies PairingCodeView, { status: 201 });
    },
  );

  defineRoute(
    app,
    {
      operationId: "pairDevice",
      method: "post",
      path: "/api/offices/{office}/devices/pair",
      role: "public",
      summary:
        "A kiosk or display enters its pairing code ({ code }, optional ?role= to insist on kiosk or display): answers the device and sets its HttpOnly device cookie. Wrong codes are limited per office and address (429).",
      params: { office: officeParam },
      query: PairQuery,
      body: PairBody,
      success: { status: 200, description: "The device (its cookie is set)", body: PairedDevice },
      errors: [400, 404, 409, 413, 429],
    },
    async (c, { params, query, body }) => {
      const result = await directory(c.env).pair(
        params.office,
        body.code,
        query.role ?? null,
        c.var.principal.address,
      );
      if ("error" in result) {
        const response = errorResponse(
          result.error.status,
          result.error.code,
          result.error.message,
        );
        if (result.error.retryAfterMs)
          response.headers.set("retry-after", String(Math.ceil(result.error.retryAfterMs / 1000)));
        return response;
      }
      return pairedResponse(c, params.office, result.device, result.token);
    },
  );

  defineRoute(
    app,
    {
      operationId: "adoptDevice",
      method: "post",
      path: "/api/offices/{office}/devices/adopt",
      role: "public",
      summary:
        "Exchanges a device token handed over in a link ({ token }; the demo's pre-paired screens) for the device cookie.",
      params: { office: officeParam },
      body: AdoptDeviceBody,
      success: { status: 200, description: "The device (its cookie is set)", body: PairedDevice },
      errors: [400, 404, 413],
    },
    async (c, { params, body }) => {
      const found = await directory(c.env).deviceByTokenHash(
        params.office,
        await sha256(body.token),
      );
      if (!found)
        return errorResponse(404, "unknown_device", "This device link is wrong or was revoked.");
      return pairedResponse(c, params.office, found, body.token);
    },
  );

  defineRoute(
    app,
    {
      operationId: "currentDevice",
      readsCaller: true,
      method: "get",
      path: "/api/offices/{office}/devices/me",
      role: "public",
      summary:
        "Which device this browser is for the office (?role=kiosk|display): 200 with the device, or 401 not_paired.",
      params: { office: officeParam },
      query: DeviceQuery,
      success: { status: 200, description: "This browser's device", body: CurrentDevice },
      errors: [400, 401],
    },
    (c, { params, query }) => {
      const found = device(c.var.principal, params.office, query.role);
      if (!found)
        return errorResponse(
          401,
          "not_paired",
          `This browser is not a paired ${query.role} of this office.`,
        );
      return Response.json({ device: found } satisfies CurrentDevice);
    },
  );

  defineRoute(
    app,
    {
      operationId: "listDevices",
      method: "get",
      path: "/api/offices/{office}/devices",
      role: "admin",
      summary: "The office's paired devices, revoked ones included.",
      params: { office: officeParam },
      success: { status: 200, description: "The office's devices", body: DeviceList },
      errors: [401, 403, 404],
    },
    async (c, { params }) =>
      Response.json({
        devices: await directory(c.env).listDevices(params.office),
      } satisfies DeviceList),
  );

  defineRoute(
    app,
    {
      operationId: "revokeDevice",
      method: "delete",
      path: "/api/offices/{office}/devices/{device}",
      role: "admin",
      summary:
        "Revokes a device: its cookie stops working and its live socket closes at once (4401).",
      params: { office: officeParam, device: deviceParam },
      success: { status: 200, description: "The device, revokedAt set", body: DeviceView },
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const revoked = await directory(c.env).revokeDevice(
        actorOf(c.var.principal),
        params.office,
        params.device,
      );
      if (!revoked) return errorResponse(404, "unknown_device", "There is no such device here.");
      return Response.json(revoked satisfies DeviceView);
    },
  );
}
