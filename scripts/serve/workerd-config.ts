/**
 * The workerd configuration of `npm run serve`, written from wrangler.toml's settings
 * (wrangler-settings.ts) so that there is one source of truth: one Worker made of the
 * edge's entry (edge/entry.ts) and the deploy bundle (turno.js), its Durable Objects
 * SQLite-backed on local disk, the asset server (edge/assets.ts) over the built apps, and
 * one socket (two with the http → https redirect). Secrets are named here, not written: workerd reads them from its own
 * environment (`fromEnvironment`). The TLS key, when given, is written into the config,
 * which is therefore kept 0600 (server.ts).
 */
import type { AssetManifest, EdgeSettings } from "./edge/settings";
import type { WranglerSettings } from "./wrangler-settings";

export interface WorkerdConfigInput {
  settings: WranglerSettings;
  /** Where the Durable Objects keep their SQLite files. */
  durableObjectsDir: string;
  /** The built apps (wrangler.toml's assets directory). */
  publicDir: string;
  /** workerd's address syntax: `127.0.0.1:8443`, `*:8443`, `[::1]:8443`. */
  address: string;
  /** PEM text of the office's certificate chain and key; null serves plain http. */
  tls: { certificateChain: string; privateKey: string } | null;
  /** A plain-http listener that sends every request to the https one (TURNO_HTTP_REDIRECT_PORT). */
  redirect?: { address: string; httpsPort: number } | null;
  edge: EdgeSettings;
  manifest: AssetManifest;
  /** Bindings whose text workerd takes from its environment (secrets, tuning knobs). */
  fromEnvironment: string[];
  /** Plain text bindings (wrangler.toml `[vars]`, TURNO_LAN). */
  text: Record<string, string>;
}

/** A Cap'n Proto text literal (its escapes are C's, not JSON's). */
export function text(value: string): string {
  let escaped = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === "\\" || char === '"') escaped += `\\${char}`;
    else if (char === "\n") escaped += "\\n";
    else if (char === "\r") escaped += "\\r";
    else if (char === "\t") escaped += "\\t";
    else if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).padStart(2, "0")}`;
    else escaped += char;
  }
  return `"${escaped}"`;
}

const list = (items: string[], indent: string) =>
  items.length === 0
    ? "[]"
    : `[\n${items.map((item) => `${indent}  ${item},`).join("\n")}\n${indent}]`;

/**
 * The redirect listener's whole Worker: the same host and path on https, 308 (the method
 * and body kept). Nothing is served over plain http, not even an error page.
 */
const REDIRECT_MODULE = `export default {
  fetch(request, env) {
    const url = new URL(request.url);
    url.protocol = "https:";
    url.port = env.HTTPS_PORT === "443" ? "" : env.HTTPS_PORT;
    return new Response(null, { status: 308, headers: { location: url.href, "cache-control": "no-store" } });
  },
};`;

export function workerdConfig(input: WorkerdConfigInput): string {
  const { settings, redirect } = input;
  const bindings = [
    ...settings.durableObjects.map(
      (object) =>
        `(name = ${text(object.binding)}, durableObjectNamespace = ${text(object.className)})`,
    ),
    `(name = ${text(settings.assets.binding)}, service = "turno-assets")`,
    `(name = "TURNO_SERVE_EDGE", json = ${text(JSON.stringify(input.edge))})`,
    ...Object.entries(input.text).map(
      ([name, value]) => `(name = ${text(name)}, text = ${text(value)})`,
    ),
    ...input.fromEnvironment.map(
      (name) => `(name = ${text(name)}, fromEnvironment = ${text(name)})`,
    ),
  ];
  const namespaces = settings.durableObjects.map(
    (object) =>
      `(className = ${text(object.className)}, uniqueKey = ${text(`${settings.name}-${object.className}`)}, enableSql = ${object.sqlite})`,
  );
  const protocol = input.tls
    ? `https = (options = (), tlsOptions = (keypair = (privateKey = ${text(input.tls.privateKey)}, certificateChain = ${text(input.tls.certificateChain)}), minVersion = tls1Dot2))`
    : "http = ()";
  return `# Written by scripts/serve/workerd-config.ts from wrangler.toml at each start; edits are lost.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "turno", worker = .turnoWorker),
    (name = "turno-assets", worker = .assetsWorker),
    (name = "turno-public", disk = (path = ${text(input.publicDir)}, allowDotfiles = true)),
    (name = "turno-durable-objects", disk = (path = ${text(input.durableObjectsDir)}, writable = true)),${
      redirect ? `\n    (name = "turno-redirect", worker = .redirectWorker),` : ""
    }
  ],
  sockets = [
    (name = "turno", address = ${text(input.address)}, ${protocol}, service = "turno"),${
      redirect
        ? `\n    (name = "turno-redirect", address = ${text(redirect.address)}, http = (), service = "turno-redirect"),`
        : ""
    }
  ],
);

const turnoWorker :Workerd.Worker = (
  modules = [
    (name = "entry.js", esModule = embed "entry.js"),
    (name = "turno.js", esModule = embed "turno.js"),
  ],
  compatibilityDate = ${text(settings.compatibilityDate)},
  compatibilityFlags = ${list(settings.compatibilityFlags.map(text), "  ")},
  bindings = ${list(bindings, "  ")},
  durableObjectNamespaces = ${list(namespaces, "  ")},
  durableObjectStorage = (localDisk = "turno-durable-objects"),
);

const assetsWorker :Workerd.Worker = (
  modules = [(name = "assets.js", esModule = embed "assets.js")],
  compatibilityDate = ${text(settings.compatibilityDate)},
  bindings = [
    (name = "FILES", service = "turno-public"),
    (name = "TURNO_ASSET_MANIFEST", json = ${text(JSON.stringify(input.manifest))}),
  ],
);
${
  redirect
    ? `
const redirectWorker :Workerd.Worker = (
  modules = [(name = "redirect.js", esModule = ${text(REDIRECT_MODULE)})],
  compatibilityDate = ${text(settings.compatibilityDate)},
  bindings = [(name = "HTTPS_PORT", text = ${text(String(redirect.httpsPort))})],
);
`
    : ""
}`;
}
