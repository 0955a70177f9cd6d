import type { Hono } from "hono";

import {
  AccountView,
  ALL_OFFICES,
  CreateAccountBody,
  type Grant,
  UpdateAccountBody,
} from "../../shared/protocol/auth";
import { AccountList } from "../../shared/protocol/responses";
import { directory } from "../auth/authenticate";
import type { Failure } from "../auth/directory";
import { hashPassword } from "../auth/password";
import { actorOf, type Principal } from "../auth/principal";
import { errorResponse } from "../http/errors";
import { accountParam } from "../http/path-params";
import { type AppEnv, defineRoute } from "../http/route";

/** The grants an admin acts with; the operator administers every office. */
function adminGrants(principal: Principal): Grant[] {
  if (principal.operator) return [{ office: ALL_OFFICES, role: "admin" }];
  return principal.staff?.grants ?? [];
}

function answer(result: AccountView | Failure, status = 200): Response {
  if ("error" in result) {
    const { status: failed, code, message } = result.error;
    return errorResponse(failed, code, message);
  }
  return Response.json(result satisfies AccountView, { status });
}

function weakPassword(username: string, password: string | undefined): Response | null {
  if (password?.toLowerCase().includes(username.toLowerCase()))
    return errorResponse(400, "weak_password", "The password must not contain the username.");
  return null;
}

export function accountRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "listAccounts",
      method: "get",
      path: "/api/accounts",
      role: "admin",
      summary:
        "The accounts with a role in the offices you administer (all of them for an administrator of every office), with those grants.",
      success: { status: 200, description: "The accounts", body: AccountList },
      errors: [401, 403],
    },
    async (c) =>
      Response.json({
        accounts: await directory(c.env).listAccounts(adminGrants(c.var.principal)),
      } satisfies AccountList),
  );

  defineRoute(
    app,
    {
      operationId: "createAccount",
      method: "post",
      path: "/api/accounts",
      role: "admin",
      summary:
        "Creates a staff account: { username, displayName, password (≥ 12 characters), grants: [{ office, role }] } — only in offices you administer.",
      body: CreateAccountBody,
      success: { status: 201, description: "The account", body: AccountView },
      errors: [400, 401, 403, 409, 413],
    },
    async (c, { body }) => {
      const weak = weakPassword(body.username, body.password);
      if (weak) return weak;
      const { password, ...rest } = body;
      const result = await directory(c.env).createAccount(
        adminGrants(c.var.principal),
        actorOf(c.var.principal),
        { ...rest, passwordHash: hashPassword(password) },
      );
      return answer(result, 201);
    },
  );

  defineRoute(
    app,
    {
      operationId: "updateAccount",
      method: "patch",
      path: "/api/accounts/{account}",
      role: "admin",
      summary:
        "Changes an account: displayName, disabled, password (a reset), grants (replacing those in the offices you administer). Disabling or resetting ends the person's sessions and live sockets at once.",
      params: { account: accountParam },
      body: UpdateAccountBody,
      success: { status: 200, description: "The account", body: AccountView },
      errors: [400, 401, 403, 404, 409, 413],
    },
    async (c, { params, body }) => {
      const { password, ...rest } = body;
      const result = await directory(c.env).updateAccount(
        adminGrants(c.var.principal),
        actorOf(c.var.principal),
        params.account,
        { ...rest, ...(password !== undefined ? { passwordHash: hashPassword(password) } : {}) },
      );
      return answer(result);
    },
  );
}
