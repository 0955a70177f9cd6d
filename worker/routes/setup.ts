import type { Hono } from "hono";
import * as z from "zod/mini";
import {
  DeviceName,
  DeviceRole,
  DisplayName,
  Grant,
  Password,
  Slug,
  Username,
} from "../../shared/protocol";
import {
  CreatedDevice,
  DeviceCheck,
  SetupAccountAnswer,
  SetupStatus,
} from "../../shared/protocol/responses";
import { directory } from "../auth/authenticate";
import { sha256 } from "../auth/encoding";
import { hashPassword } from "../auth/password";
import { type AppEnv, defineRoute } from "../http/route";

/** Create an account, or reset its password (and grants, if given) — `npm run account`. */
export const SetupAccountBody = z.strictObject({
  username: Username,
  displayName: z.optional(DisplayName),
  password: Password,
  grants: z._default(z.array(Grant).check(z.maxLength(100)), []),
});

const SetupStatusQuery = z.object({ username: z.optional(z.string()) });

export const SetupDeviceBody = z.strictObject({ office: Slug, role: DeviceRole, name: DeviceName });
export const CheckDeviceBody = z.strictObject({
  office: Slug,
  token: z.string().check(z.maxLength(64)),
});

/**
 * The operator's routes, for `npm start` and `npm run account`: they need
 * the installation's setup token (TURNO_SETUP_TOKEN) as a Bearer token, and
 * refuse everyone while it is unset.
 */
export function setupRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "setupStatus",
      method: "get",
      path: "/api/setup/status",
      role: "operator",
      summary: "How many accounts exist, and whether a given one does (?username=).",
      query: SetupStatusQuery,
      success: { status: 200, description: "How many accounts exist", body: SetupStatus },
      errors: [401, 403],
    },
    async (c, { query: { username } }) => {
      const dir = directory(c.env);
      return Response.json({
        accounts: await dir.countAccounts(),
        exists: username ? await dir.accountExists(username) : null,
      } satisfies SetupStatus);
    },
  );

  defineRoute(
    app,
    {
      operationId: "setupAccount",
      method: "post",
      path: "/api/setup/accounts",
      role: "operator",
      summary:
        "Creates an account or resets its password (and replaces its grants when given); re-enables it. Ends its sessions.",
      body: SetupAccountBody,
      success: {
        status: 200,
        description: "The account, and whether it was created (201) or reset",
        body: SetupAccountAnswer,
      },
      errors: [400, 401, 403, 413],
    },
    async (c, { body }) => {
      const { username, displayName, password, grants } = body;
      const result = await directory(c.env).upsertAccount({
        username,
        displayName: displayName ?? username,
        passwordHash: hashPassword(password),
        grants,
      });
      return Response.json(result satisfies SetupAccountAnswer, {
        status: result.created ? 201 : 200,
      });
    },
  );

  defineRoute(
    app,
    {
      operationId: "setupDevice",
      method: "post",
      path: "/api/setup/devices",
      role: "operator",
      summary:
        "Creates a paired device ({ office, role, name }) and answers its token once, for a link such as …/kiosk/?office=x#device=TOKEN.",
      body: SetupDeviceBody,
      success: { status: 201, description: "The device, and its token", body: CreatedDevice },
      errors: [400, 401, 403, 413],
    },
    async (c, { body }) => {
      const created = await directory(c.env).createDevice(body.office, body.role, body.name);
      return Response.json(created satisfies CreatedDevice, { status: 201 });
    },
  );

  defineRoute(
    app,
    {
      operationId: "setupCheckDevice",
      method: "post",
      path: "/api/setup/devices/check",
      role: "operator",
      summary:
        "Is this device token ({ office, token }) still valid? For `npm start` to reuse the demo's links.",
      body: CheckDeviceBody,
      success: { status: 200, description: "Whether the token still works", body: DeviceCheck },
      errors: [400, 401, 403, 413],
    },
    async (c, { body }) => {
      const found = await directory(c.env).deviceByTokenHash(body.office, await sha256(body.token));
      return Response.json({ valid: found !== null } satisfies DeviceCheck);
    },
  );
}
