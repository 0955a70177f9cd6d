import type { Hono } from "hono";
import { EmptyBody } from "../../shared/protocol/api";
import {
  type AccountView,
  ChangePasswordBody,
  LoginBody,
  MeView,
} from "../../shared/protocol/auth";
import { directory } from "../auth/authenticate";
import {
  cookie,
  PLACE_COOKIE_MAX_AGE_SECONDS,
  placeCookieName,
  readCookies,
  SESSION_COOKIE_NAMES,
  sessionCookieName,
} from "../auth/cookies";
import { SESSION_ABSOLUTE_MS } from "../auth/directory";
import { base64url, sha256 } from "../auth/encoding";
import { DECOY_HASH, hashPassword, verifyPassword } from "../auth/password";
import type { Principal, StaffPrincipal } from "../auth/principal";
import { couldBeSessionToken } from "../auth/token-shape";
import { errorResponse } from "../http/errors";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";

export function meView(staff: StaffPrincipal): MeView {
  const account: AccountView = {
    id: staff.accountId,
    username: staff.username,
    displayName: staff.displayName,
    disabled: false,
    grants: staff.grants,
    createdAt: 0,
  };
  return {
    account,
    session: { idleExpiresAt: staff.idleExpiresAt, expiresAt: staff.expiresAt },
  };
}

function withSessionCookie(c: AppContext, token: string, body: MeView): Response {
  const url = new URL(c.req.url);
  const response = Response.json(body, { status: 200 });
  response.headers.append(
    "set-cookie",
    cookie(c.env, url, sessionCookieName(c.env, url), token, {
      path: "/",
      maxAgeSeconds: SESSION_ABSOLUTE_MS / 1000,
    }),
  );
  response.headers.set("cache-control", "no-store");
  return response;
}

/** The browser's place token (cookies.ts): the one it sent, else a new one to send it. */
function placeToken(c: AppContext): { token: string; isNew: boolean } {
  const sent = readCookies(c.req.header("cookie")).get(placeCookieName(c.env, new URL(c.req.url)));
  if (sent && /^[A-Za-z0-9_-]{43}$/.test(sent)) return { token: sent, isNew: false };
  return { token: base64url(crypto.getRandomValues(new Uint8Array(32))), isNew: true };
}

/** Sends the place cookie again with a sign-in's answer (whatever it was), keeping it alive. */
function withPlaceCookie(c: AppContext, response: Response, token: string): Response {
  const url = new URL(c.req.url);
  response.headers.append(
    "set-cookie",
    cookie(c.env, url, placeCookieName(c.env, url), token, {
      path: "/",
      maxAgeSeconds: PLACE_COOKIE_MAX_AGE_SECONDS,
    }),
  );
  return response;
}

/** A 429 for too many wrong guesses, with Retry-After in seconds. */
function tooManyAttempts(retryAfterMs: number, what: string): Response {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const response = errorResponse(
    429,
    "too_many_attempts",
    `Too many ${what}; try again in ${Math.ceil(seconds / 60)} min.`,
  );
  response.headers.set("retry-after", String(seconds));
  return response;
}

function sessionToken(c: AppContext): string | undefined {
  const cookies = readCookies(c.req.header("cookie"));
  return SESSION_COOKIE_NAMES.map((name) => cookies.get(name)).find(Boolean);
}

/** The signed-in person, or the 401 that says nobody is (in the route's own words). */
const signedIn =
  (message: string) =>
  (principal: Principal): StaffPrincipal | Response =>
    principal.staff ?? errorResponse(401, "not_signed_in", message);

