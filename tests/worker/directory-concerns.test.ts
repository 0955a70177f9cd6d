import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "../../shared/protocol/auth";
import { addressKey } from "../../worker/auth/address-key";
import { DirectoryAudit } from "../../worker/auth/directory/audit";
import { Devices } from "../../worker/auth/directory/devices";
import { OfficeFanout } from "../../worker/auth/directory/office-fanout";
import { Pairing } from "../../worker/auth/directory/pairing";
import { SESSION_IDLE_MS, Sessions } from "../../worker/auth/directory/sessions";
import { SignIn } from "../../worker/auth/directory/sign-in";
import { SignInLimits } from "../../worker/auth/directory/sign-in-limits";
import { DirectoryStore } from "../../worker/auth/directory/store/directory-store";
import {
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ACCOUNT_FROM_NEW_PLACES,
  MAX_FAILURES_PER_ADDRESS,
  WINDOW_MS,
} from "../../worker/auth/login-limits";
import type { AuditRequest, RevokeRequest } from "../../worker/office/client";

/** What the concerns sent to offices, by office, instead of reaching real office objects. */
interface Sent {
  audit: Array<[string, AuditRequest]>;
  revoke: Array<[string, RevokeRequest]>;
}

/** The Directory's concerns over a fresh store, wired to fake offices (`unreachable` ones throw). */
function concerns(sql: SqlStorage, unreachable: string[] = []) {
  const store = new DirectoryStore(sql);
  const sent: Sent = { audit: [], revoke: [] };
  const later: Promise<unknown>[] = [];
  const fail = (office: string) => {
    if (unreachable.includes(office)) throw new Error(`${office} is down`);
  };
  const fanout = new OfficeFanout(
    store.offices,
    (office) => ({
      appendAudit: async (entry) => {
        fail(office);
        sent.audit.push([office, entry]);
      },
      revoke: async (revocation) => {
        fail(office);
        sent.revoke.push([office, revocation]);
        return 1;
      },
    }),
    (promise) => later.push(promise),
  );
  const audit = new DirectoryAudit(store.audit, fanout);
  const limits = new SignInLimits(store.signInLimits);
  const sessions = new Sessions(store.sessions, store.accounts, audit, fanout);
  const devices = new Devices(store.devices, audit, fanout);
  const pairing = new Pairing(store.pairingCodes, devices, limits, audit);
  return {
    store,
    sent,
    settled: () => Promise.all(later),
    fanout,
    audit,
    limits,
    sessions,
    pairing,
  };
}

function inFreshDirectory<T>(fn: (sql: SqlStorage) => Promise<T> | T): Promise<T> {
  const stub = env.Directory.getByName(`concerns-${crypto.randomUUID()}`);
  return runInDurableObject(stub, (_directory, state) => fn(state.storage.sql));
}

const admin: Actor = { kind: "staff", id: "acc_admin", name: "admin", address: "10.0.0.9" };

function addAccount(
  store: DirectoryStore,
  id: string,
  grants: { office: string; role: "clerk" }[],
) {
  store.accounts.insert({
    id,
    username: id,
    displayName: id,
    passwordHash: "hash",
    createdAt: 0,
  });
  store.accounts.replaceGrants(id, grants);
}

describe("The Directory's office fan-out", () => {
  it("Closing the sockets of an all-offices grant reaches every registered office, each once.", async () => {
    await inFreshDirectory(async (sql) => {
      const { fanout, sent } = concerns(sql);
      fanout.register("alpha", 1);
      fanout.register("beta", 2);
      fanout.register("alpha", 3);
      const revocation = { tag: "acct:x", code: 4401, reason: "signed out" };
      await fanout.closePersonSockets(
        [
          { office: "*", role: "admin" },
          { office: "alpha", role: "clerk" },
        ],
        revocation,
      );
      expect(sent.revoke.map(([office]) => office).sort()).toEqual(["alpha", "beta"]);
    });
  });

  it("An office that cannot be reached is logged, and the other offices are still told.", async () => {
    await inFreshDirectory(async (sql) => {
      const { fanout, sent } = concerns(sql, ["down"]);
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      await fanout.closePersonSockets(
        [
          { office: "down", role: "clerk" },
          { office: "up", role: "clerk" },
        ],
        { tag: "acct:x", code: 4401, reason: "signed out" },
      );
      expect(sent.revoke.map(([office]) => office)).toEqual(["up"]);
      expect(logged).toHaveBeenCalledWith("closing sockets failed", "down", expect.any(Error));
      logged.mockRestore();
    });
  });
});

