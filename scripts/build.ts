/**
 * Builds the client apps into dist/public, which wrangler serves as static
 * assets (see wrangler.toml). Each app is a folder with main.tsx and
 * index.html. The display runs on old TV browsers (Chromium 47 era), so its
 * bundle is lowered to ES5 and must stay under its size budget.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import ts from "typescript";
import { SECURITY_HEADERS } from "../worker/http/security-headers";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** TURNO_BUILD_OUT builds elsewhere (e.g. to serve it with `wrangler dev --assets DIR` beside another build). */
export const PUBLIC_DIR = process.env.TURNO_BUILD_OUT ?? join(ROOT, "dist", "public");

interface AppBuild {
  name: string;
  /** Lowered to ES5 and checked with es-check (old smart-TV browsers). */
  legacy?: boolean;
  /** Largest allowed gzipped JavaScript, in bytes. */
  budgetGzipBytes?: number;
}

export const APPS: AppBuild[] = [
  { name: "display", legacy: true, budgetGzipBytes: 25 * 1024 },
  { name: "kiosk" },
  { name: "counter" },
  { name: "ticket" },
  { name: "dashboard" },
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
  await esbuild.build({
    entryPoints: [entry],
    outdir: outDir,
    entryNames: "app",
    bundle: true,
    minify: true,
    sourcemap: false,
    format: "iife",
    // esbuild cannot lower to ES5 itself; the legacy bundle goes through TypeScript below.
    target: app.legacy ? "es2015" : "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"', __TURNO_BUILD__: JSON.stringify(buildId) },
    loader: { ".svg": "text" },
    legalComments: "none",
    logLevel: "warning",
  });
  const jsPath = join(outDir, "app.js");
  if (app.legacy) {
    const modern = readFileSync(jsPath, "utf8");
    const lowered = ts.transpileModule(modern, {
      compilerOptions: {
        target: ts.ScriptTarget.ES5,
        module: ts.ModuleKind.None,
        allowJs: true,
        downlevelIteration: true,
        importHelpers: false,
        removeComments: true,
      },
    }).outputText;
    const minified = await esbuild
      .transform(lowered, { minifyWhitespace: true, minifySyntax: false, target: "es5" })
      .catch(() => ({ code: lowered }));
    writeFileSync(jsPath, minified.code);
    execFileSync(join(ROOT, "node_modules", ".bin", "es-check"), ["es5", jsPath, "--silent"], {
      stdio: "inherit",
    });
  }
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
