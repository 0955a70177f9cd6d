import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { backupState, MANIFEST, restoreState, verifyBackup } from "../../scripts/backup/state-copy";

/*
 * Issue 14, point 3: a backup is consistent while the server writes. A
 * separate process stands in for workerd: it writes to WAL-mode SQLite
 * files, as workerd keeps its Durable Objects, two rows per transaction, so
 * a copy taken halfway through a transaction would show an odd count.
 */

const WRITER = `
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(process.argv[1], { timeout: 10000 });
db.exec("PRAGMA journal_mode=WAL");
let batch = 0;
const insert = db.prepare("INSERT INTO tickets (batch, part) VALUES (?, ?)");
process.stdout.write("ready\\n");
for (;;) {
  db.exec("BEGIN");
  insert.run(batch, 1);
  insert.run(batch, 2);
  db.exec("COMMIT");
  batch++;
}
`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function newStateDir(): { stateDir: string; office: string; directory: string } {
  const root = mkdtempSync(join(tmpdir(), "turno-backup-"));
  const stateDir = join(root, "state");
  mkdirSync(join(stateDir, "Office"), { recursive: true });
  mkdirSync(join(stateDir, "Directory"), { recursive: true });
  const office = join(stateDir, "Office", "office-a.sqlite");
  const directory = join(stateDir, "Directory", "directory.sqlite");
  for (const path of [office, directory]) {
    const db = new DatabaseSync(path);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("CREATE TABLE tickets (batch INTEGER, part INTEGER)");
    db.exec("INSERT INTO tickets VALUES (-1, 1), (-1, 2)");
    db.close();
  }
  writeFileSync(join(stateDir, "turno-state.json"), '{"schema":1}\n');
  // What serve rewrites at each start: not state, not backed up.
  mkdirSync(join(stateDir, "run"));
  writeFileSync(join(stateDir, "run", "workerd.capnp"), "# rewritten at each start\n");
  return { stateDir, office, directory };
}

function startWriter(path: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", WRITER, path], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`writer exited with ${code}`)));
  });
}

function countsIn(path: string): { rows: number; halfBatches: number } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const rows = (db.prepare("SELECT COUNT(*) AS n FROM tickets").get() as { n: number }).n;
    const halfBatches = (
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM (SELECT batch FROM tickets GROUP BY batch HAVING COUNT(*) <> 2)",
        )
        .get() as { n: number }
    ).n;
    return { rows, halfBatches };
  } finally {
    db.close();
  }
}

describe("npm run backup / npm run restore", () => {
  it("A backup taken while another process writes is consistent, and each later one holds more.", async () => {
    const { stateDir, office } = newStateDir();
    await startWriter(office);
    let previous = 0;
    for (let i = 0; i < 3; i++) {
      await sleep(150);
      const backupDir = join(stateDir, "..", `backup-${i}`);
      const manifest = backupState(stateDir, backupDir);
      expect(manifest.files.map((file) => file.path)).toEqual([
        "Directory/directory.sqlite",
        "Office/office-a.sqlite",
        "turno-state.json",
      ]);
      const copy = countsIn(join(backupDir, "Office", "office-a.sqlite"));
      expect(copy.halfBatches, "a transaction cut in half").toBe(0);
      expect(copy.rows).toBeGreaterThan(previous);
      previous = copy.rows;
      expect(statSync(join(backupDir, "Office", "office-a.sqlite")).mode & 0o077).toBe(0);
      expect(statSync(backupDir).mode & 0o077).toBe(0);
      expect(verifyBackup(backupDir).files).toHaveLength(3);
    }
    expect(previous, "the writer ran during the backups").toBeGreaterThan(2);
  });

  it("A restore fills an empty folder; a folder in use only with replace, which keeps the old one aside.", () => {
    const { stateDir, office } = newStateDir();
    const backupDir = join(stateDir, "..", "backup");
    backupState(stateDir, backupDir);
    const db = new DatabaseSync(office);
    db.exec("INSERT INTO tickets VALUES (7, 1), (7, 2)");
    db.close();

    const fresh = join(stateDir, "..", "fresh");
    restoreState(backupDir, fresh);
    expect(countsIn(join(fresh, "Office", "office-a.sqlite")).rows).toBe(2);
    expect(readFileSync(join(fresh, "turno-state.json"), "utf8")).toBe('{"schema":1}\n');
    expect(existsSync(join(fresh, MANIFEST))).toBe(false);

    expect(() => restoreState(backupDir, stateDir)).toThrow(/--replace/);
    expect(countsIn(office).rows, "refused: the state is untouched").toBe(4);
    const { keptAside } = restoreState(backupDir, stateDir, { replace: true });
    expect(countsIn(office).rows).toBe(2);
    expect(countsIn(join(keptAside!, "Office", "office-a.sqlite")).rows).toBe(4);
  });

  it("A changed, damaged or half-written backup is refused before anything is touched; a backup never overwrites one.", () => {
    const { stateDir } = newStateDir();
    const backupDir = join(stateDir, "..", "backup");
    backupState(stateDir, backupDir);
    expect(() => backupState(stateDir, backupDir)).toThrow(/not empty/);

    const target = join(stateDir, "..", "target");
    const file = join(backupDir, "Directory", "directory.sqlite");
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(file, bytes);
    expect(() => restoreState(backupDir, target)).toThrow(/changed since the backup/);
    expect(existsSync(target)).toBe(false);

    const half = join(stateDir, "..", "half");
    mkdirSync(half);
    expect(() => restoreState(half, target)).toThrow(/not a complete Turno backup/);
    expect(() => backupState(join(stateDir, "..", "nowhere"), join(stateDir, "..", "b2"))).toThrow(
      /No state folder/,
    );
  });
});
