/**
 * What `npm run serve` takes from wrangler.toml, read by wrangler's own parser: the one
 * source of truth for the runtime's date and flags, the Durable Object bindings (and which
 * are SQLite-backed, from the migrations), the assets folder and which paths run the Worker
 * first. A setting serve cannot honour stops it rather than serving something else.
 */
import { isAbsolute, join } from "node:path";
import { unstable_readConfig } from "wrangler";

/** wrangler's shape of one `[[durable_objects.bindings]]` entry. */
interface DurableObjectBinding {
  name: string;
  class_name: string;
  script_name?: string;
}

export interface DurableObjectSetting {
  binding: string;
  className: string;
  /** Declared in a migration's `new_sqlite_classes` (else key-value storage). */
  sqlite: boolean;
}

export interface WranglerSettings {
  name: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  durableObjects: DurableObjectSetting[];
  assets: { directory: string; binding: string; runWorkerFirst: string[] };
  /** The tags of wrangler.toml's `[[migrations]]`, in order (append-only). */
  migrationTags: string[];
  /** `[vars]`: plain text settings of the Worker. */
  vars: Record<string, string>;
}

export function readWranglerSettings(root: string): WranglerSettings {
  const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
  const sqliteClasses = new Set<string>();
  for (const migration of config.migrations) {
    if (migration.renamed_classes?.length || migration.deleted_classes?.length)
      throw new Error(
        `wrangler.toml migration ${migration.tag} renames or deletes classes, which npm run serve does not carry out.`,
      );
    for (const name of migration.new_sqlite_classes ?? []) sqliteClasses.add(name);
  }
  const assets = config.assets;
  if (!assets?.directory || !assets.binding)
    throw new Error("wrangler.toml must name the assets directory and binding.");
  // The asset server (edge/assets.ts) does what these two defaults do, and nothing else.
  if ((assets.html_handling ?? "auto-trailing-slash") !== "auto-trailing-slash")
    throw new Error("npm run serve serves assets with html_handling = auto-trailing-slash only.");
  if ((assets.not_found_handling ?? "none") !== "none")
    throw new Error("npm run serve serves assets with not_found_handling = none only.");
  const runWorkerFirst = assets.run_worker_first;
  if (config.compatibility_date === undefined)
    throw new Error("wrangler.toml must set compatibility_date.");
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.vars ?? {}))
    vars[name] = typeof value === "string" ? value : JSON.stringify(value);
  return {
    name: config.name ?? "turno",
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags ?? [],
    durableObjects: config.durable_objects.bindings.map((binding: DurableObjectBinding) => {
      if (binding.script_name)
        throw new Error(`Durable Object ${binding.name} lives in another Worker; serve has one.`);
      return {
        binding: binding.name,
        className: binding.class_name,
        sqlite: sqliteClasses.has(binding.class_name),
      };
    }),
    assets: {
      directory: isAbsolute(assets.directory) ? assets.directory : join(root, assets.directory),
      binding: assets.binding,
      runWorkerFirst: Array.isArray(runWorkerFirst) ? runWorkerFirst : runWorkerFirst ? ["/*"] : [],
    },
    migrationTags: config.migrations.map((migration: { tag: string }) => migration.tag),
    vars,
  };
}