describe("The Directory's audit", () => {
  it("An entry is kept in the Directory and sent to the offices of the grants and the ones named, never to '*', each once.", async () => {
    await inFreshDirectory(async (sql) => {
      const { audit, sent, settled } = concerns(sql);
      audit.record(
        admin,
        "account.updated",
        { account: "acc_1" },
        [
          { office: "*", role: "admin" },
          { office: "alpha", role: "clerk" },
        ],
        ["alpha", "beta"],
      );
      await settled();
      expect(sent.audit.map(([office]) => office).sort()).toEqual(["alpha", "beta"]);
      expect(sent.audit[0]![1]).toMatchObject({ actor: admin, action: "account.updated" });
      expect(audit.entries({ limit: 10 })).toEqual([
        expect.objectContaining({ action: "account.updated", detail: { account: "acc_1" } }),
      ]);
    });
  });
});

describe("Sessions", () => {
  it("A session unused for the idle time does not resolve, and its row is deleted.", async () => {
    await inFreshDirectory(async (sql) => {
      const { store, sessions } = concerns(sql);
      addAccount(store, "acc_1", [{ office: "alpha", role: "clerk" }]);
      const opened = await sessions.open("acc_1", null);
      expect(opened.staff.grants).toEqual([{ office: "alpha", role: "clerk" }]);
      expect(sessions.isAlive(opened.staff.sessionId, Date.now())).toBe(true);
      expect(sessions.isAlive(opened.staff.sessionId, Date.now() + SESSION_IDLE_MS + 1)).toBe(
        false,
      );
      expect(store.sessions.byId(opened.staff.sessionId)).toBeNull();
    });
  });

  it("A disabled account's session does not resolve.", async () => {
    await inFreshDirectory(async (sql) => {
      const { store, sessions } = concerns(sql);
      addAccount(store, "acc_1", []);
      const opened = await sessions.open("acc_1", "10.0.0.1");
      store.accounts.setDisabled("acc_1", true);
      expect(sessions.isAlive(opened.staff.sessionId, Date.now())).toBe(false);
    });
  });

  it("Signing out ends that session, is audited in the person's offices and closes that session's sockets there.", async () => {
    await inFreshDirectory(async (sql) => {
      const { store, sessions, sent, settled } = concerns(sql);
      addAccount(store, "acc_1", [{ office: "alpha", role: "clerk" }]);
      const kept = await sessions.open("acc_1", null);
      const ended = await sessions.open("acc_1", null);
      const endedRow = store.sessions.byId(ended.staff.sessionId)!;
      await sessions.logout(endedRow.token_hash, "10.0.0.1");
      await settled();
      expect(sessions.isAlive(ended.staff.sessionId, Date.now())).toBe(false);
      expect(sessions.isAlive(kept.staff.sessionId, Date.now())).toBe(true);
      expect(sent.revoke).toEqual([
        [
          "alpha",
          expect.objectContaining({
            tag: `sess:${ended.staff.sessionId}`,
            errorCode: "not_signed_in",
          }),
        ],
      ]);
      expect(sent.audit).toEqual([["alpha", expect.objectContaining({ action: "logout" })]]);
    });
  });
});

