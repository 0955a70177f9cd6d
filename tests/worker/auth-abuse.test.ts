import { describe, expect, it, vi } from "vitest";
import { WINDOW_MS } from "../../worker/auth/login-limits";
import { from, login, newAccount, newAddress, newPairingCode } from "./auth-helpers";
import {
  type ApiResult,
  api,
  createOffice,
  expectError,
  getOffice,
  pairedDevice,
  TEST_PASSWORD,
  testOfficeConfig,
} from "./helpers";

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

/** A 429 with a Retry-After in whole seconds, at least 1 and at most `maxSeconds`. */
function expectRetryAfter(result: ApiResult, code: string, maxSeconds: number): void {
  expectError(result, 429, code);
  const seconds = Number(result.headers.get("retry-after"));
  expect(Number.isInteger(seconds), `retry-after: ${result.headers.get("retry-after")}`).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
}

const WINDOW_SECONDS = WINDOW_MS / 1000;

describe("Guessing passwords", () => {
  it("Five wrong passwords for an account from one address: the next try from there is 429 with Retry-After, even with the right password; another address still gets in.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const attacker = newAddress();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expectError(
        await login(username, `wrong password ${attempt}`, attacker),
        401,
        "invalid_credentials",
      );
    }
    expectRetryAfter(
      await login(username, TEST_PASSWORD, attacker),
      "too_many_attempts",
      WINDOW_SECONDS,
    );
    expect((await login(username, TEST_PASSWORD, newAddress())).status).toBe(200);
  }, 30_000);

  it("Guesses spread over many addresses cannot lock a clerk out of the desk they signed in from: new addresses are throttled, the usual one still gets in.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const desk = newAddress();
    expect((await login(username, TEST_PASSWORD, desk)).status).toBe(200);

    const answers: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      answers.push((await login(username, `guess number ${attempt}`, newAddress())).status);
    }
    // Ten wrong passwords from addresses the account never used; then those addresses are held off.
    expect(answers).toEqual([...Array(10).fill(401), 429, 429]);
    expectRetryAfter(
      await login(username, TEST_PASSWORD, newAddress()),
      "too_many_attempts",
      WINDOW_SECONDS,
    );

    const atDesk = await login(username, TEST_PASSWORD, desk);
    expect(atDesk.status, JSON.stringify(atDesk.body)).toBe(200);
    expect(atDesk.headers.getSetCookie().some((c) => c.startsWith("turno_session="))).toBe(true);
  }, 40_000);

  it("One address gets 30 wrong passwords in all, whatever the names: then it is held off for every account, and other addresses are not.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const sprayer = newAddress();
    for (let attempt = 1; attempt <= 30; attempt++) {
      const result = await login(
        `nobody-${attempt}-${crypto.randomUUID().slice(0, 6)}`,
        "password guess",
        sprayer,
      );
      expect(result.status, `attempt ${attempt}`).toBe(401);
    }
    expectRetryAfter(
      await login(username, TEST_PASSWORD, sprayer),
      "too_many_attempts",
      WINDOW_SECONDS,
    );
    expect((await login(username, TEST_PASSWORD, newAddress())).status).toBe(200);
  }, 90_000);
});

