import { runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../worker/auth/directory";
import { sha256 } from "../../worker/auth/encoding";
import {
  cookieAttributes,
  fetchAt,
  inDirectory,
  login,
  newAccount,
  newAddress,
  setCookieLine,
} from "./auth-helpers";
import {
  api,
  closeAllSockets,
  createOffice,
  expectError,
  issueTicket,
  LiveSocket,
  officeStub,
  sessionCookieFrom,
  signedIn,
  TEST_PASSWORD,
} from "./helpers";

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

afterEach(closeAllSockets);

/** The raw token in a `name=value` cookie. */
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);

/** Moves a session's clock back: its times as if it had been used `idleMs` ago and opened `ageMs` ago. */
async function ageSession(cookie: string, ageMs: number, idleMs: number): Promise<void> {
  const hash = await sha256(tokenOf(cookie));
  const now = Date.now();
  const changed = await inDirectory(
    (sql) =>
      sql.exec(
        `UPDATE sessions SET created_at = ?, expires_at = ?, last_seen_at = ? WHERE token_hash = ?`,
        now - ageMs,
        now - ageMs + SESSION_ABSOLUTE_MS,
        now - idleMs,
        hash,
      ).rowsWritten,
  );
  expect(changed).toBe(1);
}

function sessionRow(cookie: string) {
  return sha256(tokenOf(cookie)).then((hash) =>
    inDirectory(
      (sql) =>
        sql
          .exec<{ last_seen_at: number; expires_at: number }>(
            `SELECT last_seen_at, expires_at FROM sessions WHERE token_hash = ?`,
            hash,
          )
          .toArray()[0] ?? null,
    ),
  );
}

describe("The session cookie", () => {
  it("On plain http to a LAN name the cookie is turno_session, HttpOnly, SameSite=Strict, Path=/, for 12 hours, without Secure.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const signedInNow = await login(username);
    expect(signedInNow.status).toBe(200);
    expect(signedInNow.headers.get("cache-control")).toBe("no-store");
    const line = setCookieLine(signedInNow.headers, "turno_session");
    const attributes = cookieAttributes(line);
    expect(attributes).toMatchObject({ path: "/", httponly: "", samesite: "Strict" });
    expect(attributes["max-age"]).toBe(String(SESSION_ABSOLUTE_MS / 1000));
    expect(attributes).not.toHaveProperty("secure");
    expect(attributes).not.toHaveProperty("domain");
    expect(signedInNow.headers.getSetCookie().some((c) => c.startsWith("__Host-"))).toBe(false);
  });

  it("Over https, and on localhost, the cookie is __Host-turno_session with Secure, and that cookie signs the browser in.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    for (const origin of ["https://turno.example.org", "http://localhost:8787"]) {
      const response = await fetchAt(`${origin}/api/auth/login`, {
        method: "POST",
        body: { username, password: TEST_PASSWORD },
      });
      expect(response.status, origin).toBe(200);
      await response.body?.cancel();
      const line = setCookieLine(response.headers, "__Host-turno_session");
      const attributes = cookieAttributes(line);
      // The __Host- prefix demands Secure, Path=/ and no Domain, or browsers drop the cookie.
      expect(attributes, origin).toMatchObject({
        secure: "",
        path: "/",
        httponly: "",
        samesite: "Strict",
      });
      expect(attributes, origin).not.toHaveProperty("domain");
      const me = await fetchAt(`${origin}/api/auth/me`, {
        headers: { cookie: line.split(";")[0]! },
      });
      expect(me.status, origin).toBe(200);
      expect(((await me.json()) as { account: { username: string } }).account.username).toBe(
        username,
      );
    }
  });
});

