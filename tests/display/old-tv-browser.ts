/**
 * An init script for browser tests (page.addInitScript) that takes away the
 * functions Chromium 47 (Samsung Tizen 2017) lacks, so a modern Chromium
 * behaves like an old TV where it matters: the display must still render,
 * follow calls and announce them. It caught Object.hasOwn, written by Biome's
 * autofix into the frame check, silently dropping every event frame.
 * Syntax is covered by the build (ES5 + es-check); this covers the runtime.
 */
export const OLD_TV_BROWSER = `(function () {
  function drop(owner, key) { try { delete owner[key]; } catch (e) {} }
  drop(Object, "values"); drop(Object, "entries"); drop(Object, "fromEntries"); drop(Object, "hasOwn");
  drop(String.prototype, "padStart"); drop(String.prototype, "padEnd"); drop(String.prototype, "replaceAll");
  drop(String.prototype, "trimStart"); drop(String.prototype, "trimEnd");
  drop(Array.prototype, "flat"); drop(Array.prototype, "flatMap"); drop(Array.prototype, "at");
  drop(Intl.DateTimeFormat.prototype, "formatToParts");
  drop(Promise.prototype, "finally"); drop(Promise, "allSettled");
  drop(window, "queueMicrotask"); drop(window, "structuredClone"); drop(window, "URLSearchParams");
  drop(window, "AbortController"); drop(window, "requestIdleCallback"); drop(window, "ResizeObserver");
  drop(window, "IntersectionObserver");
})();`;