describe("Guessing pairing codes", () => {
  it("Ten wrong pairing codes from one address: the next try from there is 429 with Retry-After, even with the right code, which still works from elsewhere.", async () => {
    const officeId = await createOffice();
    const code = await newPairingCode(officeId, "kiosk");
    const guesser = newAddress();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expectError(
        await api("POST", `/offices/${officeId}/devices/pair`, {
          as: "anonymous",
          headers: from(guesser),
          body: { code: `ZZZZ-ZZ${attempt}` },
        }),
        404,
        "invalid_pairing_code",
      );
    }
    const held = await api("POST", `/offices/${officeId}/devices/pair`, {
      as: "anonymous",
      headers: from(guesser),
      body: { code },
    });
    expectRetryAfter(held, "too_many_attempts", WINDOW_SECONDS);
    expect(held.headers.getSetCookie()).toEqual([]);

    const elsewhere = await api("POST", `/offices/${officeId}/devices/pair`, {
      as: "anonymous",
      headers: from(newAddress()),
      body: { code },
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
  });

  it("Twenty wrong codes for one office, from any addresses, pause pairing in that office only.", async () => {
    const officeId = await createOffice();
    const otherOffice = await createOffice();
    const code = await newPairingCode(officeId, "display");
    const otherCode = await newPairingCode(otherOffice, "display");
    for (let attempt = 1; attempt <= 20; attempt++) {
      const result = await api("POST", `/offices/${officeId}/devices/pair`, {
        as: "anonymous",
        headers: from(newAddress()),
        body: { code: "WXYZ-WXYZ" },
      });
      expect(result.status, `attempt ${attempt}`).toBe(404);
    }
    expectRetryAfter(
      await api("POST", `/offices/${officeId}/devices/pair`, {
        as: "anonymous",
        headers: from(newAddress()),
        body: { code },
      }),
      "too_many_attempts",
      WINDOW_SECONDS,
    );
    const other = await api("POST", `/offices/${otherOffice}/devices/pair`, {
      as: "anonymous",
      headers: from(newAddress()),
      body: { code: otherCode },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
  });
});

describe("Issuing tickets", () => {
  it("A kiosk gets 30 tickets a minute: the 31st is 429 too_many_tickets with Retry-After and issues nothing; another kiosk of the office still gets one.", async () => {
    const officeId = await createOffice();
    const kiosk = await pairedDevice(officeId, "kiosk");
    const otherKiosk = await pairedDevice(officeId, "kiosk");
    for (let press = 1; press <= 30; press++) {
      const issued = await api("POST", `/offices/${officeId}/tickets`, {
        as: kiosk.as,
        body: { serviceId: "general" },
      });
      expect(issued.status, `press ${press}: ${JSON.stringify(issued.body)}`).toBe(201);
    }
    expectRetryAfter(
      await api("POST", `/offices/${officeId}/tickets`, {
        as: kiosk.as,
        body: { serviceId: "general" },
      }),
      "too_many_tickets",
      60,
    );
    expect((await getOffice(officeId)).queue).toHaveLength(30);
    const other = await api("POST", `/offices/${officeId}/tickets`, {
      as: otherKiosk.as,
      body: { serviceId: "general" },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
  }, 30_000);

  it("Remote tickets are refused (403 remote_tickets_disabled) unless the office allows them.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, {
        as: "anonymous",
        headers: from(newAddress()),
        body: { serviceId: "general" },
      }),
      403,
      "remote_tickets_disabled",
    );
    expect((await getOffice(officeId)).queue).toHaveLength(0);
  });

  it("Where remote tickets are allowed, one address gets 6 an hour: the 7th is 429 with Retry-After; another address still gets one.", async () => {
    const officeId = await createOffice(testOfficeConfig({ patch: { allowRemoteTickets: true } }));
    const phone = newAddress();
    for (let ticket = 1; ticket <= 6; ticket++) {
      const issued = await api<{ ticket: { channel: string } }>(
        "POST",
        `/offices/${officeId}/tickets`,
        { as: "anonymous", headers: from(phone), body: { serviceId: "general" } },
      );
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
      expect(issued.body.ticket.channel).toBe("remote");
    }
    expectRetryAfter(
      await api("POST", `/offices/${officeId}/tickets`, {
        as: "anonymous",
        headers: from(phone),
        body: { serviceId: "general" },
      }),
      "too_many_tickets",
      3600,
    );
    expect((await getOffice(officeId)).queue).toHaveLength(6);
    const otherPhone = await api("POST", `/offices/${officeId}/tickets`, {
      as: "anonymous",
      headers: from(newAddress()),
      body: { serviceId: "general" },
    });
    expect(otherPhone.status).toBe(201);
  });
});

describe("Body size", () => {
  const oversized = "x".repeat(70 * 1024);

  it("A sign-in body over 64 KB is 413 payload_too_large, declared or streamed, and counts as no attempt.", async () => {
    const address = newAddress();
    expectError(
      await api("POST", "/auth/login", {
        as: "anonymous",
        headers: from(address),
        body: { username: "someone", password: oversized },
      }),
      413,
      "payload_too_large",
    );
    // No Content-Length: the body is counted as it is read.
    const bytes = new TextEncoder().encode(
      JSON.stringify({ username: "someone", password: oversized }),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 8192)
          controller.enqueue(bytes.slice(offset, offset + 8192));
        controller.close();
      },
    });
    expectError(
      await api("POST", "/auth/login", {
        as: "anonymous",
        headers: { ...from(address), "content-type": "application/json" },
        rawBody: stream,
      }),
      413,
      "payload_too_large",
    );
  });

  it("An account body over 64 KB is 413 and creates no account.", async () => {
    const username = `big${crypto.randomUUID().slice(0, 8)}`;
    expectError(
      await api("POST", "/accounts", {
        body: { username, displayName: oversized, password: TEST_PASSWORD, grants: [] },
      }),
      413,
      "payload_too_large",
    );
    const status = await api<{ exists: boolean }>("GET", `/setup/status?username=${username}`);
    expect(status.body.exists).toBe(false);
  });
});