describe("The session cookie on https", () => {
  it("Over https only the __Host- cookie signs in: a plain turno_session cookie, which a sibling site or plain-http page could plant, is ignored.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const origin = "https://turno.example.org";
    const response = await fetchAt(`${origin}/api/auth/login`, {
      method: "POST",
      body: { username, password: TEST_PASSWORD },
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const token = tokenOf(setCookieLine(response.headers, "__Host-turno_session").split(";")[0]!);
    // The same token under the unprefixed name: what a cookie-tossing attacker would plant (their own session).
    const me = await fetchAt(`${origin}/api/auth/me`, {
      headers: { cookie: `turno_session=${token}` },
    });
    await me.body?.cancel();
    expect(me.status).toBe(401);
  });
});

describe("Session tokens", () => {
  it("Each sign-in gets a new token: two sign-ins give two different cookies, both valid, and a token planted beforehand is not kept.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const planted = "turno_session=ses_planted-by-someone-else-aaaaaaaaaaaaaaaaaaaaaaa";
    const first = await api("POST", "/auth/login", {
      as: { cookie: planted },
      body: { username, password: TEST_PASSWORD },
    });
    expect(first.status).toBe(200);
    const second = await login(username);
    expect(second.status).toBe(200);
    const cookies = [sessionCookieFrom(first.headers), sessionCookieFrom(second.headers)];
    expect(cookies[0]).not.toBe(cookies[1]);
    expect(cookies).not.toContain(planted);
    for (const cookie of cookies) {
      // 256 random bits, base64url.
      expect(tokenOf(cookie)).toMatch(/^ses_[A-Za-z0-9_-]{43}$/);
      const me = await api<{ account: { username: string } }>("GET", "/auth/me", {
        as: { cookie },
      });
      expect(me.status).toBe(200);
      expect(me.body.account.username).toBe(username);
    }
    expectError(await api("GET", "/auth/me", { as: { cookie: planted } }), 401, "not_signed_in");
  });

  it("The token is stored only as its SHA-256: no row of the sessions table contains it.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const token = tokenOf(clerk.cookie);
    const rows = await inDirectory((sql) =>
      sql.exec(`SELECT * FROM sessions WHERE account_id = ?`, clerk.accountId).toArray(),
    );
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4, 20));
    expect(rows[0]!.token_hash).toBe(await sha256(token));
  });
});

describe("Session timeouts", () => {
  it("A session unused for an hour ends: 401 not_signed_in everywhere, and its row is gone.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    await ageSession(clerk.cookie, SESSION_IDLE_MS + 1000, SESSION_IDLE_MS + 1000);
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { as: clerk.as }),
      401,
      "not_signed_in",
    );
    expect(await sessionRow(clerk.cookie)).toBeNull();
    // Nothing was called by the refused request.
    const office = await api<{ queue: unknown[] }>("GET", `/offices/${officeId}`);
    expect(office.body.queue).toHaveLength(1);
  });

  it("Using a session keeps it alive: after 59 idle minutes it still works, and the idle clock starts again.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await ageSession(clerk.cookie, SESSION_IDLE_MS - 60_000, SESSION_IDLE_MS - 60_000);
    const before = Date.now();
    const me = await api<{ session: { idleExpiresAt: number } }>("GET", "/auth/me", {
      as: clerk.as,
    });
    expect(me.status).toBe(200);
    expect(me.body.session.idleExpiresAt).toBeGreaterThanOrEqual(before + SESSION_IDLE_MS);
    const row = await sessionRow(clerk.cookie);
    expect(row?.last_seen_at).toBeGreaterThanOrEqual(before);
  });

  it("A session ends 12 hours after sign-in even when it was used a moment ago.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await ageSession(clerk.cookie, SESSION_ABSOLUTE_MS + 1000, 1000);
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    expect(await sessionRow(clerk.cookie)).toBeNull();
  });

  it("An open counter socket does not outlive its session: once the session has timed out, its commands are refused.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    const socket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await socket.next("snapshot");
    await ageSession(clerk.cookie, SESSION_ABSOLUTE_MS + 1000, 1000);
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    socket.send({
      type: "command",
      requestId: "after-expiry",
      command: { type: "callNext", counterId: "desk-1" },
    });
    // Either the socket is closed as signed out, or the command is refused; never carried out.
    await socket.until(
      () => socket.closed !== null || socket.received.some((m) => m.type === "result"),
      "a result or the close",
    );
    const result = socket.received.find((m) => m.type === "result");
    const outcome = socket.closed?.code ?? (result?.type === "result" ? result.status : null);
    expect([401, 403, 4401]).toContain(outcome);
    const office = await api<{ queue: unknown[] }>("GET", `/offices/${officeId}`);
    expect(office.body.queue).toHaveLength(1);
  });
});

