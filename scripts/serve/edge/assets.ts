/**
 * The ASSETS binding of `npm run serve`: the built apps (dist/public) served as
 * Cloudflare's assets serve them to the deployed Worker (workers-shared's asset-worker):
 * the same files for the same paths (html-handling.ts), the content's hash as a strong
 * ETag with 304 answers, `Cache-Control: public, max-age=0, must-revalidate`, the content
 * type by extension, single byte ranges (206, 416; byte-range.ts), and the `_headers` rules
 * (the CSP and the rest, written by the build).
 * The file list, hashes and rules come from the serve script (asset-manifest.ts); the
 * bytes from a workerd `disk` service over the same folder (binding FILES).
 */
import { byteRange, rangeStillApplies } from "./byte-range";
import { decodePath, encodePath, resolveAsset } from "./html-handling";
import { patternRegExp } from "./path-pattern";
import type { AssetManifest, HeaderRule } from "./settings";

interface AssetsEnv {
  TURNO_ASSET_MANIFEST: AssetManifest;
  FILES: Fetcher;
}

const CACHE_CONTROL = "public, max-age=0, must-revalidate";

let compiledRules: { rules: HeaderRule[]; compiled: [RegExp, HeaderRule][] } | null = null;

function headerRules(rules: HeaderRule[]): [RegExp, HeaderRule][] {
  if (compiledRules?.rules !== rules)
    compiledRules = { rules, compiled: rules.map((rule) => [patternRegExp(rule.pattern), rule]) };
  return compiledRules.compiled;
}

/** The `_headers` rules matching the path: removals first, then each header set (or appended when set twice). */
function withCustomHeaders(response: Response, path: string, rules: HeaderRule[]): Response {
  const seen = new Set<string>();
  for (const [pattern, rule] of headerRules(rules)) {
    if (!pattern.test(path)) continue;
    for (const name of rule.unset) response.headers.delete(name);
    for (const [name, value] of Object.entries(rule.set)) {
      if (seen.has(name.toLowerCase())) response.headers.append(name, value);
      else response.headers.set(name, value);
      seen.add(name.toLowerCase());
    }
  }
  return response;
}

async function fileResponse(request: Request, env: AssetsEnv, file: string): Promise<Response> {
  const entry = env.TURNO_ASSET_MANIFEST.files[file]!;
  const strong = `"${entry.etag}"`;
  const headers = new Headers({ etag: strong });
  if (entry.contentType) headers.set("content-type", entry.contentType);
  if (!request.headers.has("authorization") && !request.headers.has("range"))
    headers.set("cache-control", CACHE_CONTROL);
  const ifNoneMatch = request.headers.get("if-none-match") ?? "";
  if (ifNoneMatch === strong || ifNoneMatch === `W/${strong}`)
    return new Response(null, { status: 304, headers });
  const fromDisk = await env.FILES.fetch(new URL(encodePath(file), "http://files"), {
    method: request.method,
  });
  // Listed at start but gone since (a build running beside the server): as if never there.
  if (!fromDisk.ok) return new Response(null, { status: 404 });
  headers.set("accept-ranges", "bytes");
  const range = request.headers.get("range");
  if (
    request.method === "GET" &&
    range &&
    rangeStillApplies(request.headers.get("if-range"), strong)
  )
    return partialResponse(await fromDisk.arrayBuffer(), range, headers);
  return new Response(request.method === "HEAD" ? null : fromDisk.body, { status: 200, headers });
}

/** 206 with the bytes asked for, 416 for a range past the end, or 200 when the header asks for none we serve. */
function partialResponse(bytes: ArrayBuffer, range: string, headers: Headers): Response {
  const size = bytes.byteLength;
  const wanted = byteRange(range, size);
  if (wanted === null) return new Response(bytes, { status: 200, headers });
  if (wanted === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  headers.set("content-range", `bytes ${wanted.start}-${wanted.end}/${size}`);
  return new Response(bytes.slice(wanted.start, wanted.end + 1), { status: 206, headers });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const manifest = env.TURNO_ASSET_MANIFEST;
    const path = decodePath(url.pathname);
    const intent = resolveAsset(path, (name) => Object.hasOwn(manifest.files, name));
    if (intent.kind === "none") return new Response(null, { status: 404 });
    if (request.method !== "GET" && request.method !== "HEAD")
      return new Response(null, { status: 405 });
    let response: Response;
    if (intent.kind === "redirect") {
      response = redirect(`${encodePath(intent.location)}${url.search}`);
    } else if (encodePath(path) !== url.pathname) {
      response = redirect(`${encodePath(path)}${url.search}`);
    } else {
      response = await fileResponse(request, env, intent.file);
    }
    return withCustomHeaders(response, url.pathname, manifest.headerRules);
  },
} satisfies ExportedHandler<AssetsEnv>;

function redirect(location: string): Response {
  return new Response(null, { status: 307, headers: { location } });
}
