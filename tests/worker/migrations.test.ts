import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { OFFICE_MIGRATIONS } from "../../worker/office/office-migrations";
import { type Migration, migrate } from "../../worker/storage/migrations";
import {
  api,
  createOffice,
  expectError,
  newOfficeId,
  officeStub,
  testOfficeConfig,
} from "./helpers";

/**
 * `migrate` runs against the real SQLite storage of an office object that was
 * never started (runInDurableObject does not run onStart), so its storage is empty.
 */
const a: Migration = { name: "a", statements: ["CREATE TABLE a (x INTEGER)"] };
const b: Migration = {
  name: "b",
  statements: ["CREATE TABLE b (y TEXT)", "CREATE INDEX b_y ON b (y)"],
};
const c: Migration = { name: "c", statements: ["CREATE TABLE c (z TEXT)"] };

function freshStorage() {
  return officeStub(newOfficeId("migrations"));
}

const tables = (sql: SqlStorage) =>
  sql
    .exec<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .toArray()
    .map((row) => row.name);

const history = (sql: SqlStorage) =>
  sql
    .exec<{ id: number; name: string }>(`SELECT id, name FROM migrations ORDER BY id`)
    .toArray()
    .map((row) => [row.id, row.name]);

describe("Storage migrations", () => {
  it("Migrations apply in order on empty storage and are recorded one row per step.", async () => {
    await runInDurableObject(freshStorage(), (_office, state) => {
      migrate(state.storage.sql, [a, b]);
      expect(tables(state.storage.sql)).toEqual(["a", "b", "migrations"]);
      expect(history(state.storage.sql)).toEqual([
        [1, "a"],
        [2, "b"],
      ]);
    });
  });

  it("Migrations run again with the same list change nothing.", async () => {
    await runInDurableObject(freshStorage(), (_office, state) => {
      migrate(state.storage.sql, [a, b]);
      state.storage.sql.exec(`INSERT INTO a (x) VALUES (42)`);
      migrate(state.storage.sql, [a, b]);
      expect(history(state.storage.sql)).toHaveLength(2);
      expect(state.storage.sql.exec(`SELECT x FROM a`).toArray()).toEqual([{ x: 42 }]);
    });
  });

  it("Migrations stopped half way through the history ([a]) apply only the missing step when the code has [a, b].", async () => {
    await runInDurableObject(freshStorage(), (_office, state) => {
      migrate(state.storage.sql, [a]);
      state.storage.sql.exec(`INSERT INTO a (x) VALUES (1)`);
      expect(tables(state.storage.sql)).toEqual(["a", "migrations"]);
      // Re-running a's CREATE TABLE would throw: only b may run.
      migrate(state.storage.sql, [a, b]);
      expect(tables(state.storage.sql)).toEqual(["a", "b", "migrations"]);
      expect(history(state.storage.sql)).toEqual([
        [1, "a"],
        [2, "b"],
      ]);
      expect(state.storage.sql.exec(`SELECT x FROM a`).toArray()).toEqual([{ x: 1 }]);
    });
  });

  it('Migrations refuse to run when a recorded step was edited ([a, b] applied, [a, c] in code): "migration history was edited".', async () => {
    await runInDurableObject(freshStorage(), (_office, state) => {
      migrate(state.storage.sql, [a, b]);
      expect(() => migrate(state.storage.sql, [a, c])).toThrow(/migration history was edited/);
      expect(tables(state.storage.sql)).not.toContain("c");
    });
  });

  it("Migrations refuse to run when steps were reordered or removed from the code.", async () => {
    await runInDurableObject(freshStorage(), (_office, state) => {
      migrate(state.storage.sql, [a, b]);
      expect(() => migrate(state.storage.sql, [b, a])).toThrow(/migration history was edited/);
      expect(() => migrate(state.storage.sql, [a])).toThrow(/migration history was edited/);
      expect(() => migrate(state.storage.sql, [])).toThrow(/migration history was edited/);
    });
  });

  it("The real schema's migrations apply on empty storage and create the office's tables.", async () => {
    await runInDurableObject(freshStorage(), (_office, state) => {
      migrate(state.storage.sql, OFFICE_MIGRATIONS);
      expect(tables(state.storage.sql)).toEqual(
        [
          "appointments",
          "audit",
          "counter_staff",
          "day_archive",
          "revoked_devices",
          "events",
          "feedback",
          "idempotency",
          "migrations",
          "office",
          "remote_ticket_limits",
          "retention_progress",
          "sqlite_sequence",
          "tickets",
          "used_booking_proofs",
          "webhook_deliveries",
          "webhook_endpoints",
          "webhook_events",
        ].sort(),
      );
      expect(history(state.storage.sql)).toEqual(OFFICE_MIGRATIONS.map((m, i) => [i + 1, m.name]));
    });
  });
});

describe("An office whose storage does not match the code", () => {
  it("An office whose recorded migration history was edited refuses to start, serves nothing and leaks no stack trace.", async () => {
    const officeId = await createOffice();
    const stub = officeStub(officeId);
    await runInDurableObject(stub, (_office, state) => {
      state.storage.sql.exec(`UPDATE migrations SET name = '001-tampered' WHERE id = 1`);
    });
    // Restart the object so that it runs its start-up (and migrations) again.
    await evictDurableObject(stub);
    const view = await api("GET", `/offices/${officeId}`);
    expect(view.status).toBe(503);
    expect(view.body).toMatchObject({ error: { code: "office_unavailable" } });
    expect(JSON.stringify(view.body)).not.toContain("Test office");
    expect(JSON.stringify(view.body)).not.toContain("migration history");
    const issue = await api("POST", `/offices/${officeId}/tickets`, {
      body: { serviceId: "general" },
    });
    expect(issue.status).toBe(503);
  });

  it("An office keeps nothing of a migration that failed half way: once the cause is gone, it starts.", async () => {
    const officeId = newOfficeId("half");
    const stub = officeStub(officeId);
    // A table in the way of the first migration's last CREATE TABLE makes it fail half way.
    await runInDurableObject(stub, (_office, state) => {
      state.storage.sql.exec(`CREATE TABLE idempotency (in_the_way INTEGER)`);
    });
    // Creating it is what reaches the object (the Worker answers for offices never created).
    const put = await api("PUT", `/offices/${officeId}`, { body: testOfficeConfig() });
    expect(put.status).toBe(503);
    await runInDurableObject(stub, (_office, state) => {
      expect(tables(state.storage.sql)).toEqual(["idempotency"]);
      state.storage.sql.exec(`DROP TABLE idempotency`);
    });
    expectError(await api("GET", `/offices/${officeId}`), 404, "unknown_office");
    await createOffice(testOfficeConfig(), officeId);
  });
});