describe("Listen-only sockets", () => {
  it("A staff socket that only listens is closed (4401, not_signed_in) once its session has ended, without a command; another person's socket stays open.", async () => {
    const officeId = await createOffice();
    const leaving = await signedIn([{ office: officeId, role: "supervisor" }]);
    const staying = await signedIn([{ office: officeId, role: "supervisor" }]);
    // The session ends in 3 s: its 12 hours are all but over.
    await ageSession(leaving.cookie, SESSION_ABSOLUTE_MS - 3000, 0);
    const dashboard = await LiveSocket.open(officeId, "v=1&role=counter", leaving.as);
    await dashboard.next("snapshot");
    const other = await LiveSocket.open(officeId, "v=1&role=display", staying.as);
    await other.next("snapshot");
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await runDurableObjectAlarm(officeStub(officeId));
    expect((await dashboard.next("error")).error.code).toBe("not_signed_in");
    expect((await dashboard.closedBy()).code).toBe(4401);
    expect(other.closed).toBeNull();
  });
});

describe("Ending sessions", () => {
  it("Signing out ends only that session: the same person's other browser stays signed in.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const other = sessionCookieFrom((await login(clerk.username)).headers);
    const otherSocket = await LiveSocket.open(officeId, "v=1&role=counter", { cookie: other });
    await otherSocket.next("snapshot");
    const out = await api("POST", "/auth/logout", { as: clerk.as });
    expect(out.status).toBe(204);
    // The browser is told to forget the cookie, under either name.
    for (const name of ["turno_session", "__Host-turno_session"])
      expect(cookieAttributes(setCookieLine(out.headers, name))["max-age"]).toBe("0");
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    expect((await api("GET", "/auth/me", { as: { cookie: other } })).status).toBe(200);
    expect(await otherSocket.unreadAfter(200)).toEqual([]);
    expect(otherSocket.closed).toBeNull();
  });

  it("Changing the password ends every session of the person and closes their live sockets (4401); the browser that changed it gets a new cookie that works.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const other = sessionCookieFrom((await login(clerk.username)).headers);
    const otherSocket = await LiveSocket.open(officeId, "v=1&role=counter", { cookie: other });
    const ownSocket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await otherSocket.next("snapshot");
    await ownSocket.next("snapshot");
    const newPassword = "a much longer new passphrase";

    expectError(
      await api("POST", "/auth/password", {
        as: clerk.as,
        body: { currentPassword: "not the password", newPassword },
      }),
      403,
      "wrong_password",
    );
    expect(otherSocket.closed).toBeNull();

    const changed = await api<{ account: { username: string } }>("POST", "/auth/password", {
      as: clerk.as,
      body: { currentPassword: TEST_PASSWORD, newPassword },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const renewed = sessionCookieFrom(changed.headers);
    expect(renewed).not.toBe(clerk.cookie);

    expect((await otherSocket.closedBy()).code).toBe(4401);
    expect(otherSocket.received.at(-1)).toMatchObject({
      type: "error",
      error: { code: "not_signed_in" },
    });
    // The changing browser's old socket closes too; its page reconnects with the new cookie.
    expect((await ownSocket.closedBy()).code).toBe(4401);
    expectError(await api("GET", "/auth/me", { as: { cookie: other } }), 401, "not_signed_in");
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    expect((await api("GET", "/auth/me", { as: { cookie: renewed } })).status).toBe(200);
    const again = await LiveSocket.open(officeId, "v=1&role=counter", { cookie: renewed });
    expect((await again.next("snapshot")).type).toBe("snapshot");

    const address = newAddress();
    expectError(await login(clerk.username, TEST_PASSWORD, address), 401, "invalid_credentials");
    expect((await login(clerk.username, newPassword, address)).status).toBe(200);
  }, 20_000);

  it("An admin resetting someone's password ends their sessions and closes their sockets (4401); the new password works.", async () => {
    const officeId = await createOffice();
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const socket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await socket.next("snapshot");
    const newPassword = "reset by the administrator";
    const reset = await api("PATCH", `/accounts/${clerk.accountId}`, {
      as: admin.as,
      body: { password: newPassword },
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await socket.closedBy()).code).toBe(4401);
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    // The admin's own session is untouched.
    expect((await api("GET", "/auth/me", { as: admin.as })).status).toBe(200);
    expect((await login(clerk.username, newPassword, newAddress())).status).toBe(200);
  });

  it("An admin disabling an account ends its sessions and closes its sockets at once; it cannot sign in again.", async () => {
    const officeId = await createOffice();
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const socket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await socket.next("snapshot");

    const disabled = await api<{ disabled: boolean }>("PATCH", `/accounts/${clerk.accountId}`, {
      as: admin.as,
      body: { disabled: true },
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await socket.closedBy()).code).toBe(4401);
    expectError(await api("GET", "/auth/me", { as: clerk.as }), 401, "not_signed_in");
    expectError(
      await login(clerk.username, TEST_PASSWORD, newAddress()),
      401,
      "invalid_credentials",
    );
    // Nobody locks themselves out by mistake.
    expectError(
      await api("PATCH", `/accounts/${admin.accountId}`, {
        as: admin.as,
        body: { disabled: true },
      }),
      409,
      "cannot_disable_self",
    );
  }, 15_000);

  it("Changing a person's grants closes their sockets with 1012; the reconnect gets the new rights, and is refused (4403) once the right is gone.", async () => {
    const officeId = await createOffice();
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    const person = await signedIn([{ office: officeId, role: "clerk" }]);
    const first = await LiveSocket.open(officeId, "v=1&role=counter", person.as);
    await first.next("snapshot");

    const promoted = await api("PATCH", `/accounts/${person.accountId}`, {
      as: admin.as,
      body: { grants: [{ office: officeId, role: "supervisor" }] },
    });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect((await first.closedBy()).code).toBe(1012);
    // Same cookie, checked again: now a supervisor, so counter modes are allowed.
    const second = await LiveSocket.open(officeId, "v=1&role=counter", person.as);
    await second.next("snapshot");
    second.send({
      type: "command",
      requestId: "mode",
      command: { type: "setCounterMode", counterId: "desk-1", mode: "paused" },
    });
    expect((await second.next("result")).status).toBe(200);

    const removed = await api("PATCH", `/accounts/${person.accountId}`, {
      as: admin.as,
      body: { grants: [] },
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect((await second.closedBy()).code).toBe(1012);
    const refused = await LiveSocket.open(officeId, "v=1&role=counter", person.as);
    expect((await refused.closedBy()).code).toBe(4403);
    expect(refused.received).toEqual([
      expect.objectContaining({
        type: "error",
        error: expect.objectContaining({ code: "forbidden" }),
      }),
    ]);
    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { as: person.as }),
      403,
      "forbidden",
    );
  }, 15_000);
});

