import { createContext, runInContext } from "node:vm";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * shared/client/polyfills.ts run in a fresh JavaScript realm from which the
 * functions it stands in for were taken away, as on Chromium 47 (the TVs),
 * Chromium 64 and Safari 12 (the tablets). It caught Object.hasOwn's polyfill
 * calling itself: a stack overflow on the first call.
 */
let polyfillScript = "";

beforeAll(async () => {
  const result = await esbuild.build({
    entryPoints: ["shared/client/polyfills.ts"],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2015",
    logLevel: "silent",
  });
  polyfillScript = result.outputFiles[0]?.text ?? "";
});

const REMOVE_NATIVES = `
  delete Object.hasOwn; delete Object.values; delete Object.entries; delete Object.fromEntries;
  delete Array.prototype.flat; delete Array.prototype.flatMap; delete String.prototype.padStart;
  delete globalThis.queueMicrotask;
  // Safari 12: EventTarget exists but cannot be constructed or extended.
  globalThis.EventTarget = function EventTarget() { throw new TypeError("Illegal constructor"); };
  globalThis.Event = function Event(type) { this.type = type; this.defaultPrevented = false; };
`;

/** A realm whose global is also `window`, as in a page, stripped of the natives, then polyfilled. */
function oldEngineRealm(): Record<string, unknown> {
  const realm = createContext({ setTimeout, console });
  runInContext("var window = this; var self = undefined;", realm);
  runInContext(REMOVE_NATIVES, realm);
  runInContext(polyfillScript, realm);
  return realm;
}

function run<T>(realm: Record<string, unknown>, code: string): T {
  return runInContext(code, realm) as T;
}

describe("The polyfills on an engine without the natives", () => {
  it("install every missing function, none of which calls the one it replaces.", () => {
    const realm = oldEngineRealm();
    const missing = run<string[]>(
      realm,
      `["hasOwn", "values", "entries", "fromEntries"].filter(function (n) { return typeof Object[n] !== "function"; })
        .concat(["flat", "flatMap"].filter(function (n) { return typeof Array.prototype[n] !== "function"; }))
        .concat(typeof "".padStart === "function" ? [] : ["padStart"])
        .concat(typeof queueMicrotask === "function" ? [] : ["queueMicrotask"])`,
    );
    expect(missing).toEqual([]);
  });

  it("Object.hasOwn tells own keys from inherited ones (no stack overflow).", () => {
    const realm = oldEngineRealm();
    expect(
      run(
        realm,
        `var o = Object.create({ inherited: 1 }); o.own = 2;
         [Object.hasOwn(o, "own"), Object.hasOwn(o, "inherited"), Object.hasOwn(o, "none")]`,
      ),
    ).toEqual([true, false, false]);
  });

  it("Object.values, entries and fromEntries, flat and flatMap, padStart give the built-ins' answers.", () => {
    const realm = oldEngineRealm();
    const answers = run<unknown>(
      realm,
      `JSON.stringify([
        Object.values({ a: 1, b: "x" }),
        Object.entries({ a: 1 }),
        Object.fromEntries([["a", 1], ["b", 2]]),
        [1, [2, [3, [4]]]].flat(),
        [1, [2, [3, [4]]]].flat(2),
        [1, 2].flatMap(function (n) { return [n, n * 10]; }),
        "7".padStart(3, "0"), "1234".padStart(3, "0"),
        Object.keys([].concat([1])).length, (function () { var k = []; for (var key in [1]) k.push(key); return k; })()
      ])`,
    );
    expect(JSON.parse(answers as string)).toEqual([
      [1, "x"],
      [["a", 1]],
      { a: 1, b: 2 },
      [1, 2, [3, [4]]],
      [1, 2, 3, [4]],
      [1, 10, 2, 20],
      "007",
      "1234",
      1,
      ["0"], // "flat" and "flatMap" are not enumerable
    ]);
  });

  it("globalThis is the page's global, and queueMicrotask runs its callback before the next task.", async () => {
    const realm = oldEngineRealm();
    expect(run(realm, "globalThis === window")).toBe(true);
    const order = run<Promise<string[]>>(
      realm,
      `new Promise(function (resolve) {
        var seen = [];
        setTimeout(function () { seen.push("task"); resolve(seen); }, 0);
        queueMicrotask(function () { seen.push("microtask"); });
      })`,
    );
    expect(await order).toEqual(["microtask", "task"]);
  });

  it("A class can extend the replaced EventTarget, as partysocket's socket does, and its listeners run in order.", () => {
    const realm = oldEngineRealm();
    const heard = run<string[]>(
      realm,
      `var Socket = class extends EventTarget {};
       var socket = new Socket(), heard = [];
       var first = function (e) { heard.push("first:" + e.type); };
       socket.addEventListener("open", first);
       socket.addEventListener("open", first); // a listener registered twice runs once
       socket.addEventListener("open", { handleEvent: function (e) { heard.push("object:" + e.type); } });
       socket.dispatchEvent(new Event("open"));
       socket.removeEventListener("open", first);
       socket.dispatchEvent(new Event("open"));
       heard`,
    );
    expect(heard).toEqual(["first:open", "object:open", "object:open"]);
  });

  it("leaves a modern engine's own functions alone.", () => {
    const realm = createContext({ EventTarget, Event });
    runInContext("var window = this;", realm);
    const before = run<unknown[]>(
      realm,
      "[Object.hasOwn, Object.fromEntries, Array.prototype.flat, EventTarget]",
    );
    runInContext(polyfillScript, realm);
    const after = run<unknown[]>(
      realm,
      "[Object.hasOwn, Object.fromEntries, Array.prototype.flat, EventTarget]",
    );
    expect(after).toEqual(before);
  });
});
