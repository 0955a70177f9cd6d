/**
 * What the asset server (edge/assets.ts) knows of the built apps, computed when serve
 * starts: every file by its path with the hash of its content (the ETag) and its content
 * type, and the `_headers` rules. Files are listed as wrangler lists them for upload: all
 * but `_headers`, `_redirects` and `.assetsignore` (serve supports no `_redirects`).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import type { AssetManifest } from "./edge/settings";
import { parseHeadersFile } from "./headers-file";

const NOT_ASSETS = new Set(["_headers", "_redirects", ".assetsignore"]);

/**
 * The `mime` package's types (which Cloudflare uses) for the files a build holds, with
 * `charset=utf-8` on text types as Cloudflare adds it; unknown extensions get none.
 */
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "text/xml; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
  ".ico": "image/vnd.microsoft.icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".wav": "audio/wav",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
};

export function contentTypeOf(path: string): string | null {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? null;
}

export function buildAssetManifest(directory: string): AssetManifest {
  if (!existsSync(join(directory, "index.html")))
    throw new Error(`${directory} holds no built apps: run npm run build first.`);
  if (existsSync(join(directory, "_redirects")))
    throw new Error(`${directory}/_redirects: npm run serve does not apply redirect rules.`);
  const files: AssetManifest["files"] = {};
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = `/${relative(directory, full).split(sep).join("/")}`;
    if (NOT_ASSETS.has(path.slice(1))) continue;
    const etag = createHash("sha256").update(readFileSync(full)).digest("hex").slice(0, 32);
    files[path] = { etag, contentType: contentTypeOf(path) };
  }
  const headersFile = join(directory, "_headers");
  const headerRules = existsSync(headersFile)
    ? parseHeadersFile(readFileSync(headersFile, "utf8"))
    : [];
  return { files, headerRules };
}
