import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hasRole, roleInOffice } from "../../shared/access/ranks";
import type { HttpAnswer } from "../../shared/client/http";
import {
  createStaffSession,
  loginProblem,
  passwordProblem,
} from "../../shared/client/staff-session";
import type { MeView } from "../../shared/protocol/auth";

function me(grants: MeView["account"]["grants"]): MeView {
  return {
    account: {
      id: "acc_AAAAAAAAAAAAAAAA",
      username: "maria",
      displayName: "Maria Rossi",
      disabled: false,
      grants,
      createdAt: 1,
    },
    session: { idleExpiresAt: 2, expiresAt: 3 },
  };
}

const answer = (status: number, body: unknown = null, retryAfterSeconds: number | null = null) =>
  Promise.resolve<HttpAnswer>({ status, body, retryAfterSeconds });

/** A fake server: each request is answered by the next function queued for its path. */
function server() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const answers = new Map<string, (() => Promise<HttpAnswer>)[]>();
  return {
    calls,
    on(path: string, ...replies: (() => Promise<HttpAnswer>)[]) {
      answers.set(path, [...(answers.get(path) ?? []), ...replies]);
    },
    request: (method: string, path: string, body?: unknown) => {
      calls.push({ method, path, body });
      const next = answers.get(path)?.shift();
      return next ? next() : answer(0);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Roles per office", () => {
  it("takes the highest role granted for the office or for every office.", () => {
    const grants = [
      { office: "scandicci", role: "clerk" as const },
      { office: "*", role: "supervisor" as const },
      { office: "firenze", role: "admin" as const },
    ];
    expect(roleInOffice(grants, "scandicci")).toBe("supervisor");
    expect(roleInOffice(grants, "firenze")).toBe("admin");
    expect(roleInOffice([{ office: "firenze", role: "admin" }], "scandicci")).toBeNull();
  });

  it("lets each role include the ones below it.", () => {
    expect(hasRole("admin", "supervisor")).toBe(true);
    expect(hasRole("supervisor", "supervisor")).toBe(true);
    expect(hasRole("clerk", "supervisor")).toBe(false);
    expect(hasRole(null, "clerk")).toBe(false);
  });
});

