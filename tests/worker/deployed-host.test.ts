/**
 * A deployed Turno (no TURNO_LAN: `wrangler deploy`) never speaks plain http and never
 * sets a cookie without Secure (issue 13, point 7); only a Turno started on the office's
 * network by `npm start` (TURNO_LAN=1, as the rest of these tests run) does. And no answer
 * that carries someone's data or session may be stored by a browser or proxy (point 10).
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { cookieAttributes, newAccount, setCookieLine } from "./auth-helpers";
import {
  api,
  createOffice,
  expectError,
  issueTicket,
  pairedDevice,
  TEST_PASSWORD,
} from "./helpers";

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

/** A request to the Worker as deployed: the same bindings without TURNO_LAN. */
async function deployed(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const request = new Request(url, {
    method: init.method ?? "GET",
    headers: {
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, TURNO_LAN: undefined }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("A deployed host", () => {
  it("sends a plain-http read to https (308, same path and query) and refuses a plain-http write (403 https_required) before it signs anyone in.", async () => {
    const read = await deployed("http://turno.example.org/api/offices/x?y=1");
    expect(read.status).toBe(308);
    expect(read.headers.get("location")).toBe("https://turno.example.org/api/offices/x?y=1");
    const ticketPage = await deployed("http://turno.example.org/t/office/token");
    expect(ticketPage.status).toBe(308);

    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const write = await deployed("http://turno.example.org/api/auth/login", {
      method: "POST",
      body: { username, password: TEST_PASSWORD },
    });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe("https_required");
    expect(write.headers.getSetCookie()).toEqual([]);
  });

  it("sets the session cookie with Secure and the __Host- prefix, and a device's cookie with Secure, whatever the host's name.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const signedIn = await deployed("https://192.168.1.10/api/auth/login", {
      method: "POST",
      body: { username, password: TEST_PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    const session = cookieAttributes(setCookieLine(signedIn.headers, "__Host-turno_session"));
    expect(session).toMatchObject({ secure: "", path: "/", httponly: "", samesite: "Strict" });

    const code = await api<{ code: string }>("POST", `/offices/${officeId}/pairing-codes`, {
      body: { role: "kiosk", name: "Hall kiosk" },
    });
    const paired = await deployed(`https://192.168.1.10/api/offices/${officeId}/devices/pair`, {
      method: "POST",
      body: { code: code.body.code },
    });
    expect(paired.status).toBe(200);
    expect(cookieAttributes(setCookieLine(paired.headers, "turno_kiosk"))).toHaveProperty("secure");
  });

  it("on the office's network (TURNO_LAN=1) plain http is served and the LAN cookie has no Secure, as before.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const signedIn = await api("POST", "/auth/login", {
      as: "anonymous",
      body: { username, password: TEST_PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    expect(cookieAttributes(setCookieLine(signedIn.headers, "turno_session"))).not.toHaveProperty(
      "secure",
    );
  });
});

describe("Answers with personal or session data", () => {
  it("carry Cache-Control: no-store: a ticket, the accounts, devices, audit, today's figures, the CSV, who is signed in, and errors.", async () => {
    const officeId = await createOffice();
    const { token } = await issueTicket(officeId);
    await pairedDevice(officeId);
    const answers = {
      ticket: await api("GET", `/offices/${officeId}/tickets/${token}`, { as: "anonymous" }),
      issued: await api("POST", `/offices/${officeId}/tickets`, { body: { serviceId: "general" } }),
      accounts: await api("GET", "/accounts"),
      devices: await api("GET", `/offices/${officeId}/devices`),
      audit: await api("GET", `/offices/${officeId}/audit`),
      today: await api("GET", `/offices/${officeId}/today`),
      csv: await api(
        "GET",
        `/offices/${officeId}/reports/tickets.csv?from=2026-01-01&to=2026-01-02`,
      ),
      office: await api("GET", `/offices/${officeId}`),
      me: await api("GET", "/auth/me", { as: "anonymous" }),
    };
    expectError(answers.me, 401, "not_signed_in");
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
      expect(answer.headers.get("cache-control"), name).toBe("no-store");
    }
  });
});