export function authRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "login",
      method: "post",
      path: "/api/auth/login",
      role: "public",
      summary:
        "Signs in with { username, password }: sets a new HttpOnly session cookie and answers who you are, and a long-lived place cookie that makes this browser a place the account signs in from. Wrong guesses are limited per address and per account from new places, and per account at each known place (429 with Retry-After).",
      body: LoginBody,
      success: { status: 200, description: "Signed in", body: MeView },
      errors: [400, 401, 403, 413, 429],
    },
    async (c, { body }) => {
      const address = c.var.principal.address;
      const place = placeToken(c);
      const start = await directory(c.env).beginLogin(
        body.username,
        address,
        await sha256(place.token),
      );
      if (start.status === "throttled")
        return withPlaceCookie(
          c,
          tooManyAttempts(start.retryAfterMs, "failed sign-ins"),
          place.token,
        );
      // An unknown or disabled account still costs one hash: timing does not reveal names.
      const verification = verifyPassword(body.password, start.passwordHash ?? DECOY_HASH);
      const matched = start.passwordHash !== null && verification.ok;
      const opened = await directory(c.env).finishLogin(
        start.attemptId,
        matched,
        matched && verification.needsRehash ? hashPassword(body.password) : undefined,
      );
      if (!opened)
        return withPlaceCookie(
          c,
          errorResponse(401, "invalid_credentials", "Wrong username or password."),
          place.token,
        );
      return withPlaceCookie(
        c,
        withSessionCookie(c, opened.token, meView(opened.staff)),
        place.token,
      );
    },
  );

  defineRoute(
    app,
    {
      operationId: "logout",
      method: "post",
      path: "/api/auth/logout",
      role: "public",
      summary:
        "Ends this session at once (its live sockets included) and clears the cookie. Always 204.",
      body: EmptyBody,
      success: { status: 204, description: "Signed out" },
      errors: [403],
    },
    async (c) => {
      const token = sessionToken(c);
      if (couldBeSessionToken(token))
        await directory(c.env).logout(await sha256(token), c.var.principal.address);
      const url = new URL(c.req.url);
      const response = new Response(null, { status: 204 });
      for (const name of SESSION_COOKIE_NAMES)
        response.headers.append(
          "set-cookie",
          cookie(c.env, url, name, "", { path: "/", maxAgeSeconds: 0 }),
        );
      return response;
    },
  );

  defineRoute(
    app,
    {
      operationId: "me",
      readsCaller: true,
      method: "get",
      path: "/api/auth/me",
      role: "public",
      summary: "Who is signed in on this browser, with their grants per office; 401 if nobody.",
      caller: signedIn("Nobody is signed in here."),
      success: { status: 200, description: "The signed-in account", body: MeView },
      errors: [401],
    },
    (_c, { caller }) => {
      const response = Response.json(meView(caller));
      response.headers.set("cache-control", "no-store");
      return response;
    },
  );

  defineRoute(
    app,
    {
      operationId: "changePassword",
      readsCaller: true,
      method: "post",
      path: "/api/auth/password",
      role: "public",
      summary:
        "Changes your own password ({ currentPassword, newPassword }, at least 12 characters). Ends all your sessions and live sockets, and signs this browser in again. Wrong current passwords are limited per account (429 with Retry-After).",
      caller: signedIn("Sign in first."),
      body: ChangePasswordBody,
      success: {
        status: 200,
        description: "Password changed (and a new session cookie)",
        body: MeView,
      },
      errors: [400, 401, 403, 413, 429],
    },
    async (c, { caller: staff, body }) => {
      const check = await directory(c.env).beginPasswordCheck(staff.accountId);
      if (check.status === "throttled")
        return tooManyAttempts(check.retryAfterMs, "wrong current passwords");
      if (!check.passwordHash || !verifyPassword(body.currentPassword, check.passwordHash).ok)
        return errorResponse(403, "wrong_password", "The current password is not right.");
      if (body.newPassword.toLowerCase().includes(staff.username))
        return errorResponse(400, "weak_password", "The password must not contain the username.");
      const opened = await directory(c.env).changePassword(
        staff,
        hashPassword(body.newPassword),
        c.var.principal.address,
        check.checkId,
      );
      return withSessionCookie(c, opened.token, meView(opened.staff));
    },
  );
}
