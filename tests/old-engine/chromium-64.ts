/**
 * A real Chromium 64 (the engine of 2018–19 smart TVs and of the older
 * Android tablets offices keep at the door), for the old-engine browser test.
 * It comes from the npm registry, the only place a fresh machine can fetch
 * from: chrome-aws-lambda 0.13.0 ships Chromium 64.0.3264.0 as one
 * brotli-compressed Linux binary (headless, needs only libnss3, which Debian's
 * chromium package brings). It is not a dependency: its optional native
 * brotli module would be compiled on every `npm install`; the package is
 * fetched with `npm pack` on first use, checked against its pinned integrity,
 * and inflated with Node's own brotli into node_modules/.cache.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";

export const CHROMIUM_64_VERSION = "64.0.3264.0";
const PACKAGE = "chrome-aws-lambda@0.13.0";
/** npm's recorded sha512 of that tarball: a different file is refused. */
const INTEGRITY =
  "sha512-R7n/d7dGv2uUghAhXlaj2LO67l/FdZnGsvBEdGiDWnVKyoqkFy70APWW2wgNhll99h/8V0bA3Y/Oh+DGj1KHOA==";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "turno-chromium-64");
const BINARY = join(CACHE_DIR, "chromium");

/** The path of the Chromium 64 binary, fetched and inflated on first use (~30 MB download, ~100 MB on disk). */
export function chromium64(): string {
  if (existsSync(BINARY)) return BINARY;
  const work = mkdtempSync(join(tmpdir(), "turno-chromium-64-"));
  try {
    const npm = process.env.npm_execpath?.endsWith(".js")
      ? [process.execPath, process.env.npm_execpath]
      : ["npm"];
    const [command, ...prefix] = npm as [string, ...string[]];
    execFileSync(command, [...prefix, "pack", PACKAGE, "--silent", "--pack-destination", work], {
      cwd: work,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tarball = join(work, "chrome-aws-lambda-0.13.0.tgz");
    const digest = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
    if (digest !== INTEGRITY)
      throw new Error(`${PACKAGE}: integrity ${digest}, expected ${INTEGRITY}`);
    const member = `package/bin/chromium-${CHROMIUM_64_VERSION}.br`;
    execFileSync("tar", ["-xzf", tarball, "-C", work, member]);
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${BINARY}.partial`;
    writeFileSync(partial, brotliDecompressSync(readFileSync(join(work, member))));
    chmodSync(partial, 0o755);
    // Renamed whole, so a run stopped half way never leaves a truncated binary behind.
    renameSync(partial, BINARY);
    return BINARY;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(chromium64());
