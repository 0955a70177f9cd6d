/**
 * What the serve script hands the two edge workers as JSON bindings (written by
 * scripts/serve/workerd-config.ts, read in workerd by entry.ts and assets.ts).
 */

/** The front's settings (binding TURNO_SERVE_EDGE). */
export interface EdgeSettings {
  /** wrangler.toml's `assets.run_worker_first`: paths that go to the Worker before any asset. */
  runWorkerFirst: string[];
  /** TURNO_TRUSTED_PROXY: the reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  /** The Worker's binding to the assets (wrangler.toml's `assets.binding`). */
  assetsBinding: string;
}

/** One `_headers` rule: a path pattern, the headers it sets and the ones it removes. */
export interface HeaderRule {
  pattern: string;
  set: Record<string, string>;
  unset: string[];
}

/** The asset server's view of the built apps (binding TURNO_ASSET_MANIFEST). */
export interface AssetManifest {
  /** By path from the root ("/display/index.html"): the content's hash and its type, if known. */
  files: Record<string, { etag: string; contentType: string | null }>;
  headerRules: HeaderRule[];
}