describe("Sign-in limits", () => {
  it("Per-address limits count an IPv6 address by its /64, however it is written, and an IPv4 address written in IPv6 as that IPv4 address.", () => {
    expect(addressKey("2001:db8:a:b:1:2:3:4")).toBe("2001:db8:a:b::/64");
    expect(addressKey("2001:0DB8:000a:000b::ffff")).toBe("2001:db8:a:b::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("unknown")).toBe("unknown");
    expect(addressKey("1:2:3")).toBe("1:2:3");
  });

  it("An account under attack from new places still lets its person in from the browser they used before, even from the attackers' address.", async () => {
    await inFreshDirectory((sql) => {
      const { limits } = concerns(sql);
      const now = Date.now();
      limits.recordLoginSuccess(
        limits.recordLoginAttempt({
          at: now - 1000,
          address: "10.0.0.1",
          username: "mrossi",
          place: "desk",
          knownPlace: false,
        }),
        "acc_1",
        "desk",
        now - 1000,
      );
      for (let guess = 0; guess < MAX_FAILURES_PER_ACCOUNT_FROM_NEW_PLACES; guess++)
        limits.recordLoginAttempt({
          at: now - 500 + guess,
          address: "10.0.0.1",
          username: "mrossi",
          place: `guest-${guess}`,
          knownPlace: false,
        });
      expect(limits.checkLogin("mrossi", "10.2.0.1", "other", "acc_1", now)).toMatchObject({
        decision: { allowed: false },
        knownPlace: false,
      });
      expect(limits.checkLogin("mrossi", "10.0.0.1", null, "acc_1", now)).toMatchObject({
        decision: { allowed: false },
        knownPlace: false,
      });
      expect(limits.checkLogin("mrossi", "10.0.0.1", "desk", "acc_1", now)).toEqual({
        decision: { allowed: true },
        knownPlace: true,
      });
    });
  });
});

describe("Throttled sign-ins", () => {
  /** A sign-in whose password did not match. */
  function fail(signIn: SignIn, username: string, address: string) {
    const start = signIn.begin(username, address, null);
    expect(start.status).toBe("verify");
    if (start.status === "verify") return signIn.finish(start.attemptId, false);
  }

  it("Issue 13, point 3: a held-off address trying again and again is recorded once per window, here and in the account's office, and writes nothing else.", async () => {
    await inFreshDirectory(async (sql) => {
      const { store, limits, sessions, audit, sent, settled } = concerns(sql);
      addAccount(store, "clerk1", [{ office: "alpha", role: "clerk" }]);
      const signIn = new SignIn(store.accounts, limits, sessions, audit);
      for (let guess = 0; guess < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; guess++)
        await fail(signIn, "clerk1", "10.0.0.7");
      const attempts = () =>
        sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM login_attempts`).one().n;
      const before = attempts();
      for (let again = 0; again < 20; again++)
        expect(signIn.begin("clerk1", "10.0.0.7", null).status).toBe("throttled");
      await settled();
      const throttled = audit.entries({ limit: 100 }).filter((e) => e.action === "login.throttled");
      expect(throttled).toEqual([
        expect.objectContaining({
          detail: { username: "clerk1", limit: "account-and-address" },
        }),
      ]);
      expect(
        sent.audit.filter(([, entry]) => entry.action === "login.throttled").map(([o]) => o),
      ).toEqual(["alpha"]);
      expect(attempts(), "a held-off try is no attempt").toBe(before);

      // Once the window is over, the next held-off try is recorded again.
      vi.useFakeTimers({ now: Date.now() + WINDOW_MS + 1000, toFake: ["Date"] });
      try {
        sql.exec(`UPDATE login_attempts SET at = ?`, Date.now() - 1000);
        expect(signIn.begin("clerk1", "10.0.0.7", null).status).toBe("throttled");
        expect(signIn.begin("clerk1", "10.0.0.7", null).status).toBe("throttled");
      } finally {
        vi.useRealTimers();
      }
      expect(
        audit.entries({ limit: 100 }).filter((e) => e.action === "login.throttled"),
      ).toHaveLength(2);
    });
  });

  it("Issue 13, point 3: an address held off for all accounts writes one record, whatever names it tries next.", async () => {
    await inFreshDirectory(async (sql) => {
      const { limits, sessions, audit, store } = concerns(sql);
      const signIn = new SignIn(store.accounts, limits, sessions, audit);
      for (let guess = 0; guess < MAX_FAILURES_PER_ADDRESS; guess++)
        await fail(signIn, `nobody${Math.floor(guess / 4)}`, "10.0.0.8");
      for (let name = 0; name < 25; name++)
        expect(signIn.begin(`someone-else-${name}`, "10.0.0.8", null).status).toBe("throttled");
      expect(
        audit
          .entries({ limit: 500 })
          .filter((e) => e.action === "login.throttled")
          .map((e) => e.detail),
      ).toEqual([{ username: "someone-else-0", limit: "address" }]);
    });
  });
});

describe("Pairing", () => {
  it("A code pairs one device once: the second use is a wrong code, counted and audited in the office.", async () => {
    await inFreshDirectory(async (sql) => {
      const { pairing, store, sent, settled } = concerns(sql);
      const issued = await pairing.createCode(admin, "alpha", "kiosk", "Info point");
      const code = issued.code.replace("-", "");
      const paired = await pairing.pair("alpha", code, "kiosk", "10.0.0.1");
      expect(paired).toMatchObject({
        device: { office: "alpha", role: "kiosk", createdBy: "admin" },
      });
      const again = await pairing.pair("alpha", code, "kiosk", "10.0.0.2");
      expect(again).toMatchObject({ error: { status: 404, code: "invalid_pairing_code" } });
      expect(store.signInLimits.pairingFailuresInOffice("alpha", 0)).toHaveLength(1);
      await settled();
      expect(sent.audit.map(([, entry]) => entry.action)).toEqual([
        "pairing_code.created",
        "device.paired",
        "pairing.failed",
      ]);
    });
  });

  it("A code made for a display does not pair a kiosk, and stays usable.", async () => {
    await inFreshDirectory(async (sql) => {
      const { pairing } = concerns(sql);
      const issued = await pairing.createCode(admin, "alpha", "display", "Hall");
      const code = issued.code.replace("-", "");
      expect(await pairing.pair("alpha", code, "kiosk", "10.0.0.1")).toMatchObject({
        error: { status: 409, code: "wrong_device_role" },
      });
      expect(await pairing.pair("alpha", code, null, "10.0.0.1")).toMatchObject({
        device: { role: "display", name: "Hall" },
      });
    });
  });
});
