import { transform } from "@swc/core";

/**
 * Lowers a bundled ES2015 script to minified ES5 for the Chromium 47 TVs.
 * SWC, not the type-checker: TypeScript drops its ES5 target, and a build must
 * not depend on which TypeScript checks the types. SWC inlines the few helpers
 * it needs (classes, spread, generators), so the script stays self-contained.
 * Any error rejects, and so fails the build: never ship what did not lower.
 */
export async function lowerToEs5(bundled: string): Promise<string> {
  const output = await transform(bundled, {
    isModule: false,
    sourceMaps: false,
    minify: true,
    jsc: {
      target: "es5",
      parser: { syntax: "ecmascript" },
      externalHelpers: false,
      loose: false,
      minify: { compress: { passes: 2 }, mangle: true },
    },
  });
  return output.code;
}
