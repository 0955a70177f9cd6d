import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Every package the code imports is declared in package.json, and what the
 * shipped code (the Worker and the apps) imports at run time is a dependency,
 * not only a devDependency: a package that happens to be installed as someone
 * else's dependency (as @preact/signals-core was) can vanish with an upgrade.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FOLDERS = [
  "shared",
  "worker",
  "display",
  "kiosk",
  "counter",
  "ticket",
  "dashboard",
  "book",
  "scripts",
  "bench",
  "tests",
];
/** Development-only code: the build, benchmarks and tests may use devDependencies. */
const DEVELOPMENT = ["scripts/", "bench/", "tests/"];

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The packages a file imports at run time (`import type` and `import { type … }`-only lines left out). */
function importedPackages(source: string): string[] {
  const found = new Set<string>();
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[3]!;
    if (match[2] || specifier.startsWith(".") || specifier.startsWith("/")) continue;
    if (specifier.startsWith("node:") || specifier.startsWith("cloudflare:")) continue;
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
    if (builtinModules.includes(name)) continue;
    found.add(name);
  }
  return [...found];
}

describe("Declared imports", () => {
  it("every imported package is in package.json, and the shipped code's are dependencies.", () => {
    const undeclared: string[] = [];
    const devOnlyInShippedCode: string[] = [];
    for (const file of FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
      const path = relative(ROOT, file);
      const development = DEVELOPMENT.some((prefix) => path.startsWith(prefix));
      for (const name of importedPackages(readFileSync(file, "utf8"))) {
        if (name in manifest.dependencies) continue;
        if (name in manifest.devDependencies) {
          if (!development) devOnlyInShippedCode.push(`${path}: ${name}`);
          continue;
        }
        undeclared.push(`${path}: ${name}`);
      }
    }
    expect(undeclared, "imported but not in package.json").toEqual([]);
    expect(devOnlyInShippedCode, "shipped code importing a devDependency").toEqual([]);
  });
});
