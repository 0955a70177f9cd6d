/**
 * The runtime functions Turno's apps (and the shared engine, Preact, zod and
 * partysocket they bundle) call that the oldest engines they support lack.
 * The build lowers syntax (README, "Browsers"); it adds no library functions.
 * Each app imports this first; each function is installed only where the
 * browser does not have it, and each is written without the function it
 * stands in for.
 *   Chromium 47 (Samsung Tizen 2017 TVs; the display):
 *     Object.values / Object.entries: Chrome 54; String.prototype.padStart: Chrome 57
 *   Chromium 64 (2018 tablets and TVs) and Safari 12 (iOS 12 iPads; the kiosk, counter, ticket page):
 *     globalThis: Chrome 71, Safari 12.1 (zod, partysocket)
 *     queueMicrotask: Chrome 71, Safari 12.1 (Preact 11 schedules its renders with it)
 *     Object.fromEntries: Chrome 73, Safari 12.1; Array.prototype.flat / flatMap: Chrome 69 (zod)
 *     a constructible EventTarget: Safari 14 (partysocket's socket extends it)
 *   Object.hasOwn: Chrome 93, Safari 15.4 (Biome's autofix writes it for hasOwnProperty calls)
 */
type AnyFunction = (...args: never[]) => unknown;

const scope: Record<string, unknown> =
  typeof self !== "undefined"
    ? (self as unknown as Record<string, unknown>)
    : (window as unknown as Record<string, unknown>);

function install(owner: object, name: string, value: AnyFunction): void {
  const target = owner as Record<string, unknown>;
  if (typeof target[name] === "function") return;
  // Not enumerable, like the built-ins: a for…in over an array must not see "flat".
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
}

if (typeof scope.globalThis === "undefined") {
  Object.defineProperty(scope, "globalThis", { value: scope, configurable: true, writable: true });
}

const ownPropertyCheck = Object.prototype.hasOwnProperty;

install(Object, "hasOwn", (object: object, key: PropertyKey) => ownPropertyCheck.call(object, key));

install(Object, "values", (object: object) =>
  Object.keys(object).map((key) => (object as Record<string, unknown>)[key]),
);

install(Object, "entries", (object: object) =>
  Object.keys(object).map((key): [string, unknown] => [
    key,
    (object as Record<string, unknown>)[key],
  ]),
);

install(Object, "fromEntries", (entries: Iterable<readonly [PropertyKey, unknown]>) => {
  const object: Record<PropertyKey, unknown> = {};
  for (const entry of Array.from(entries)) object[entry[0]] = entry[1];
  return object;
});

function flatten(items: readonly unknown[], depth: number, into: unknown[]): unknown[] {
  for (let index = 0; index < items.length; index++) {
    if (!(index in items)) continue; // holes are skipped, as the built-in does
    const item = items[index];
    if (depth > 0 && Array.isArray(item)) flatten(item, depth - 1, into);
    else into.push(item);
  }
  return into;
}

install(Array.prototype, "flat", function flat(this: unknown[], depth?: number) {
  return flatten(this, depth === undefined ? 1 : Number(depth), []);
});

install(
  Array.prototype,
  "flatMap",
  function flatMap(
    this: unknown[],
    map: (item: unknown, index: number, array: unknown[]) => unknown,
    thisArg?: unknown,
  ) {
    return flatten(
      this.map((item, index, array) => map.call(thisArg, item, index, array)),
      1,
      [],
    );
  },
);

install(String.prototype, "padStart", function padStart(this: string, length: number, fill = " ") {
  const text = String(this);
  const needed = length - text.length;
  if (needed <= 0 || !fill) return text;
  let filler = fill;
  while (filler.length < needed) filler += fill;
  return filler.slice(0, needed) + text;
});

install(scope, "queueMicrotask", (callback: () => void) => {
  Promise.resolve()
    .then(callback)
    .catch((error) => {
      // As the built-in: an error in the callback is reported, not swallowed, and stops nothing else.
      setTimeout(() => {
        throw error;
      });
    });
});

/** Safari before 14 has EventTarget but will not construct it (nor let a class extend it). */
function eventTargetConstructs(): boolean {
  try {
    new (scope.EventTarget as new () => EventTarget)();
    return true;
  } catch {
    return false;
  }
}

if (typeof scope.Event === "function" && !eventTargetConstructs()) {
  scope.EventTarget = createEventTarget();
}

/** A plain constructible EventTarget: listeners per type, run in order, once per registration. */
function createEventTarget(): AnyFunction {
  type Listener = EventListenerOrEventListenerObject;
  function PlainEventTarget(this: { __listeners: Record<string, Listener[]> }) {
    Object.defineProperty(this, "__listeners", { value: {} });
  }
  const prototype = PlainEventTarget.prototype as {
    addEventListener(this: unknown, type: string, listener: Listener | null): void;
    removeEventListener(this: unknown, type: string, listener: Listener | null): void;
    dispatchEvent(this: unknown, event: Event): boolean;
  };
  const listenersOf = (target: unknown, type: string): Listener[] => {
    const all = (target as { __listeners: Record<string, Listener[]> }).__listeners;
    if (!all[type]) all[type] = [];
    return all[type];
  };
  prototype.addEventListener = function addEventListener(type, listener) {
    if (!listener) return;
    const list = listenersOf(this, type);
    if (list.indexOf(listener) < 0) list.push(listener);
  };
  prototype.removeEventListener = function removeEventListener(type, listener) {
    const list = listenersOf(this, type);
    const index = listener ? list.indexOf(listener) : -1;
    if (index >= 0) list.splice(index, 1);
  };
  prototype.dispatchEvent = function dispatchEvent(event) {
    for (const listener of listenersOf(this, event.type).slice()) {
      if (typeof listener === "function") listener.call(this, event);
      else listener.handleEvent(event);
    }
    return !event.defaultPrevented;
  };
  return PlainEventTarget as unknown as AnyFunction;
}
