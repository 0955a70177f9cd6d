import { describe, expect, it, vi } from "vitest";
import { WINDOW_MS } from "../../worker/auth/login-limits";
import {
  cookieAttributes,
  from,
  login,
  newAccount,
  newAddress,
  newPairingCode,
  setCookieLine,
} from "./auth-helpers";
import {
  type ApiResult,
  api,
  createOffice,
  expectError,
  getOffice,
  pairedDevice,
  sessionCookieFrom,
  signedIn,
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

/** The `turno_place=…` pair a sign-in's answer set: the browser's place (issue 13, point 8). */
function placeCookieOf(answer: ApiResult): string {
  return setCookieLine(answer.headers, "turno_place").split(";")[0]!;
}

/** POST /api/auth/login from an address, by the browser holding `placeCookie`. */
function loginAt(
  username: string,
  password: string,
  address: string,
  placeCookie: string,
): Promise<ApiResult> {
  return api("POST", "/auth/login", {
    as: { cookie: placeCookie },
    body: { username, password },
    headers: from(address),
  });
}

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

  it("Guesses spread over many addresses cannot lock a clerk out of the browser they signed in from: new places are throttled, the clerk's own browser still gets in.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const desk = newAddress();
    const first = await login(username, TEST_PASSWORD, desk);
    expect(first.status).toBe(200);
    const deskPlace = placeCookieOf(first);

    const answers: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      answers.push((await login(username, `guess number ${attempt}`, newAddress())).status);
    }
    // Ten wrong passwords from places the account never used; then those places are held off.
    expect(answers).toEqual([...Array(10).fill(401), 429, 429]);
    expectRetryAfter(
      await login(username, TEST_PASSWORD, newAddress()),
      "too_many_attempts",
      WINDOW_SECONDS,
    );

    const atDesk = await loginAt(username, TEST_PASSWORD, desk, deskPlace);
    expect(atDesk.status, JSON.stringify(atDesk.body)).toBe(200);
    expect(atDesk.headers.getSetCookie().some((c) => c.startsWith("turno_session="))).toBe(true);
  }, 40_000);

  it("A guest Wi-Fi sharing the office's address cannot lock the clerk out (issue 13, points 1 and 8): 12 wrong passwords from the desk's own address hold off the guessers, not the clerk's browser.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const officeAddress = newAddress();
    const first = await login(username, TEST_PASSWORD, officeAddress);
    expect(first.status).toBe(200);
    const deskPlace = placeCookieOf(first);
    const place = cookieAttributes(setCookieLine(first.headers, "turno_place"));
    expect(place).toMatchObject({ path: "/", httponly: "", samesite: "Strict" });
    expect(Number(place["max-age"])).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);

    const guesses: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++)
      guesses.push((await login(username, `guest guess ${attempt}`, officeAddress)).status);
    expect(guesses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);

    const clerk = await loginAt(username, TEST_PASSWORD, officeAddress, deskPlace);
    expect(clerk.status, JSON.stringify(clerk.body)).toBe(200);
  }, 40_000);

  it("At a known place wrong passwords are still limited, for that place alone: five, then 429 there, while another browser the account knows still gets in.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const address = newAddress();
    const deskPlace = placeCookieOf(await login(username, TEST_PASSWORD, address));
    const counterPlace = placeCookieOf(await login(username, TEST_PASSWORD, address));
    for (let attempt = 1; attempt <= 5; attempt++)
      expect((await loginAt(username, `mistyped ${attempt}`, address, deskPlace)).status).toBe(401);
    expectRetryAfter(
      await loginAt(username, TEST_PASSWORD, address, deskPlace),
      "too_many_attempts",
      WINDOW_SECONDS,
    );
    expect((await loginAt(username, TEST_PASSWORD, address, counterPlace)).status).toBe(200);
  }, 40_000);

  it("Addresses in one IPv6 /64 count as one: five wrong passwords from five of its addresses hold off a sixth, and another /64 still gets in.", async () => {
    const officeId = await createOffice();
    const { username } = await newAccount([{ office: officeId, role: "clerk" }]);
    const bytes = crypto.getRandomValues(new Uint16Array(2));
    const prefix = `2001:db8:${bytes[0]!.toString(16)}:${bytes[1]!.toString(16)}`;
    for (let attempt = 1; attempt <= 5; attempt++)
      expect((await login(username, `v6 guess ${attempt}`, `${prefix}::${attempt}`)).status).toBe(
        401,
      );
    expectRetryAfter(
      await login(username, TEST_PASSWORD, `${prefix}:0:0:0:abcd`),
      "too_many_attempts",
      WINDOW_SECONDS,
    );
    expect(
      (await login(username, TEST_PASSWORD, `2001:db8:ffff:${bytes[1]!.toString(16)}::1`)).status,
    ).toBe(200);
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

describe("Guessing the current password", () => {
  it("Changing one's password allows five wrong current passwords in the window: the sixth try is 429 with Retry-After, even with the right one, and the password is unchanged.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const change = (currentPassword: string) =>
      api("POST", "/auth/password", {
        as: clerk.as,
        body: { currentPassword, newPassword: "a brand new passphrase" },
      });
    for (let attempt = 1; attempt <= 5; attempt++)
      expectError(await change(`not it ${attempt}`), 403, "wrong_password");
    expectRetryAfter(await change(TEST_PASSWORD), "too_many_attempts", WINDOW_SECONDS);
    expect((await login(clerk.username, TEST_PASSWORD, newAddress())).status).toBe(200);
  }, 30_000);

  it("A right current password does not count against the limit: after four wrong ones and a change, the next change still goes through.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    for (let attempt = 1; attempt <= 4; attempt++)
      expectError(
        await api("POST", "/auth/password", {
          as: clerk.as,
          body: { currentPassword: `nope ${attempt}`, newPassword: "first new passphrase" },
        }),
        403,
        "wrong_password",
      );
    const changed = await api("POST", "/auth/password", {
      as: clerk.as,
      body: { currentPassword: TEST_PASSWORD, newPassword: "first new passphrase" },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const again = await api("POST", "/auth/password", {
      as: { cookie: sessionCookieFrom(changed.headers) },
      body: { currentPassword: "first new passphrase", newPassword: "second new passphrase" },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  }, 30_000);
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
