import type { Hono } from "hono";
import {
  AdoptDeviceBody,
  CreatePairingCodeBody,
  DeviceId,
  DeviceRole,
  type DeviceView,
  PairBody,
} from "../../shared/protocol";
import { device } from "../auth/access";
import { clientAddress, directory } from "../auth/authenticate";
import { cookie, deviceCookieName, deviceCookiePath } from "../auth/cookies";
import { sha256 } from "../auth/encoding";
import { actorOf } from "../auth/principal";
import { errorResponse } from "../http/errors";
import { pathSlug, readBody } from "../http/request";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";

/** A device keeps its cookie for a long time (400 days, the browsers' cap); revoking it is what ends it. */
const DEVICE_COOKIE_SECONDS = 400 * 24 * 60 * 60;

function pairedResponse(
  c: AppContext,
  office: string,
  paired: DeviceView,
  token: string,
): Response {
  const response = Response.json({ device: paired });
  response.headers.append(
    "set-cookie",
    cookie(new URL(c.req.url), deviceCookieName(paired.role), token, {
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
      body: CreatePairingCodeBody,
      success: [201, "{ code, role, name, expiresAt }"],
      errors: [400, 401, 403, 404, 413],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const body = await readBody(c, CreatePairingCodeBody);
      if (!body.ok) return body.response;
      const created = await directory(c.env).createPairingCode(
        actorOf(c.var.principal),
        office.value,
        body.value.role,
        body.value.name,
      );
      return Response.json(created, { status: 201 });
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
      body: PairBody,
      success: [200, "{ device: DeviceView }"],
      errors: [400, 404, 409, 413, 429],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const body = await readBody(c, PairBody);
      if (!body.ok) return body.response;
      const expected = DeviceRole.safeParse(c.req.query("role"));
      const result = await directory(c.env).pair(
        office.value,
        body.value.code,
        expected.success ? expected.data : null,
        clientAddress(c.req.raw),
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
      return pairedResponse(c, office.value, result.device, result.token);
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
      body: AdoptDeviceBody,
      success: [200, "{ device: DeviceView }"],
      errors: [400, 404, 413],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const body = await readBody(c, AdoptDeviceBody);
      if (!body.ok) return body.response;
      const found = await directory(c.env).deviceByTokenHash(
        office.value,
        await sha256(body.value.token),
      );
      if (!found)
        return errorResponse(404, "unknown_device", "This device link is wrong or was revoked.");
      return pairedResponse(c, office.value, found, body.value.token);
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
      success: [200, "{ device }"],
      errors: [400, 401],
    },
    (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const role = DeviceRole.safeParse(c.req.query("role"));
      if (!role.success)
        return errorResponse(400, "invalid_request", "role must be kiosk or display.");
      const found = device(c.var.principal, office.value, role.data);
      if (!found)
        return errorResponse(
          401,
          "not_paired",
          `This browser is not a paired ${role.data} of this office.`,
        );
      return Response.json({ device: found });
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
      success: [200, "{ devices: DeviceView[] }"],
      errors: [401, 403, 404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      return Response.json({ devices: await directory(c.env).listDevices(office.value) });
    },
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
      success: [200, "The device (DeviceView, revokedAt set)"],
      errors: [401, 403, 404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const id = DeviceId.safeParse(c.req.param("device"));
      const revoked = id.success
        ? await directory(c.env).revokeDevice(actorOf(c.var.principal), office.value, id.data)
        : null;
      if (!revoked) return errorResponse(404, "unknown_device", "There is no such device here.");
      return Response.json(revoked);
    },
  );
}
