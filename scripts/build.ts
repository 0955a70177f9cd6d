/**
 * Builds the client apps into dist/public, which wrangler serves as static
 * assets (see wrangler.toml). Each app is a folder with main.tsx and
 * index.html, built for the oldest engine it supports (README, "Browsers"):
 * the display for Chromium 47 TVs (ES5, under its size budget), the kiosk,
 * counter, ticket page and booking page for Chromium 64 / Safari 12 tablets
 * and phones and Firefox ESR, the dashboard for current browsers. es-check then proves the
 * output parses at that level: a bundle an old engine cannot parse is a blank
 * screen there, so any failure fails the build.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { SECURITY_HEADERS } from "../worker/http/security-headers";
import { buildApiDocs } from "./build-api-docs";
import { buildServiceWorker } from "./build-service-worker";
import { lowerToEs5 } from "./lower-to-es5";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** TURNO_BUILD_OUT builds elsewhere (e.g. to serve it with `wrangler dev --assets DIR` beside another build). */
export const PUBLIC_DIR = process.env.TURNO_BUILD_OUT ?? join(ROOT, "dist", "public");

interface AppBuild {
  name: string;
  /** esbuild's targets: the oldest engines the app supports. */
  target: string[];
  /** Features to emit although a target fails an edge case of them (esbuild's `supported`). */
  supported?: Record<string, boolean>;
  /** The language level es-check holds the output to. */
  esCheck: "es5" | "es2018" | "es2022";
  /** Lowered to ES5 after bundling (esbuild cannot emit ES5 itself). */
  es5?: boolean;
  /** Largest allowed gzipped JavaScript, in bytes. */
  budgetGzipBytes?: number;
  /** Web Worker scripts of the app (`<app>/<name>.ts` → `/<app>/<name>.js`), built for the same engines. */
  workers?: string[];
}

/** Tablets and phones at the door: Chromium 64 (2018 Android tablets), Safari 12 (iOS 12 iPads), Firefox ESR. */
const OLD_TABLETS = ["chrome64", "safari12", "firefox115"];
/**
 * esbuild will not emit destructuring for Safari < 14 because Safari 12 fails
 * a corner of the spec (default values that read a later binding, in kangax's
 * tests); plain destructuring, all our code and our dependencies use, works.
 */
const OLD_TABLET_FEATURES = { destructuring: true };

export const APPS: AppBuild[] = [
  // Samsung Tizen 2017 = Chromium 47: ES2015 first, then SWC takes it to ES5.
  { name: "display", target: ["es2015"], esCheck: "es5", es5: true, budgetGzipBytes: 25 * 1024 },
  { name: "kiosk", target: OLD_TABLETS, supported: OLD_TABLET_FEATURES, esCheck: "es2018" },
  { name: "counter", target: OLD_TABLETS, supported: OLD_TABLET_FEATURES, esCheck: "es2018" },
  { name: "ticket", target: OLD_TABLETS, supported: OLD_TABLET_FEATURES, esCheck: "es2018" },
  // The booking page is on the same phones as the ticket page.
  // Its proof of work is solved in a Web Worker of its own.
  {
    name: "book",
    target: OLD_TABLETS,
    supported: OLD_TABLET_FEATURES,
    esCheck: "es2018",
    workers: ["proof-worker"],
  },
  { name: "dashboard", target: ["chrome100", "firefox115", "safari16"], esCheck: "es2022" },
];

export interface BuildReport {
  app: string;
  jsBytes: number;
  gzipBytes: number;
}

export async function build(): Promise<BuildReport[]> {
  rmSync(PUBLIC_DIR, { recursive: true, force: true });
  mkdirSync(PUBLIC_DIR, { recursive: true });
  const staticDir = join(ROOT, "public");
  if (existsSync(staticDir)) cpSync(staticDir, PUBLIC_DIR, { recursive: true });
  // Screens reload themselves when this changes (a new version was deployed).
  const buildId = `${Date.now().toString(36)}`;
  writeFileSync(join(PUBLIC_DIR, "version.json"), JSON.stringify({ build: buildId }));
  writeFileSync(join(PUBLIC_DIR, "_headers"), staticHeaders());
  const reports: BuildReport[] = [];
  for (const app of APPS) {
    const entry = join(ROOT, app.name, "main.tsx");
    if (!existsSync(entry)) continue;
    reports.push(await buildApp(app, entry, buildId));
  }
  await buildServiceWorker(PUBLIC_DIR);
  buildApiDocs(ROOT, PUBLIC_DIR);
  return reports;
}

/** The Worker's security headers for the static apps too (Workers assets read `_headers`). */
function staticHeaders(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `/*\n${lines.join("\n")}\n`;
}

async function buildApp(app: AppBuild, entry: string, buildId: string): Promise<BuildReport> {
  const outDir = join(PUBLIC_DIR, app.name);
  mkdirSync(outDir, { recursive: true });
  const workerEntries = (app.workers ?? []).map((name) => join(ROOT, app.name, `${name}.ts`));
  await esbuild.build({
    entryPoints: [entry, ...workerEntries],
    outdir: outDir,
    // main.tsx becomes app.js; a worker keeps its own name.
    entryNames: "[name]",
    bundle: true,
    minify: true,
    sourcemap: false,
    format: "iife",
    target: app.target,
    ...(app.supported ? { supported: app.supported } : {}),
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"', __TURNO_BUILD__: JSON.stringify(buildId) },
    loader: { ".svg": "text" },
    legalComments: "none",
    logLevel: "warning",
  });
  renameSync(join(outDir, "main.js"), join(outDir, "app.js"));
  if (existsSync(join(outDir, "main.css")))
    renameSync(join(outDir, "main.css"), join(outDir, "app.css"));
  const jsPath = join(outDir, "app.js");
  if (app.es5) writeFileSync(jsPath, await lowerToEs5(readFileSync(jsPath, "utf8")));
  const workerPaths = (app.workers ?? []).map((name) => join(outDir, `${name}.js`));
  // Throws (and so fails the build) when the output does not parse at the app's level.
  execFileSync(
    join(ROOT, "node_modules", ".bin", "es-check"),
    [app.esCheck, jsPath, ...workerPaths, "--silent"],
    { stdio: "inherit" },
  );
  cpSync(join(ROOT, app.name, "index.html"), join(outDir, "index.html"));
  const js = readFileSync(jsPath);
  const report = {
    app: app.name,
    jsBytes: js.length,
    gzipBytes: gzipSync(js, { level: 9 }).length,
  };
  if (app.budgetGzipBytes && report.gzipBytes > app.budgetGzipBytes) {
    throw new Error(
      `${app.name}: ${report.gzipBytes} bytes gzipped, over its budget of ${app.budgetGzipBytes}`,
    );
  }
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reports = await build();
  for (const r of reports) {
    console.log(
      `${r.app.padEnd(9)} ${(r.jsBytes / 1024).toFixed(1)} KB JS, ${(r.gzipBytes / 1024).toFixed(1)} KB gzipped`,
    );
  }
  console.log(`Built client apps into ${PUBLIC_DIR}`);
}