describe("Counter modes over the socket", () => {
  it("A clerk cannot change a counter's mode, over the socket (403) or over HTTP; a supervisor can.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const clerkSocket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await clerkSocket.next("snapshot");
    clerkSocket.send({
      type: "command",
      requestId: "clerk-mode",
      command: { type: "setCounterMode", counterId: "desk-1", mode: "closed" },
    });
    const refused = await clerkSocket.next("result");
    expect(refused).toMatchObject({ requestId: "clerk-mode", status: 403 });
    expect(refused.body).toMatchObject({ error: { code: "forbidden" } });
    expectError(
      await api("PUT", `/offices/${officeId}/counters/desk-1/mode`, {
        as: clerk.as,
        body: { mode: "closed" },
      }),
      403,
      "forbidden",
    );
    const unchanged = await api<{ counters: { id: string; mode: string }[] }>(
      "GET",
      `/offices/${officeId}`,
    );
    expect(unchanged.body.counters.find((c) => c.id === "desk-1")?.mode).toBe("front");

    const supervisorSocket = await LiveSocket.open(officeId, "v=1&role=counter", supervisor.as);
    await supervisorSocket.next("snapshot");
    supervisorSocket.send({
      type: "command",
      requestId: "supervisor-mode",
      command: { type: "setCounterMode", counterId: "desk-1", mode: "closed" },
    });
    expect(await supervisorSocket.next("result")).toMatchObject({
      requestId: "supervisor-mode",
      status: 200,
    });
    const changed = await api<{ counters: { id: string; mode: string }[] }>(
      "GET",
      `/offices/${officeId}`,
    );
    expect(changed.body.counters.find((c) => c.id === "desk-1")?.mode).toBe("closed");
  });
});
