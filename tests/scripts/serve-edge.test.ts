/**
 * The pieces of `npm run serve`'s edge that stand in for Cloudflare (scripts/serve/edge/),
 * in plain Node: which file answers a path (Cloudflare's auto-trailing-slash), the
 * `_headers` file, `run_worker_first` patterns, the peer address workerd reports, and the
 * workerd config's text literals.
 */
import { describe, expect, it } from "vitest";
import { byteRange, rangeStillApplies } from "../../scripts/serve/edge/byte-range";
import { decodePath, resolveAsset } from "../../scripts/serve/edge/html-handling";
import { compileRunWorkerFirst, runsWorkerFirst } from "../../scripts/serve/edge/path-pattern";
import { peerAddress } from "../../scripts/serve/edge/peer-address";
import { parseHeadersFile } from "../../scripts/serve/headers-file";
import { workerdConfig } from "../../scripts/serve/workerd-config";
import { isIpAddress } from "../../shared/net/client-address";

const FILES = new Set([
  "/index.html",
  "/display/index.html",
  "/display/app.js",
  "/about.html",
  "/ticket/sw.js",
]);
const exists = (file: string) => FILES.has(file);

describe("which built file answers a path (auto-trailing-slash, as Cloudflare's assets)", () => {
  it.each([
    ["/", { kind: "file", file: "/index.html" }],
    ["/display/", { kind: "file", file: "/display/index.html" }],
    ["/display", { kind: "redirect", location: "/display/" }],
    ["/display/index.html", { kind: "redirect", location: "/display/" }],
    ["/index.html", { kind: "redirect", location: "/" }],
    ["/about", { kind: "file", file: "/about.html" }],
    ["/about.html", { kind: "redirect", location: "/about" }],
    ["/about/", { kind: "redirect", location: "/about" }],
    ["/display/app.js", { kind: "file", file: "/display/app.js" }],
    ["/api/offices/x", { kind: "none" }],
    ["/t/office/token", { kind: "none" }],
  ])("%s", (path, intent) => {
    expect(resolveAsset(path, exists)).toEqual(intent);
  });

  it("decodes each segment and folds repeated slashes, as file names are written", () => {
    expect(decodePath("//display/%61pp.js")).toBe("/display/app.js");
    expect(decodePath("/bad%zz")).toBe("/bad%zz");
  });
});

describe("the _headers file", () => {
  it("reads rules, joins a header given twice, and removes with !", () => {
    expect(
      parseHeadersFile(
        "# comment\n/*\n  X-Frame-Options: DENY\n  Link: </a>\n  link: </b>\n/api/docs/*\n  ! X-Frame-Options\n",
      ),
    ).toEqual([
      { pattern: "/*", set: { "x-frame-options": "DENY", link: "</a>, </b>" }, unset: [] },
      { pattern: "/api/docs/*", set: {}, unset: ["x-frame-options"] },
    ]);
  });

  it("refuses what Cloudflare would skip with a warning, rather than serve a page without its CSP", () => {
    expect(() => parseHeadersFile("  X-Frame-Options: DENY\n")).toThrow(/path must come before/);
    expect(() => parseHeadersFile("/*\n  Content Security Policy: x\n")).toThrow(/name: value/);
  });
});

describe("run_worker_first", () => {
  const { include, exclude } = compileRunWorkerFirst(["/api/*", "/t/*", "!/api/docs/*"]);

  it.each([
    ["/api/offices/x", true],
    ["/t/office/token", true],
    ["/api/docs/index.html", false],
    ["/display/", false],
    ["/api", false],
  ])("%s → %s", (path, worker) => {
    expect(runsWorkerFirst(path, include, exclude)).toBe(worker);
  });
});

describe("the connection's address from workerd's request.cf.clientIp", () => {
  it.each([
    ["192.0.2.7:51234", "192.0.2.7"],
    ["[2001:db8::7]:51234", "2001:db8::7"],
    ["192.0.2.7", "192.0.2.7"],
    [undefined, "unknown"],
    ["", "unknown"],
  ])("%s → %s", (clientIp, address) => {
    expect(peerAddress(clientIp)).toBe(address);
  });

  it("takes only addresses as addresses", () => {
    expect(["192.0.2.7", "::1", "2001:db8::7", "::ffff:192.0.2.7"].every(isIpAddress)).toBe(true);
    expect(["256.0.0.1", "proxy.local", "[::1]", "1.2.3", ""].some(isIpAddress)).toBe(false);
  });
});

describe("the workerd config", () => {
  it("writes secrets by name only and escapes text as Cap'n Proto reads it", () => {
    const config = workerdConfig({
      settings: {
        name: "turno",
        compatibilityDate: "2026-08-01",
        compatibilityFlags: ["nodejs_compat"],
        durableObjects: [{ binding: "Office", className: "Office", sqlite: true }],
        assets: { directory: "/srv/public", binding: "ASSETS", runWorkerFirst: ["/api/*"] },
        migrationTags: ["v1"],
        vars: {},
      },
      durableObjectsDir: "/srv/state/durable-objects",
      publicDir: "/srv/public",
      address: "*:8443",
      tls: null,
      edge: { runWorkerFirst: ["/api/*"], trustedProxies: [], assetsBinding: "ASSETS" },
      manifest: { files: {}, headerRules: [] },
      fromEnvironment: ["TURNO_SETUP_TOKEN"],
      text: { TURNO_LAN: "1", GREETING: 'say "hi"\n' },
    });
    expect(config).toContain('(name = "TURNO_SETUP_TOKEN", fromEnvironment = "TURNO_SETUP_TOKEN")');
    expect(config).toContain('(name = "GREETING", text = "say \\"hi\\"\\n")');
    expect(config).toContain(
      '(className = "Office", uniqueKey = "turno-Office", enableSql = true)',
    );
    expect(config).toContain('address = "*:8443", http = ()');
  });
});

describe("a Range header on a built file (RFC 9110: one range served, else the whole file)", () => {
  it.each([
    ["bytes=0-99", 1000, { start: 0, end: 99 }],
    ["bytes=100-", 1000, { start: 100, end: 999 }],
    ["bytes=-100", 1000, { start: 900, end: 999 }],
    ["bytes=-5000", 1000, { start: 0, end: 999 }],
    ["bytes=990-2000", 1000, { start: 990, end: 999 }],
    [" bytes=5-5 ", 1000, { start: 5, end: 5 }],
    ["bytes=1000-", 1000, "unsatisfiable"],
    ["bytes=-0", 1000, "unsatisfiable"],
    ["bytes=0-", 0, "unsatisfiable"],
    ["bytes=9-3", 1000, null],
    ["bytes=0-1,5-9", 1000, null],
    ["items=0-9", 1000, null],
    ["bytes=-", 1000, null],
    ["bytes=a-9", 1000, null],
    [null, 1000, null],
  ] as const)("%s of %i bytes → %j", (header, size, expected) => {
    expect(byteRange(header, size)).toEqual(expected);
  });

  it("holds under If-Range only for the ETag the client has", () => {
    expect(rangeStillApplies(null, '"abc"')).toBe(true);
    expect(rangeStillApplies('"abc"', '"abc"')).toBe(true);
    expect(rangeStillApplies('"old"', '"abc"')).toBe(false);
    expect(rangeStillApplies("Sun, 06 Dec 2026 10:00:00 GMT", '"abc"')).toBe(false);
  });
});
