import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DEVICE_TOKEN,
  deviceTokenFromHash,
  hashWithoutDeviceToken,
} from "../../shared/client/device-link";
import { createDeviceSession, pairingProblem } from "../../shared/client/device-session";
import type { HttpAnswer } from "../../shared/client/http";
import { retryAfter } from "../../shared/client/http";
import {
  formatPairingCode,
  isCompletePairingCode,
  normalizePairingCode,
  PAIRING_ALPHABET,
  PAIRING_CODE_PATTERN,
} from "../../shared/client/pairing-code";
import { DeviceToken, PAIRING_CODE_ALPHABET } from "../../shared/protocol/auth";

const TOKEN = `dvt_${"a".repeat(40)}_-9`;

describe("Pairing codes as people type them", () => {
  it("use the protocol's alphabet (copied so the display needs no zod).", () => {
    expect(PAIRING_ALPHABET).toBe(PAIRING_CODE_ALPHABET);
  });

  it("come out upper case, with the dash after four characters, never longer than eight.", () => {
    expect(formatPairingCode("abcd")).toBe("ABCD");
    expect(formatPairingCode("abcd2")).toBe("ABCD-2");
    expect(formatPairingCode(" ab cd-ef gh ")).toBe("ABCD-EFGH");
    expect(formatPairingCode("ABCD-EFGH9")).toBe("ABCD-EFGH");
    expect(formatPairingCode("ab!?cd")).toBe("ABCD");
  });

  it("are complete with eight characters of the alphabet, with or without the dash.", () => {
    expect(isCompletePairingCode("abcd-efgh")).toBe(true);
    expect(isCompletePairingCode("ABCDEFGH")).toBe(true);
    expect(isCompletePairingCode("ABCD-EFG")).toBe(false);
    // 0, O, 1, I and L are never in a code: they look alike.
    expect(isCompletePairingCode("ABCD-EFG0")).toBe(false);
    expect(isCompletePairingCode("ABCD-EFGI")).toBe(false);
    expect(normalizePairingCode("ab-cd ef")).toBe("ABCDEF");
  });

  it("match the input's pattern once formatted.", () => {
    const pattern = new RegExp(`^(?:${PAIRING_CODE_PATTERN})$`);
    expect(pattern.test(formatPairingCode("abcdefgh"))).toBe(true);
    expect(pattern.test("ABCDEFGH")).toBe(true);
    expect(pattern.test("ABCD-EFG")).toBe(false);
  });
});

describe("Pre-paired links (#device=…)", () => {
  it("take the tokens the protocol takes (the shape is copied so the display needs no zod).", () => {
    for (const sample of [
      TOKEN,
      `dvt_${"B".repeat(43)}`,
      `dev_${"a".repeat(43)}`,
      "dvt_short",
      "",
    ]) {
      expect(DEVICE_TOKEN.test(sample)).toBe(DeviceToken.safeParse(sample).success);
    }
  });

  it("give their token, and only a well-formed one.", () => {
    expect(deviceTokenFromHash(`#device=${TOKEN}`)).toBe(TOKEN);
    expect(deviceTokenFromHash(`#x=1&device=${TOKEN}`)).toBe(TOKEN);
    expect(deviceTokenFromHash("#device=dvt_short")).toBeNull();
    expect(deviceTokenFromHash("#device=%E0%A4%A")).toBeNull();
    expect(deviceTokenFromHash("")).toBeNull();
  });

  it("lose the token from the address and keep the rest.", () => {
    expect(hashWithoutDeviceToken(`#device=${TOKEN}`)).toBe("");
    expect(hashWithoutDeviceToken(`#x=1&device=${TOKEN}&y=2`)).toBe("#x=1&y=2");
  });
});

describe("Retry-After", () => {
  it("reads seconds or an HTTP date.", () => {
    const now = Date.parse("2026-03-01T10:00:00Z");
    expect(retryAfter("120", now)).toBe(120);
    expect(retryAfter("Sun, 01 Mar 2026 10:05:00 GMT", now)).toBe(300);
    expect(retryAfter(null, now)).toBeNull();
    expect(retryAfter("soon", now)).toBeNull();
  });
});

const answer = (status: number, body: unknown = null, retryAfterSeconds: number | null = null) =>
  Promise.resolve<HttpAnswer>({ status, body, retryAfterSeconds });

const device = (role: string) => ({
  device: { id: "dev_AAAAAAAAAAAA", office: "scandicci", role, name: "Sala d'attesa" },
});

/** A fake server: each request is answered by the next reply queued for its path (without query). */
function server() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const replies = new Map<string, (() => Promise<HttpAnswer>)[]>();
  return {
    calls,
    on(path: string, ...next: (() => Promise<HttpAnswer>)[]) {
      replies.set(path, [...(replies.get(path) ?? []), ...next]);
    },
    request: (method: string, path: string, body?: unknown) => {
      calls.push({ method, path, body });
      const reply = replies.get(path.split("?")[0] ?? path)?.shift();
      return reply ? reply() : answer(0);
    },
  };
}

const BASE = "/api/offices/scandicci/devices";

function session(fake: ReturnType<typeof server>, role: "kiosk" | "display", token?: string) {
  return createDeviceSession({
    officeId: "scandicci",
    role,
    request: fake.request,
    takeLinkToken: () => token ?? null,
  });
}

