import type { DeviceRole } from "../../shared/protocol/auth";

import { isLan } from "../http/deployment";

/**
 * Cookie names and attributes. On a deployed host always Secure, the session's
 * with the __Host- prefix, whatever the request's scheme (plain http is
 * redirected there anyway: issue 13, point 7). Only a Turno started on the
 * office's network (TURNO_LAN=1, set by `npm start`) serves plain http: there
 * they are Secure whenever the browser allows it (https, or localhost which
 * browsers treat as secure), and on plain http to a LAN address, where a
 * Secure cookie could not be stored at all, without Secure and without the
 * __Host- prefix (the README says to use https beyond a test bench).
 */
export function isSecureOrigin(env: Env, url: URL): boolean {
  return (
    !isLan(env) ||
    url.protocol === "https:" ||
    url.hostname === "localhost" ||
    url.hostname === "127.0.0.1" ||
    url.hostname === "[::1]"
  );
}

export function sessionCookieName(env: Env, url: URL): string {
  return isSecureOrigin(env, url) ? "__Host-turno_session" : "turno_session";
}

export const SESSION_COOKIE_NAMES = ["__Host-turno_session", "turno_session"] as const;

/**
 * The browser's place cookie: a random token, long-lived, that makes this browser "a
 * place this account signs in from" once someone signed in with it (issue 13, point 8).
 * It proves nothing by itself; it only keeps other people's wrong guesses, even from the
 * same address, from holding this browser back.
 */
export function placeCookieName(env: Env, url: URL): string {
  return isSecureOrigin(env, url) ? "__Host-turno_place" : "turno_place";
}

/** 400 days: the longest any browser keeps a cookie; each sign-in sends it again. */
export const PLACE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

export function deviceCookieName(role: DeviceRole): string {
  return `turno_${role}`;
}

/** Device cookies are sent only to their own office's routes. */
export function deviceCookiePath(office: string): string {
  return `/api/offices/${office}/`;
}

export function cookie(
  env: Env,
  url: URL,
  name: string,
  value: string,
  options: { path: string; maxAgeSeconds: number },
): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (isSecureOrigin(env, url)) parts.push("Secure");
  return parts.join("; ");
}

export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}
