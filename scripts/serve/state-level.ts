/**
 * Which build a state folder was last served by (issue 14, point 4). The Durable Objects
 * migrate their own SQLite when first touched (worker/storage/migrations.ts, append-only
 * lists), so an older folder is simply carried forward by a newer build; but a folder a
 * newer build has migrated cannot be read by an older one (its migration check throws on
 * the first request to each office). So serve records the levels it runs at in
 * `turno-state.json` and refuses, before serving anything, a folder from a newer build.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIRECTORY_MIGRATIONS } from "../../worker/auth/directory/store/directory-migrations";
import { OFFICE_MIGRATIONS } from "../../worker/office/office-migrations";

/** The layout of a state folder as serve writes it (bumped when the folder's layout changes). */
const STATE_FORMAT = 1;

export const STATE_MARKER = "turno-state.json";

export interface StateLevel {
  /** The state folder's layout. */
  format: number;
  /** Steps of each Durable Object's schema (office-migrations.ts, directory-migrations.ts). */
  officeMigrations: number;
  directoryMigrations: number;
  /** wrangler.toml's `[[migrations]]` (the Durable Object classes). */
  classMigrations: number;
}

const LEVEL_NAMES: Record<keyof StateLevel, string> = {
  format: "state folder layout",
  officeMigrations: "office schema step",
  directoryMigrations: "Directory schema step",
  classMigrations: "Durable Object class migration",
};

export function buildLevel(classMigrations: number): StateLevel {
  return {
    format: STATE_FORMAT,
    officeMigrations: OFFICE_MIGRATIONS.length,
    directoryMigrations: DIRECTORY_MIGRATIONS.length,
    classMigrations,
  };
}

/**
 * Refuses a folder last served by a newer build; else records this build's levels, which
 * the Durable Objects reach as they are touched. Returns the level found (null: a new folder).
 */
export function claimStateFolder(stateDir: string, build: StateLevel): StateLevel | null {
  const markerPath = join(stateDir, STATE_MARKER);
  const found = existsSync(markerPath)
    ? (JSON.parse(readFileSync(markerPath, "utf8")) as StateLevel)
    : null;
  if (found) {
    const newer = (Object.keys(LEVEL_NAMES) as (keyof StateLevel)[]).filter(
      (key) => typeof found[key] === "number" && found[key] > build[key],
    );
    if (newer.length > 0) {
      const details = newer
        .map((key) => `${LEVEL_NAMES[key]} ${found[key]} (this build knows ${build[key]})`)
        .join(", ");
      throw new Error(
        `${stateDir} was last served by a newer Turno: ${details}. This build cannot read it; ` +
          "start the newer build again, or restore a backup made with this one.",
      );
    }
  }
  writeFileSync(
    markerPath,
    `${JSON.stringify({ ...build, servedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return found;
}
