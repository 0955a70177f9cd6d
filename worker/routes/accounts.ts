import type { Hono } from "hono";

import {
  AccountId,
  ALL_OFFICES,
  CreateAccountBody,
  type Grant,
  UpdateAccountBody,
} from "../../shared/protocol";
import { directory } from "../auth/authenticate";
import type { Failure } from "../auth/directory";
import { hashPassword } from "../auth/password";
import { actorOf, type Principal } from "../auth/principal";
import { errorResponse } from "../http/errors";
import { readBody } from "../http/request";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";

/** The grants an admin acts with; the operator administers every office. */
function adminGrants(principal: Principal): Grant[] {
  if (principal.operator) return [{ office: ALL_OFFICES, role: "admin" }];
  return principal.staff?.grants ?? [];
}

function answer<T>(result: T | Failure, status = 200): Response {
  if (result && typeof result === "object" && "error" in result) {
    const { status: failed, code, message } = (result as Failure).error;
    return errorResponse(failed, code, message);
  }
  return Response.json(result, { status });
}

function weakPassword(username: string, password: string | undefined): Response | null {
  if (password?.toLowerCase().includes(username.toLowerCase()))
    return errorResponse(400, "weak_password", "The password must not contain the username.");
  return null;
}

function accountParam(c: AppContext) {
  const parsed = AccountId.safeParse(c.req.param("account"));
  return parsed.success ? parsed.data : null;
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
      success: [200, "{ accounts: AccountView[] }"],
      errors: [401, 403],
    },
    async (c) =>
      Response.json({
        accounts: await directory(c.env).listAccounts(adminGrants(c.var.principal)),
      }),
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
      success: [201, "The account (AccountView)"],
      errors: [400, 401, 403, 409, 413],
    },
    async (c) => {
      const body = await readBody(c, CreateAccountBody);
      if (!body.ok) return body.response;
      const weak = weakPassword(body.value.username, body.value.password);
      if (weak) return weak;
      const { password, ...rest } = body.value;
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
      body: UpdateAccountBody,
      success: [200, "The account (AccountView)"],
      errors: [400, 401, 403, 404, 409, 413],
    },
    async (c) => {
      const accountId = accountParam(c);
      if (!accountId) return errorResponse(404, "unknown_account", "There is no such account.");
      const body = await readBody(c, UpdateAccountBody);
      if (!body.ok) return body.response;
      const { password, ...rest } = body.value;
      const result = await directory(c.env).updateAccount(
        adminGrants(c.var.principal),
        actorOf(c.var.principal),
        accountId,
        { ...rest, ...(password !== undefined ? { passwordHash: hashPassword(password) } : {}) },
      );
      return answer(result);
    },
  );
}