describe("The counter console's session", () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.useRealTimers());

  it("asks /api/auth/me first and shows the login when nobody is signed in.", async () => {
    const fake = server();
    fake.on("/api/auth/me", () => answer(401, { error: { code: "not_signed_in" } }));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    session.start();
    expect(session.stage.value).toBe("checking");
    await settle();
    expect(session.stage.value).toBe("signed-out");
    expect(session.notice.value).toBeNull();
  });

  it("signs in, and opens the console only with a grant for this office.", async () => {
    const fake = server();
    fake.on("/api/auth/login", () => answer(200, me([{ office: "scandicci", role: "clerk" }])));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login(" Maria ", "correct horse battery");
    expect(fake.calls[0]).toEqual({
      method: "POST",
      path: "/api/auth/login",
      body: { username: "maria", password: "correct horse battery" },
    });
    expect(session.stage.value).toBe("signed-in");
    expect(session.role.value).toBe("clerk");
    expect(session.generation.value).toBe(1);
  });

  it("says 'no access' to someone signed in without a grant for this office.", async () => {
    const fake = server();
    fake.on("/api/auth/me", () => answer(200, me([{ office: "firenze", role: "admin" }])));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    session.start();
    await settle();
    expect(session.stage.value).toBe("no-access");
    expect(session.me.value?.account.displayName).toBe("Maria Rossi");
  });

  it("explains refused sign-ins: wrong password, too many attempts (with minutes), no server.", async () => {
    const fake = server();
    fake.on(
      "/api/auth/login",
      () => answer(401, { error: { code: "invalid_credentials" } }),
      () => answer(429, { error: { code: "too_many_attempts" } }, 300),
      () => answer(0),
    );
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("maria", "wrong");
    expect(session.problem.value).toEqual({ code: "invalid_credentials", retryAfterSeconds: null });
    await session.login("maria", "wrong");
    expect(session.problem.value).toEqual({ code: "too_many_attempts", retryAfterSeconds: 300 });
    await session.login("maria", "wrong");
    expect(session.problem.value?.code).toBe("offline");
    expect(session.stage.value).toBe("checking");
  });

  it("does not ask the server when a field is empty.", async () => {
    const fake = server();
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("  ", "secret");
    expect(session.problem.value?.code).toBe("missing");
    expect(fake.calls).toEqual([]);
  });

  it("signs out on screen at once, then tells the server.", async () => {
    const fake = server();
    fake.on("/api/auth/login", () => answer(200, me([{ office: "*", role: "admin" }])));
    fake.on("/api/auth/logout", () => answer(204));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("maria", "correct horse battery");
    const out = session.logout();
    expect(session.stage.value).toBe("signed-out");
    expect(session.notice.value).toBe("signed-out");
    await out;
    expect(fake.calls.map((c) => c.path)).toEqual(["/api/auth/login", "/api/auth/logout"]);
  });

  it("goes back to the login when the socket is turned away and /me says the session is over.", async () => {
    const fake = server();
    fake.on("/api/auth/login", () => answer(200, me([{ office: "scandicci", role: "clerk" }])));
    fake.on("/api/auth/me", () => answer(401, { error: { code: "not_signed_in" } }));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("maria", "correct horse battery");
    session.lost();
    await settle();
    expect(session.stage.value).toBe("signed-out");
    expect(session.notice.value).toBe("session-ended");
  });

  it("reconnects (a new generation) when /me says the session is still good, but not in a loop.", async () => {
    const fake = server();
    const good = () => answer(200, me([{ office: "scandicci", role: "clerk" }]));
    fake.on("/api/auth/login", good);
    fake.on("/api/auth/me", good, good, good, good);
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("maria", "correct horse battery");
    for (let i = 0; i < 3; i++) {
      session.lost();
      await settle();
    }
    expect(session.stage.value).toBe("signed-in");
    expect(session.generation.value).toBe(4);
    session.lost();
    await settle();
    expect(session.stage.value).toBe("signed-out");
    expect(session.notice.value).toBe("session-ended");
  });

  it("shows 'no access' when a 403 turns out to be a grant taken away.", async () => {
    const fake = server();
    fake.on("/api/auth/login", () => answer(200, me([{ office: "scandicci", role: "clerk" }])));
    fake.on("/api/auth/me", () => answer(200, me([])));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("maria", "correct horse battery");
    session.refresh();
    await settle();
    expect(session.stage.value).toBe("no-access");
    expect(session.generation.value).toBe(1);
  });

  it("keeps checking while the server cannot be reached, without showing the login.", async () => {
    vi.useFakeTimers();
    const fake = server();
    fake.on(
      "/api/auth/me",
      () => answer(0),
      () => answer(503),
      () => answer(200, me([{ office: "scandicci", role: "clerk" }])),
    );
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.stage.value).toBe("checking");
    expect(session.unreachable.value).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(session.stage.value).toBe("checking");
    await vi.advanceTimersByTimeAsync(4000);
    expect(session.stage.value).toBe("signed-in");
    expect(session.unreachable.value).toBe(false);
  });

  it("changes the password, ignoring the socket's 4401 that the change itself causes.", async () => {
    const fake = server();
    fake.on("/api/auth/login", () => answer(200, me([{ office: "scandicci", role: "clerk" }])));
    let finish: (a: HttpAnswer) => void = () => undefined;
    fake.on("/api/auth/password", () => new Promise<HttpAnswer>((resolve) => (finish = resolve)));
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    await session.login("maria", "old password long");
    const change = session.changePassword(
      "old password long",
      "a new long password",
      "a new long password",
    );
    session.lost(); // the server closes this session's socket before answering
    finish({
      status: 200,
      body: me([{ office: "scandicci", role: "clerk" }]),
      retryAfterSeconds: null,
    });
    expect(await change).toBeNull();
    expect(session.stage.value).toBe("signed-in");
    expect(session.generation.value).toBe(2);
    expect(fake.calls.map((c) => c.path)).toEqual(["/api/auth/login", "/api/auth/password"]);
  });

  it("checks a new password's length and confirmation before sending it.", async () => {
    const fake = server();
    const session = createStaffSession({ officeId: "scandicci", request: fake.request });
    expect(await session.changePassword("x", "short", "short")).toEqual({ code: "too_short" });
    expect(await session.changePassword("x", "long enough pass", "long enough pasS")).toEqual({
      code: "mismatch",
    });
    expect(fake.calls).toEqual([]);
  });
});

describe("Refusal codes, read from the API's answers", () => {
  const error = (status: number, code: string) => ({
    status,
    body: { error: { code, message: "" } },
    retryAfterSeconds: null,
  });

  it("for signing in.", () => {
    expect(loginProblem(error(401, "invalid_credentials")).code).toBe("invalid_credentials");
    expect(loginProblem(error(400, "invalid_request")).code).toBe("invalid_credentials");
    expect(loginProblem(error(403, "forbidden")).code).toBe("generic");
  });

  it("for changing the password.", () => {
    expect(passwordProblem(error(403, "wrong_password")).code).toBe("wrong_password");
    expect(passwordProblem(error(400, "weak_password")).code).toBe("weak_password");
    expect(passwordProblem(error(400, "invalid_request")).code).toBe("invalid_request");
  });
});
