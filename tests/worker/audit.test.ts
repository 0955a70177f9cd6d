import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "../../shared/protocol/auth";
import {
  auditEntry,
  from,
  login,
  newAccount,
  newAddress,
  newPairingCode,
  officeAudit,
} from "./auth-helpers";
import {
  api,
  closeAllSockets,
  createOffice,
  expectError,
  issueTicket,
  LiveSocket,
  sessionCookieFrom,
  signedIn,
  testOfficeConfig,
} from "./helpers";

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

afterEach(closeAllSockets);

const by =
  (action: string, actorId?: string | null) =>
  (entry: AuditEntry): boolean =>
    entry.action === action && (actorId === undefined || entry.actor.id === actorId);

describe("The office's audit log", () => {
  it("A clerk's call next (over HTTP and over the socket), a supervisor's mode change and an admin's configuration change are recorded with who, what and when.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    await issueTicket(officeId);
    await issueTicket(officeId);
    const before = Date.now();

    const called = await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
      as: clerk.as,
    });
    expect(called.status).toBe(200);
    const socket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await socket.next("snapshot");
    socket.send({
      type: "command",
      requestId: "by-socket",
      command: { type: "callNext", counterId: "desk-2" },
    });
    expect((await socket.next("result")).status).toBe(200);
    const moded = await api("PUT", `/offices/${officeId}/counters/back-1/mode`, {
      as: supervisor.as,
      body: { mode: "paused" },
    });
    expect(moded.status).toBe(200);
    const configured = await api("PUT", `/offices/${officeId}`, {
      as: admin.as,
      body: testOfficeConfig({ patch: { name: "Renamed office" } }),
    });
    expect(configured.status, JSON.stringify(configured.body)).toBe(200);
    const after = Date.now();

    const entries = await officeAudit(officeId, admin.as);
    const calls = entries.filter(by("callNext"));
    expect(calls.map((entry) => entry.detail)).toEqual([
      { counterId: "desk-2" },
      { counterId: "desk-1" },
    ]);
    for (const call of calls) {
      expect(call.actor).toMatchObject({
        kind: "staff",
        id: clerk.accountId,
        name: clerk.username,
      });
      expect(call.at).toBeGreaterThanOrEqual(before);
      expect(call.at).toBeLessThanOrEqual(after);
    }
    expect(entries.find(by("setCounterMode"))).toMatchObject({
      actor: { kind: "staff", id: supervisor.accountId, name: supervisor.username },
      detail: { counterId: "back-1", mode: "paused" },
    });
    const configure = entries.find(by("configure", admin.accountId));
    expect(configure?.actor).toMatchObject({ kind: "staff", name: admin.username });
    expect(configure?.detail).toMatchObject({ config: { name: "Renamed office" } });
    // Newest first.
    const ids = entries.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("A refused action leaves no entry: a clerk's mode change (403) and a call next with nobody waiting (409).", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    expectError(
      await api("PUT", `/offices/${officeId}/counters/desk-1/mode`, {
        as: clerk.as,
        body: { mode: "closed" },
      }),
      403,
      "forbidden",
    );
    const empty = await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
      as: clerk.as,
    });
    expect(empty.status).toBe(409);
    await auditEntry(officeId, by("login", clerk.accountId), "the clerk's sign-in");
    const entries = await officeAudit(officeId);
    expect(
      entries.filter((entry) => entry.actor.id === clerk.accountId).map((e) => e.action),
    ).toEqual(["login"]);
  });

  it("Sign-ins (with their address), failed sign-ins, pairing codes, device pairing and revocation are recorded, with the actor's name.", async () => {
    const officeId = await createOffice();
    const { accountId, username } = await newAccount([{ office: officeId, role: "supervisor" }]);
    const address = newAddress();
    expect((await login(username, "not the right password", address)).status).toBe(401);
    const signedInNow = await login(username, undefined, address);
    expect(signedInNow.status).toBe(200);
    const supervisor = { cookie: sessionCookieFrom(signedInNow.headers) };
    const admin = await signedIn([{ office: officeId, role: "admin" }]);

    const code = await newPairingCode(officeId, "display", supervisor, "Hall screen");
    const paired = await api<{ device: { id: string } }>(
      "POST",
      `/offices/${officeId}/devices/pair`,
      { as: "anonymous", headers: from(address), body: { code } },
    );
    expect(paired.status).toBe(200);
    const deviceId = paired.body.device.id;
    const revoked = await api("DELETE", `/offices/${officeId}/devices/${deviceId}`, {
      as: admin.as,
    });
    expect(revoked.status).toBe(200);

    const failed = await auditEntry(officeId, by("login.failed"), "the failed sign-in");
    expect(failed.actor).toMatchObject({ name: username, address });
    const signIn = await auditEntry(officeId, by("login", accountId), "the sign-in");
    expect(signIn.actor).toMatchObject({ kind: "staff", name: username, address });
    expect(signIn.at).toBeGreaterThanOrEqual(failed.at);
    const created = await auditEntry(officeId, by("pairing_code.created"), "the code");
    expect(created).toMatchObject({
      actor: { kind: "staff", id: accountId, name: username },
      detail: { role: "display", name: "Hall screen" },
    });
    expect(JSON.stringify(created)).not.toContain(code.replace("-", ""));
    const pairing = await auditEntry(officeId, by("device.paired"), "the pairing");
    expect(pairing).toMatchObject({
      actor: { kind: "device", id: deviceId, name: "Hall screen", address },
      detail: { device: deviceId, role: "display" },
    });
    const revocation = await auditEntry(officeId, by("device.revoked"), "the revocation");
    expect(revocation).toMatchObject({
      actor: { kind: "staff", id: admin.accountId, name: admin.username },
      detail: { device: deviceId, name: "Hall screen" },
    });
    for (const entry of [failed, signIn, created, pairing, revocation])
      expect(typeof entry.at).toBe("number");
  });

  it("Another office's log does not show this office's staff signing in.", async () => {
    const officeId = await createOffice();
    const otherOffice = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await auditEntry(officeId, by("login", clerk.accountId), "the sign-in");
    const elsewhere = await officeAudit(otherOffice);
    expect(elsewhere.filter((entry) => entry.actor.id === clerk.accountId)).toEqual([]);
  });

  it("Only the office's admins read its log: a clerk and a supervisor get 403, another office's admin 403, nobody signed in 401.", async () => {
    const officeId = await createOffice();
    const otherOffice = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const otherAdmin = await signedIn([{ office: otherOffice, role: "admin" }]);
    for (const as of [clerk.as, supervisor.as, otherAdmin.as])
      expectError(await api("GET", `/offices/${officeId}/audit`, { as }), 403, "forbidden");
    expectError(
      await api("GET", `/offices/${officeId}/audit`, { as: "anonymous" }),
      401,
      "not_signed_in",
    );
  });

  it("The log pages back: limit gives the newest entries, before an id the ones older than it.", async () => {
    const officeId = await createOffice();
    for (let index = 0; index < 3; index++) await issueTicket(officeId);
    const all = await officeAudit(officeId);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const newest = await api<{ entries: AuditEntry[] }>(
      "GET",
      `/offices/${officeId}/audit?limit=2`,
    );
    expect(newest.body.entries.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    const older = await api<{ entries: AuditEntry[] }>(
      "GET",
      `/offices/${officeId}/audit?limit=2&before=${all[1]!.id}`,
    );
    expect(older.body.entries.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    expectError(await api("GET", `/offices/${officeId}/audit?limit=0`), 400, "invalid_request");
  });
});

describe("The installation's audit log", () => {
  it("GET /api/audit is for administrators of every office and the operator; an office's admin gets 403.", async () => {
    const officeId = await createOffice();
    const officeAdmin = await signedIn([{ office: officeId, role: "admin" }]);
    const everywhere = await signedIn([{ office: "*", role: "admin" }]);

    const operator = await api<{ entries: AuditEntry[] }>("GET", "/audit?limit=500");
    expect(operator.status).toBe(200);
    expect(
      operator.body.entries.find(
        (entry) => entry.action === "login" && entry.actor.id === officeAdmin.accountId,
      )?.actor,
    ).toMatchObject({ kind: "staff", name: officeAdmin.username });
    expect(
      operator.body.entries.find(
        (entry) =>
          entry.action === "account.created" && entry.detail.account === officeAdmin.accountId,
      )?.actor,
    ).toMatchObject({ kind: "operator" });

    expect((await api("GET", "/audit", { as: everywhere.as })).status).toBe(200);
    expectError(await api("GET", "/audit", { as: officeAdmin.as }), 403, "forbidden");
    expectError(await api("GET", "/audit", { as: "anonymous" }), 401, "not_signed_in");
  });
});
