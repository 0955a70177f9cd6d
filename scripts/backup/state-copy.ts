/**
 * Backups of a self-hosted Turno's state folder (issue 14, point 3): every
 * Durable Object is one SQLite file (workerd keeps them in WAL mode on the
 * native file system, with POSIX locks), so a copy taken by SQLite itself
 * (`VACUUM INTO`, one read transaction) is consistent for that object while
 * the server keeps writing. Offices and the Directory are copied one after
 * the other: each is consistent in itself, as Cloudflare's point-in-time
 * recovery is per object too.
 */
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { DatabaseSync } from "node:sqlite";

/** The file a backup folder is recognised by; written last, so a half-written backup has none. */
export const MANIFEST = "turno-backup.json";
const FORMAT = 1;

export interface BackedUpFile {
  /** Relative to the state folder, with `/` between parts. */
  path: string;
  kind: "sqlite" | "file";
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: number;
  createdAt: string;
  files: BackedUpFile[];
}

/** SQLite's companions of a database file: never copied (VACUUM INTO folds the WAL in). */
const SQLITE_COMPANION = /\.sqlite-(wal|shm|journal)$/;

/** What `npm run serve` rewrites at each start (the bundled code and workerd's config): not state. */
const REWRITTEN_AT_START = new Set(["run"]);

/** Every regular file under `dir`, relative, sorted: the SQLite files and the rest. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory() && at === dir && REWRITTEN_AT_START.has(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !SQLITE_COMPANION.test(entry.name))
        found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** A consistent copy of one database while another process may be writing to it. */
function copyDatabase(from: string, to: string): void {
  const source = new DatabaseSync(from, { readOnly: true, timeout: 10_000 });
  try {
    source.prepare("VACUUM INTO ?").run(to);
  } finally {
    source.close();
  }
}

/**
 * Writes a backup of `stateDir` into `backupDir`, which must not exist or be empty. The
 * copy is made in a sibling `.partial` folder and renamed when complete. Backups hold
 * personal data: the folder is readable by its owner only.
 */
export function backupState(stateDir: string, backupDir: string, now = new Date()): BackupManifest {
  if (!existsSync(stateDir) || !statSync(stateDir).isDirectory())
    throw new Error(`No state folder at ${stateDir}: is TURNO_STATE_DIR right?`);
  if (existsSync(backupDir) && readdirSync(backupDir).length > 0)
    throw new Error(
      `${backupDir} is not empty: give a new folder for each backup (e.g. one per day).`,
    );
  const partial = `${backupDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  const files: BackedUpFile[] = [];
  for (const path of filesUnder(stateDir)) {
    const from = join(stateDir, path);
    const to = join(partial, path);
    mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
    const kind = path.endsWith(".sqlite") ? "sqlite" : "file";
    if (kind === "sqlite") copyDatabase(from, to);
    else copyFileSync(from, to);
    chmodSync(to, 0o600);
    files.push({
      path: path.split(sep).join("/"),
      kind,
      bytes: statSync(to).size,
      sha256: sha256Of(to),
    });
  }
  if (!files.some((file) => file.kind === "sqlite"))
    throw new Error(`${stateDir} holds no database: nothing to back up.`);
  const manifest: BackupManifest = { format: FORMAT, createdAt: now.toISOString(), files };
  writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  if (existsSync(backupDir)) rmSync(backupDir, { recursive: true });
  mkdirSync(dirname(backupDir), { recursive: true });
  renameSync(partial, backupDir);
  return manifest;
}

/** The backup's manifest, after checking every file against it and every database's integrity. */
export function verifyBackup(backupDir: string): BackupManifest {
  const manifestPath = join(backupDir, MANIFEST);
  if (!existsSync(manifestPath))
    throw new Error(`${backupDir} is not a complete Turno backup: it has no ${MANIFEST}.`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BackupManifest;
  if (manifest.format !== FORMAT)
    throw new Error(
      `${backupDir} was written in backup format ${manifest.format}; this build reads ${FORMAT}.`,
    );
  for (const file of manifest.files) {
    const path = join(backupDir, file.path);
    if (!existsSync(path)) throw new Error(`${file.path} is missing from the backup.`);
    if (sha256Of(path) !== file.sha256)
      throw new Error(`${file.path} has changed since the backup.`);
    if (file.kind === "sqlite") {
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        const check = db.prepare("PRAGMA quick_check").get() as { quick_check: string };
        if (check.quick_check !== "ok")
          throw new Error(`${file.path} is damaged: ${check.quick_check}`);
      } finally {
        db.close();
      }
    }
  }
  return manifest;
}

/**
 * Brings a backup back into `stateDir`, with the server stopped. An empty or missing
 * folder is filled; a folder in use is only replaced when asked (`replace`), and then
 * kept beside it as `<stateDir>.before-restore-<time>`, never deleted.
 */
export function restoreState(
  backupDir: string,
  stateDir: string,
  options: { replace?: boolean; now?: Date } = {},
): { manifest: BackupManifest; keptAside: string | null } {
  const manifest = verifyBackup(backupDir);
  let keptAside: string | null = null;
  if (existsSync(stateDir) && readdirSync(stateDir).length > 0) {
    if (!options.replace)
      throw new Error(
        `${stateDir} already holds a state. Stop Turno and run the restore with --replace: the current state is then kept beside it, not deleted.`,
      );
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, "-");
    keptAside = `${stateDir}.before-restore-${stamp}`;
    renameSync(stateDir, keptAside);
  }
  const partial = `${stateDir}.restoring`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  for (const file of manifest.files) {
    const to = join(partial, ...file.path.split("/"));
    mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
    copyFileSync(join(backupDir, ...file.path.split("/")), to);
    chmodSync(to, 0o600);
  }
  if (existsSync(stateDir)) rmSync(stateDir, { recursive: true });
  renameSync(partial, stateDir);
  return { manifest, keptAside };
}
