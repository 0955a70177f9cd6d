/**
 * The few runtime functions the display's code (and the shared engine it
 * bundles) uses that Chromium 47 (Samsung Tizen 2017) lacks. TypeScript lowers
 * syntax to ES5 but adds no library functions. Imported first by main.tsx;
 * each one is installed only where the browser does not have it.
 *   Object.values / Object.entries: Chrome 54 (shared/engine uses Object.values)
 *   String.prototype.padStart: Chrome 57 (shared/engine/codes.ts)
 *   queueMicrotask: Chrome 71 (Preact 11 schedules its renders with it)
 *   Object.hasOwn: Chrome 93 (Biome's autofix writes it for hasOwnProperty calls)
 */
interface ObjectWithValues {
  values?: (object: object) => unknown[];
  entries?: (object: object) => [string, unknown][];
  hasOwn?: (object: object, key: PropertyKey) => boolean;
}

const objectFunctions = Object as unknown as ObjectWithValues;

if (typeof objectFunctions.values !== "function") {
  objectFunctions.values = (object) =>
    Object.keys(object).map((key) => (object as Record<string, unknown>)[key]);
}

if (typeof objectFunctions.entries !== "function") {
  objectFunctions.entries = (object) =>
    Object.keys(object).map((key): [string, unknown] => [
      key,
      (object as Record<string, unknown>)[key],
    ]);
}

if (typeof objectFunctions.hasOwn !== "function") {
  objectFunctions.hasOwn = (object, key) => Object.hasOwn(object, key);
}

interface StringWithPadStart {
  padStart?: (length: number, fill?: string) => string;
}

const stringMethods = String.prototype as unknown as StringWithPadStart;

if (typeof stringMethods.padStart !== "function") {
  stringMethods.padStart = function padStart(this: string, length: number, fill = " ") {
    const text = String(this);
    const needed = length - text.length;
    if (needed <= 0 || !fill) return text;
    let filler = fill;
    while (filler.length < needed) filler += fill;
    return filler.slice(0, needed) + text;
  };
}

interface WindowWithMicrotask {
  queueMicrotask?: (callback: () => void) => void;
}

const scope = window as unknown as WindowWithMicrotask;

if (typeof scope.queueMicrotask !== "function") {
  scope.queueMicrotask = (callback) => {
    Promise.resolve().then(callback);
  };
}
