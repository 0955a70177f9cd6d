import { SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rawLiveUpgrade } from "./auth-helpers";
import {
  type ApiResult,
  api,
  closeAllSockets,
  createOffice,
  expectError,
  getOffice,
  issueTicket,
  LiveSocket,
  ORIGIN,
  signedIn,
  testOfficeConfig,
} from "./helpers";

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

afterEach(closeAllSockets);

/** The CSP as directive → sources. */
function policy(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function expectSecurityHeaders(headers: Headers, what: string): void {
  const csp = policy(headers.get("content-security-policy"));
  expect(csp.size, `${what}: a CSP`).toBeGreaterThan(0);
  const scripts = csp.get("script-src") ?? csp.get("default-src");
  expect(scripts, `${what}: script-src`).toEqual(["'self'"]);
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'none'"]);
  for (const [directive, sources] of csp) {
    if (directive === "style-src") continue; // Preact's style attributes.
    expect(sources, `${what}: ${directive}`).not.toContain("'unsafe-inline'");
    expect(sources, `${what}: ${directive}`).not.toContain("'unsafe-eval'");
  }
  expect(headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(headers.get("referrer-policy"), what).toBe("same-origin");
  expect(headers.get("x-frame-options"), what).toBe("DENY");
}

const crossSite = { "sec-fetch-site": "cross-site" };

describe("Security headers", () => {
  it("Every API answer carries the CSP without inline scripts, nosniff, a same-origin referrer policy and frame-ancestors 'none': successes, errors, unknown routes, refusals.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const answers: [string, ApiResult][] = [
      ["health", await api("GET", "/health")],
      ["office view", await api("GET", `/offices/${officeId}`, { as: "anonymous" })],
      ["unknown office", await api("GET", "/offices/no-such-office", { as: "anonymous" })],
      ["unknown route", await api("GET", "/no/such/route", { as: "anonymous" })],
      ["me", await api("GET", "/auth/me", { as: clerk.as })],
      ["not signed in", await api("GET", "/auth/me", { as: "anonymous" })],
      ["forbidden", await api("GET", `/offices/${officeId}/audit`, { as: clerk.as })],
      ["malformed body", await api("POST", "/auth/login", { as: "anonymous", rawBody: "{nope" })],
      [
        "cross-site",
        await api("POST", "/auth/logout", { as: clerk.as, headers: crossSite, body: {} }),
      ],
      ["openapi", await api("GET", "/openapi.json")],
      [
        "live without upgrade",
        await api("GET", `/offices/${officeId}/live?v=1&role=display`, { as: "anonymous" }),
      ],
    ];
    for (const [what, answer] of answers) expectSecurityHeaders(answer.headers, what);
    expect(answers.map(([what, answer]) => [what, answer.status])).toEqual([
      ["health", 200],
      ["office view", 200],
      ["unknown office", 404],
      ["unknown route", 404],
      ["me", 200],
      ["not signed in", 401],
      ["forbidden", 403],
      ["malformed body", 400],
      ["cross-site", 403],
      ["openapi", 200],
      ["live without upgrade", 426],
    ]);
  });

  it("A ticket's page, whose address carries the ticket's token, is served with a same-origin referrer policy (the token never reaches another site) and the same CSP.", async () => {
    const officeId = await createOffice();
    const { token } = await issueTicket(officeId);
    // The ticket link is the Worker's (run_worker_first), which serves the ticket app there.
    const answer = await SELF.fetch(`${ORIGIN}/t/${officeId}/${token}`);
    await answer.body?.cancel();
    expect(answer.status).toBeLessThan(500);
    expectSecurityHeaders(answer.headers, "ticket page");
  });
});

