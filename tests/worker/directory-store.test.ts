import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DIRECTORY_MIGRATIONS } from "../../worker/auth/directory/store/directory-migrations";
import { DirectoryStore } from "../../worker/auth/directory/store/directory-store";

/**
 * The Directory's store on the real SQLite storage of a Directory object of
 * its own (a fresh name: empty storage, migrated by the object's constructor).
 */
function withFreshStore<T>(fn: (store: DirectoryStore, sql: SqlStorage) => T): Promise<T> {
  const stub = env.Directory.getByName(`store-${crypto.randomUUID()}`);
  return runInDurableObject(stub, (_directory, state) =>
    fn(new DirectoryStore(state.storage.sql), state.storage.sql),
  );
}

describe("The Directory's store", () => {
  it("A fresh Directory has run every step of its own migration list, and only those.", async () => {
    await withFreshStore((_store, sql) => {
      const history = sql
        .exec<{ name: string }>(`SELECT name FROM migrations ORDER BY id`)
        .toArray()
        .map((row) => row.name);
      expect(history).toEqual(DIRECTORY_MIGRATIONS.map((migration) => migration.name));
    });
  });

  it("Issue 13, point 3: what the sign-in limits delete by time is found by an index, not by reading the whole table.", async () => {
    await withFreshStore((_store, sql) => {
      const plan = (query: string) =>
        sql
          .exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${query}`, 0)
          .toArray()
          .map((row) => row.detail)
          .join("; ");
      expect(plan(`DELETE FROM login_attempts WHERE at < ?`)).toMatch(
        /SEARCH login_attempts USING (COVERING )?INDEX login_attempts_by_time/,
      );
      expect(plan(`DELETE FROM password_check_failures WHERE at < ?`)).toMatch(
        /SEARCH password_check_failures USING (COVERING )?INDEX password_check_failures_by_time/,
      );
      expect(plan(`DELETE FROM login_throttles WHERE until <= ?`)).toMatch(
        /SEARCH login_throttles USING (COVERING )?INDEX login_throttles_by_end/,
      );
    });
  });

  it("Opening the store again on migrated storage changes nothing and keeps the rows.", async () => {
    const stub = env.Directory.getByName(`store-${crypto.randomUUID()}`);
    await runInDurableObject(stub, (_directory, state) => {
      new DirectoryStore(state.storage.sql).offices.register("alpha", 1);
      const reopened = DirectoryStore.open(state.storage);
      expect(reopened.offices.ids()).toEqual(["alpha"]);
    });
  });

  it("An account is found by id and by username, and its grants are replaced as a whole, by office.", async () => {
    await withFreshStore(({ accounts }) => {
      accounts.insert({
        id: "acc_1",
        username: "mrossi",
        displayName: "Mario Rossi",
        passwordHash: "hash-1",
        createdAt: 10,
      });
      accounts.replaceGrants("acc_1", [
        { office: "zeta", role: "clerk" },
        { office: "alpha", role: "admin" },
      ]);
      expect(accounts.byUsername("mrossi")).toMatchObject({ id: "acc_1", disabled: 0 });
      expect(accounts.grantsOf("acc_1")).toEqual([
        { office: "alpha", role: "admin" },
        { office: "zeta", role: "clerk" },
      ]);
      accounts.replaceGrants("acc_1", [{ office: "beta", role: "supervisor" }]);
      accounts.setDisabled("acc_1", true);
      accounts.setPasswordHash("acc_1", "hash-2");
      expect(accounts.grantsOf("acc_1")).toEqual([{ office: "beta", role: "supervisor" }]);
      expect(accounts.byId("acc_1")).toMatchObject({ disabled: 1, password_hash: "hash-2" });
      expect(accounts.count()).toBe(1);
      expect(accounts.byUsername("nobody")).toBeNull();
    });
  });

  it("A session opened now was last seen now, and ending a person's sessions leaves other people's.", async () => {
    await withFreshStore(({ sessions }) => {
      const open = (tokenHash: string, accountId: string) =>
        sessions.insert({
          tokenHash,
          id: `id-${tokenHash}`,
          accountId,
          createdAt: 100,
          expiresAt: 200,
          address: null,
        });
      open("h1", "acc_a");
      open("h2", "acc_a");
      open("h3", "acc_b");
      expect(sessions.byId("id-h1")).toMatchObject({ token_hash: "h1", last_seen_at: 100 });
      sessions.setLastSeen("h1", 150);
      expect(sessions.byTokenHash("h1")?.last_seen_at).toBe(150);
      sessions.deleteAllOf("acc_a");
      expect(sessions.byTokenHash("h1")).toBeNull();
      expect(sessions.byTokenHash("h2")).toBeNull();
      expect(sessions.byTokenHash("h3")).not.toBeNull();
    });
  });

  it("A revoked device keeps its row but is no longer found by its token.", async () => {
    await withFreshStore(({ devices }) => {
      devices.insert({
        id: "dev_1",
        tokenHash: "t1",
        office: "alpha",
        role: "kiosk",
        name: "Info point",
        createdAt: 1,
        createdBy: "admin",
      });
      expect(devices.activeByTokenHashInOffice("t1", "alpha")?.id).toBe("dev_1");
      expect(devices.activeByTokenHashInOffice("t1", "beta")).toBeNull();
      devices.setRevoked("dev_1", 5);
      expect(devices.activeByTokenHash("t1")).toBeNull();
      expect(devices.inOffice("alpha")).toEqual([expect.objectContaining({ revoked_at: 5 })]);
    });
  });

  it("Sign-in limits count only failed attempts inside the window, per address key, from new places only those flagged so, and at a known place only its own.", async () => {
    await withFreshStore(({ signInLimits }) => {
      const attempt = (
        at: number,
        address: string,
        knownPlace = false,
        place: string | null = null,
      ) =>
        signInLimits.insertFailedLogin({
          at,
          address,
          addressKey: address,
          username: "mrossi",
          place,
          knownPlace,
        });
      attempt(10, "10.0.0.1");
      const succeeded = attempt(20, "10.0.0.1", false, "desk");
      attempt(30, "10.0.0.2");
      attempt(40, "10.0.0.1");
      attempt(50, "10.0.0.1", true, "desk");
      signInLimits.markLoginSucceeded(succeeded);
      expect(signInLimits.failedLoginsFromAddress("10.0.0.1", 0)).toEqual([10, 40]);
      expect(signInLimits.failedLoginsFromAddress("10.0.0.1", 10)).toEqual([40]);
      expect(signInLimits.failedLoginsForAccountFromAddress("mrossi", "10.0.0.2", 0)).toEqual([30]);
      expect(signInLimits.failedLoginsForAccountFromNewPlaces("mrossi", 0)).toEqual([10, 30, 40]);
      expect(signInLimits.failedLoginsForAccountAtPlace("mrossi", "desk", 0)).toEqual([50]);
      expect(signInLimits.loginAttempt(succeeded)).toEqual({
        username: "mrossi",
        address: "10.0.0.1",
        place: "desk",
      });
      // Oldest first, at most the batch asked for.
      expect(signInLimits.forgetLoginsBefore(35, 2)).toBe(2);
      expect(signInLimits.failedLoginsFromAddress("10.0.0.1", 0)).toEqual([40]);
      expect(signInLimits.forgetLoginsBefore(35, 2)).toBe(1);
      expect(signInLimits.failedLoginsForAccountFromAddress("mrossi", "10.0.0.2", 0)).toEqual([]);
    });
  });

  it("A place is known to an account from its last success until the cut-off given.", async () => {
    await withFreshStore(({ signInLimits }) => {
      signInLimits.rememberPlace("acc_1", "desk", 100);
      expect(signInLimits.signedInAt("acc_1", "desk", 99)).toBe(true);
      expect(signInLimits.signedInAt("acc_1", "desk", 100)).toBe(false);
      expect(signInLimits.signedInAt("acc_2", "desk", 0)).toBe(false);
      signInLimits.rememberPlace("acc_1", "desk", 200);
      expect(signInLimits.signedInAt("acc_1", "desk", 150)).toBe(true);
    });
  });

  it("Wrong pairing codes are counted per office and per address.", async () => {
    await withFreshStore(({ signInLimits }) => {
      signInLimits.insertPairingFailure({ at: 1, office: "alpha", address: "10.0.0.1" });
      signInLimits.insertPairingFailure({ at: 2, office: "beta", address: "10.0.0.1" });
      signInLimits.insertPairingFailure({ at: 3, office: "alpha", address: "10.0.0.2" });
      expect(signInLimits.pairingFailuresInOffice("alpha", 0)).toEqual([1, 3]);
      expect(signInLimits.pairingFailuresFromAddress("10.0.0.1", 1)).toEqual([2]);
    });
  });

  it("A pairing code is found by its digest until deleted, and expired ones are swept.", async () => {
    await withFreshStore(({ pairingCodes }) => {
      const code = (codeHash: string, expiresAt: number) =>
        pairingCodes.insert({
          codeHash,
          office: "alpha",
          role: "display",
          name: "Hall",
          createdBy: "admin",
          expiresAt,
        });
      code("old", 10);
      code("new", 30);
      pairingCodes.deleteExpiredBefore(20);
      expect(pairingCodes.byCodeHash("old")).toBeNull();
      expect(pairingCodes.byCodeHash("new")).toMatchObject({ role: "display", expires_at: 30 });
      pairingCodes.delete("new");
      expect(pairingCodes.byCodeHash("new")).toBeNull();
    });
  });
});
