import { env, runInDurableObject, SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { AuditEntry } from "../../shared/protocol/auth";
import { type ApiResult, api, type Credentials, ORIGIN, TEST_PASSWORD } from "./helpers";

/** The installation's one Directory object (accounts, sessions, devices, guess counters). */
export function directoryStub() {
  return env.Directory.getByName("directory");
}

/** Runs `fn` on the Directory's SQLite storage (to age rows or look at what is stored). */
export function inDirectory<T>(fn: (sql: SqlStorage) => T): Promise<T> {
  return runInDurableObject(directoryStub(), (_directory, state) => fn(state.storage.sql));
}

/**
 * A caller address nobody else uses (the `cf-connecting-ip` the Worker reads):
 * guess limits count per address, and storage is shared across a run.
 */
export function newAddress(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

export function from(address: string): Record<string, string> {
  return { "cf-connecting-ip": address };
}

/** POST /api/auth/login from an address, anonymously. */
export function login(
  username: string,
  password = TEST_PASSWORD,
  address?: string,
): Promise<ApiResult> {
  return api("POST", "/auth/login", {
    as: "anonymous",
    body: { username, password },
    headers: address ? from(address) : {},
  });
}

/** The full Set-Cookie line for cookie `name` (its attributes included). */
export function setCookieLine(headers: Headers, name: string): string {
  const line = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return line;
}

/** The attributes of a Set-Cookie line, lower-cased names: { path: "/", httponly: "", … }. */
export function cookieAttributes(line: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const part of line.split(";").slice(1)) {
    const [name, ...value] = part.trim().split("=");
    attributes[name!.toLowerCase()] = value.join("=");
  }
  return attributes;
}

/** Sends a request straight to the Worker at any URL (another scheme or host than the tests' ORIGIN). */
export async function fetchAt(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return SELF.fetch(url, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
}

/** Opens a live socket with extra headers; answers the raw Response (no 101 check). */
export function rawLiveUpgrade(
  officeId: string,
  query: string,
  headers: Record<string, string>,
): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/offices/${officeId}/live?${query}`, {
    headers: { Upgrade: "websocket", ...headers },
  });
}

/** A one-time pairing code created by `as` (a supervisor or more of the office). */
export async function newPairingCode(
  officeId: string,
  role: "kiosk" | "display",
  as: Credentials = "operator",
  name = `Paired ${role}`,
): Promise<string> {
  const created = await api<{ code: string }>("POST", `/offices/${officeId}/pairing-codes`, {
    as,
    body: { role, name },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  return created.body.code;
}

/** The office's audit log as its admin (or the operator) reads it. */
export async function officeAudit(
  officeId: string,
  as: Credentials = "operator",
): Promise<AuditEntry[]> {
  const result = await api<{ entries: AuditEntry[] }>("GET", `/offices/${officeId}/audit`, { as });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body.entries;
}

/**
 * Waits for an entry in the office's audit log. Entries written by the
 * Directory (sign-ins, pairing, revocations) reach the office just after the
 * answer, so they are polled for.
 */
export async function auditEntry(
  officeId: string,
  matches: (entry: AuditEntry) => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<AuditEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = await officeAudit(officeId);
    const found = entries.find(matches);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `no audit entry for ${what}; got ${JSON.stringify(entries.map((e) => e.action))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An account created by the operator (no sign-in yet): its id and username. */
export async function newAccount(
  grants: { office: string; role: "clerk" | "supervisor" | "admin" }[],
  username = `u${crypto.randomUUID().slice(0, 8)}`,
): Promise<{ accountId: string; username: string }> {
  const created = await api<{ account: { id: string } }>("POST", "/setup/accounts", {
    body: { username, password: TEST_PASSWORD, grants },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { accountId: created.body.account.id, username };
}
