import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * Functions the display's bundle must not call on Chromium 47 (they came
 * later and are not polyfilled in shared/client/polyfills.ts). es-check covers the
 * syntax; this covers what Biome autofixes or a dependency upgrade may slip in.
 */
const MISSING_ON_CHROMIUM_47 = [
  // globalThis, Object.fromEntries, flat and flatMap are polyfilled (shared/client/polyfills.ts).
  "structuredClone(",
  "URLSearchParams",
  "AbortController",
  ".replaceAll(",
  "Promise.allSettled",
  ".finally(",
  "requestIdleCallback",
  "ResizeObserver",
];

describe("The display's bundle on old TV browsers", () => {
  it("calls no browser function newer than Chromium 47 that it does not polyfill.", async () => {
    const result = await esbuild.build({
      entryPoints: ["display/main.tsx"],
      bundle: true,
      write: false,
      outdir: "out",
      format: "iife",
      target: "es2015",
      jsx: "automatic",
      jsxImportSource: "preact",
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const js = result.outputFiles.find((file) => file.path.endsWith(".js"))?.text ?? "";
    expect(js.length).toBeGreaterThan(10_000);
    expect(MISSING_ON_CHROMIUM_47.filter((name) => js.includes(name))).toEqual([]);
    // No zod and no partysocket: neither fits the budget, and partysocket's classes cannot be lowered to ES5.
    expect(js).not.toContain("ZodError");
    expect(js).not.toContain("ReconnectingWebSocket");
    // Only the display's own words (shared/i18n/display.ts): not the kiosk's, counter's or ticket page's.
    expect(js).not.toContain("Choose your counter");
    expect(js).not.toContain("Give up my place");
  });
});
