import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lowerToEs5 } from "../../scripts/lower-to-es5";

/** es-check's own verdict, as the build asks it. */
function isEs5(code: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), "turno-es5-"));
  try {
    writeFileSync(join(dir, "app.js"), code);
    execFileSync("node_modules/.bin/es-check", ["es5", join(dir, "app.js"), "--silent"], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("The display's ES5 step (SWC, independent of the type-checker)", () => {
  it("lowers what esbuild's ES2015 output holds (classes, arrows, spread, for…of, generators, template strings) to ES5 that still runs.", async () => {
    const modern = `
      class Queue { constructor(items) { this.items = [...items]; } *[Symbol.iterator]() { yield* this.items; } }
      const q = new Queue([1, 2, 3]);
      let total = 0;
      for (const n of q) total += n;
      const label = (name = "A") => \`\${name}\${String(total).padStart(3, "0")}\`;
      globalThis.__result = label();
    `;
    expect(isEs5(modern)).toBe(false);
    const lowered = await lowerToEs5(modern);
    expect(isEs5(lowered)).toBe(true);
    const scope: { __result?: string } = {};
    new Function("globalThis", lowered)(scope);
    expect(scope.__result).toBe("A006");
  });

  it("rejects what it cannot lower, so the build fails instead of shipping it.", async () => {
    await expect(lowerToEs5("function broken( {")).rejects.toThrow();
  });
});