describe("A kiosk's or display's pairing", () => {
  afterEach(() => vi.useRealTimers());

  it("asks whether this browser is already a paired device of the office, for its role.", async () => {
    const fake = server();
    fake.on(`${BASE}/me`, () => answer(200, device("display")));
    const s = session(fake, "display");
    s.start();
    expect(s.stage.value).toBe("checking");
    await vi.waitFor(() => expect(s.stage.value).toBe("paired"));
    expect(fake.calls).toEqual([
      { method: "GET", path: `${BASE}/me?role=display`, body: undefined },
    ]);
    expect(s.device.value?.name).toBe("Sala d'attesa");
  });

  it("shows the pairing screen when it is not (401 not_paired).", async () => {
    const fake = server();
    fake.on(`${BASE}/me`, () => answer(401, { error: { code: "not_paired" } }));
    const s = session(fake, "kiosk");
    s.start();
    await vi.waitFor(() => expect(s.stage.value).toBe("unpaired"));
  });

  it("keeps asking, without the pairing screen, while the server cannot be reached.", async () => {
    vi.useFakeTimers();
    const fake = server();
    fake.on(
      `${BASE}/me`,
      () => answer(0),
      () => answer(502),
      () => answer(200, device("kiosk")),
    );
    const s = session(fake, "kiosk");
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.stage.value).toBe("checking");
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.stage.value).toBe("checking");
    await vi.advanceTimersByTimeAsync(4000);
    expect(s.stage.value).toBe("paired");
  });

  it("adopts a pre-paired link's token first.", async () => {
    const fake = server();
    fake.on(`${BASE}/adopt`, () => answer(200, device("kiosk")));
    const s = session(fake, "kiosk", TOKEN);
    s.start();
    await vi.waitFor(() => expect(s.stage.value).toBe("paired"));
    expect(fake.calls).toEqual([{ method: "POST", path: `${BASE}/adopt`, body: { token: TOKEN } }]);
  });

  it("falls back to the usual check when the link's token is refused, or is for the other role.", async () => {
    const fake = server();
    fake.on(`${BASE}/adopt`, () => answer(404, { error: { code: "unknown_device" } }));
    fake.on(`${BASE}/me`, () => answer(401, { error: { code: "not_paired" } }));
    const s = session(fake, "kiosk", TOKEN);
    s.start();
    await vi.waitFor(() => expect(s.stage.value).toBe("unpaired"));

    const other = server();
    other.on(`${BASE}/adopt`, () => answer(200, device("display")));
    other.on(`${BASE}/me`, () => answer(401, { error: { code: "not_paired" } }));
    const t = session(other, "kiosk", TOKEN);
    t.start();
    await vi.waitFor(() => expect(t.stage.value).toBe("unpaired"));
  });

  it("pairs with a typed code, sent without dash and in upper case, insisting on its role.", async () => {
    const fake = server();
    fake.on(`${BASE}/me`, () => answer(401));
    fake.on(`${BASE}/pair`, () => answer(200, device("kiosk")));
    const s = session(fake, "kiosk");
    s.start();
    await vi.waitFor(() => expect(s.stage.value).toBe("unpaired"));
    s.setCode("abcd-efgh");
    s.pair();
    expect(s.busy.value).toBe(true);
    await vi.waitFor(() => expect(s.stage.value).toBe("paired"));
    expect(fake.calls[1]).toEqual({
      method: "POST",
      path: `${BASE}/pair?role=kiosk`,
      body: { code: "ABCDEFGH" },
    });
    expect(s.busy.value).toBe(false);
    expect(s.code.value).toBe("");
  });

  it("says what went wrong: incomplete, wrong or expired, wrong kind of device, too many tries.", async () => {
    const fake = server();
    fake.on(
      `${BASE}/pair`,
      () => answer(404, { error: { code: "invalid_pairing_code" } }),
      () => answer(409, { error: { code: "wrong_device_role" } }),
      () => answer(429, { error: { code: "too_many_attempts" } }, 600),
    );
    const s = session(fake, "kiosk");
    s.setCode("ABCD");
    s.pair();
    expect(s.problem.value?.code).toBe("incomplete");
    expect(fake.calls).toEqual([]);
    s.setCode("ABCD-EFGH");
    expect(s.problem.value).toBeNull();
    for (const expected of ["invalid_pairing_code", "wrong_device_role", "too_many_attempts"]) {
      s.pair();
      await vi.waitFor(() => expect(s.busy.value).toBe(false));
      expect(s.problem.value?.code).toBe(expected);
    }
    expect(s.problem.value?.retryAfterSeconds).toBe(600);
    expect(s.stage.value).toBe("checking");
  });

  it("goes back to the pairing screen when its live socket is turned away, and says so.", async () => {
    const fake = server();
    fake.on(`${BASE}/me`, () => answer(200, device("display")));
    const s = session(fake, "display");
    s.start();
    await vi.waitFor(() => expect(s.stage.value).toBe("paired"));
    s.lost();
    expect(s.stage.value).toBe("unpaired");
    expect(s.revoked.value).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });
});

describe("pairingProblem", () => {
  it("reads the status when the body says nothing useful.", () => {
    const plain = (status: number) => ({ status, body: null, retryAfterSeconds: null });
    expect(pairingProblem(plain(0)).code).toBe("offline");
    expect(pairingProblem(plain(400)).code).toBe("invalid_pairing_code");
    expect(pairingProblem(plain(409)).code).toBe("wrong_device_role");
    expect(pairingProblem(plain(500)).code).toBe("generic");
  });
});