describe("Cross-site requests", () => {
  it("A cookie-authenticated POST the browser marks cross-site (or same-site) is 403 cross_site_request and changes nothing.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    for (const site of ["cross-site", "same-site"]) {
      expectError(
        await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
          as: clerk.as,
          headers: { "sec-fetch-site": site, origin: "https://evil.example" },
        }),
        403,
        "cross_site_request",
      );
    }
    // A forged sign-out does not sign anyone out.
    expectError(
      await api("POST", "/auth/logout", { as: clerk.as, headers: crossSite, body: {} }),
      403,
      "cross_site_request",
    );
    expect((await api("GET", "/auth/me", { as: clerk.as })).status).toBe(200);
    const office = await getOffice(officeId);
    expect(office.queue).toHaveLength(1);
    expect(office.counters.every((counter) => counter.ticket === null)).toBe(true);
  });

  it("Without Sec-Fetch-Site, a foreign Origin (or the opaque 'null') is refused the same way, and nothing changes.", async () => {
    const officeId = await createOffice();
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    for (const origin of [
      "https://evil.example",
      "null",
      "http://example.com:8080",
      "https://example.com",
    ]) {
      expectError(
        await api("PATCH", `/accounts/${clerk.accountId}`, {
          as: admin.as,
          headers: { origin },
          body: { disabled: true },
        }),
        403,
        "cross_site_request",
      );
    }
    // A forged sign-in (login CSRF) is refused before any password is checked.
    expectError(
      await api("POST", "/auth/login", {
        as: "anonymous",
        headers: { origin: "https://evil.example" },
        body: { username: clerk.username, password: "whatever it is" },
      }),
      403,
      "cross_site_request",
    );
    expect((await api("GET", "/auth/me", { as: clerk.as })).status).toBe(200);
  });

  it("An old engine's own page (no Sec-Fetch-Site, Origin 'null' under a hidden referrer) passes when it marks the request as Turno's, and only then: an unmarked one with the session cookie, as a sandboxed attacker frame sends it (JSON or a form's text/plain), is refused and changes nothing.", async () => {
    const officeId = await createOffice(testOfficeConfig({ frontCounters: 2 }));
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    await issueTicket(officeId);
    const unmarked: Record<string, string>[] = [
      { origin: "null" },
      { origin: "null", "content-type": "text/plain" },
      { origin: "null", "x-turno-client": "yes" },
    ];
    for (const headers of unmarked) {
      expectError(
        await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
          as: clerk.as,
          headers,
          body: {},
        }),
        403,
        "cross_site_request",
      );
    }
    let office = await getOffice(officeId);
    expect(office.counters.every((counter) => counter.ticket === null)).toBe(true);
    // What Chromium 64 sends from Turno's own page: Origin null, the page's marker.
    for (const origin of ["null", undefined]) {
      const desk = origin ? "desk-1" : "desk-2";
      const called = await api("POST", `/offices/${officeId}/counters/${desk}/call-next`, {
        as: clerk.as,
        headers: { "x-turno-client": "1", ...(origin ? { origin } : {}) },
      });
      expect(called.status, JSON.stringify(called.body)).toBe(200);
    }
    office = await getOffice(officeId);
    expect(office.counters.filter((counter) => counter.ticket !== null)).toHaveLength(2);
    // The marker does not override what a modern browser says: cross-site stays refused.
    expectError(
      await api("POST", "/auth/logout", {
        as: clerk.as,
        headers: { ...crossSite, "x-turno-client": "1" },
        body: {},
      }),
      403,
      "cross_site_request",
    );
  });

  it("A request that carries no Turno cookie needs no marker, whatever its Origin: it acts with no ambient credentials (a device's first pairing from an old TV, curl, an integration).", async () => {
    const officeId = await createOffice();
    const unmarked: Record<string, string>[] = [{ origin: "null" }, {}];
    for (const headers of unmarked) {
      const answer = await api("POST", "/auth/login", {
        as: "anonymous",
        headers,
        body: { username: "nobody-here", password: "not the password at all" },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(401);
    }
    const issued = await api("POST", `/offices/${officeId}/tickets`, {
      as: "operator",
      headers: { origin: "null" },
      body: { serviceId: "general" },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  });

  it("Requests from Turno's own pages pass: Sec-Fetch-Site same-origin or none, or an Origin equal to the API's.", async () => {
    const officeId = await createOffice(testOfficeConfig({ frontCounters: 3 }));
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    for (let index = 0; index < 3; index++) await issueTicket(officeId);
    let desk = 0;
    const ownPages: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin", origin: ORIGIN },
      { "sec-fetch-site": "none" },
      { origin: ORIGIN },
    ];
    for (const headers of ownPages) {
      desk++;
      const called = await api("POST", `/offices/${officeId}/counters/desk-${desk}/call-next`, {
        as: clerk.as,
        headers,
      });
      expect(called.status, `${JSON.stringify(headers)}: ${JSON.stringify(called.body)}`).toBe(200);
    }
  });

  it("A live socket opened from another site is refused with 403 cross_site_request, even with a valid cookie; from Turno's own page it opens.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    for (const headers of [{ origin: "https://evil.example" }, crossSite, { origin: "null" }]) {
      const refused = await rawLiveUpgrade(officeId, "v=1&role=counter", {
        cookie: clerk.cookie,
        ...headers,
      });
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.webSocket).toBeNull();
      const body = (await refused.json()) as { error: { code: string } };
      expect(body.error.code).toBe("cross_site_request");
    }
    const own = await rawLiveUpgrade(officeId, "v=1&role=counter", {
      cookie: clerk.cookie,
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
    });
    expect(own.status).toBe(101);
    own.webSocket?.accept();
    own.webSocket?.close(1000, "test done");
    // And the normal helper still works, for good measure.
    const socket = await LiveSocket.open(officeId, "v=1&role=counter", clerk.as);
    await socket.next("snapshot");
  });
});
