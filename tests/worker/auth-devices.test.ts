import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeviceView } from "../../shared/protocol/auth";
import {
  cookieAttributes,
  from,
  inDirectory,
  newAddress,
  newPairingCode,
  setCookieLine,
} from "./auth-helpers";
import {
  api,
  type Credentials,
  closeAllSockets,
  createOffice,
  expectError,
  getOffice,
  issueTicket,
  LiveSocket,
  pairedDevice,
  signedIn,
} from "./helpers";

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

afterEach(closeAllSockets);

/** Pairs a device with a code, from a fresh address; returns the answer and the device's cookie. */
async function pair(officeId: string, code: string, query = "") {
  const result = await api<{ device: DeviceView }>(
    "POST",
    `/offices/${officeId}/devices/pair${query}`,
    { as: "anonymous", headers: from(newAddress()), body: { code } },
  );
  const cookie = result.headers.getSetCookie()[0]?.split(";")[0];
  return { result, as: (cookie ? { cookie } : "anonymous") as Credentials };
}

describe("Pairing a device", () => {
  it("A supervisor's code pairs a kiosk: it gets an HttpOnly turno_kiosk cookie for its office's routes only, and /devices/me names it.", async () => {
    const officeId = await createOffice();
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const code = await newPairingCode(officeId, "kiosk", supervisor.as, "Entrance kiosk");
    const { result, as } = await pair(officeId, code);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.device).toMatchObject({
      office: officeId,
      role: "kiosk",
      name: "Entrance kiosk",
      revokedAt: null,
    });
    expect(result.headers.get("cache-control")).toBe("no-store");
    const line = setCookieLine(result.headers, "turno_kiosk");
    expect(line).toMatch(/^turno_kiosk=dvt_[A-Za-z0-9_-]{43};/);
    expect(cookieAttributes(line)).toMatchObject({
      path: `/api/offices/${officeId}/`,
      httponly: "",
      samesite: "Strict",
      "max-age": String(400 * 24 * 60 * 60),
    });

    const me = await api<{ device: { id: string } }>(
      "GET",
      `/offices/${officeId}/devices/me?role=kiosk`,
      { as },
    );
    expect(me.status).toBe(200);
    expect(me.body.device.id).toBe(result.body.device.id);
    expectError(
      await api("GET", `/offices/${officeId}/devices/me?role=display`, { as }),
      401,
      "not_paired",
    );
    const issued = await api<{ ticket: { channel: string } }>(
      "POST",
      `/offices/${officeId}/tickets`,
      { as, body: { serviceId: "general" } },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.ticket.channel).toBe("kiosk");
  });

  it("A clerk cannot create pairing codes (403), and nobody anonymous can (401).", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const body = { role: "kiosk", name: "Sneaky kiosk" };
    expectError(
      await api("POST", `/offices/${officeId}/pairing-codes`, { as: clerk.as, body }),
      403,
      "forbidden",
    );
    expectError(
      await api("POST", `/offices/${officeId}/pairing-codes`, { as: "anonymous", body }),
      401,
      "not_signed_in",
    );
  });

  it("A pairing code works once; typed in lower case without the dash it is the same code.", async () => {
    const officeId = await createOffice();
    const code = await newPairingCode(officeId, "display");
    const typed = code.toLowerCase().replace("-", " ");
    const first = await pair(officeId, typed);
    expect(first.result.status, JSON.stringify(first.result.body)).toBe(200);
    expect(first.result.body.device.role).toBe("display");
    const second = await pair(officeId, code);
    expectError(second.result, 404, "invalid_pairing_code");
    expect(second.result.headers.getSetCookie()).toEqual([]);
  });

  it("A code pairs only in its own office.", async () => {
    const officeId = await createOffice();
    const otherOffice = await createOffice();
    const code = await newPairingCode(officeId, "kiosk");
    expectError((await pair(otherOffice, code)).result, 404, "invalid_pairing_code");
    expect((await pair(officeId, code)).result.status).toBe(200);
  });

  it("An expired code is refused with 404 invalid_pairing_code.", async () => {
    const officeId = await createOffice();
    const code = await newPairingCode(officeId, "kiosk");
    const aged = await inDirectory(
      (sql) =>
        sql.exec(
          `UPDATE pairing_codes SET expires_at = ? WHERE office = ?`,
          Date.now() - 1,
          officeId,
        ).rowsWritten,
    );
    expect(aged).toBe(1);
    const { result } = await pair(officeId, code);
    expectError(result, 404, "invalid_pairing_code");
    expect(result.headers.getSetCookie()).toEqual([]);
  });

  it("A kiosk code entered on a display's pairing screen (?role=display) is 409 wrong_device_role, and the code still pairs the kiosk afterwards.", async () => {
    const officeId = await createOffice();
    const code = await newPairingCode(officeId, "kiosk");
    const wrong = await pair(officeId, code, "?role=display");
    expectError(wrong.result, 409, "wrong_device_role");
    expect(wrong.result.headers.getSetCookie()).toEqual([]);
    const right = await pair(officeId, code, "?role=kiosk");
    expect(right.result.status, JSON.stringify(right.result.body)).toBe(200);
    expect(right.result.body.device.role).toBe("kiosk");
  });
});

describe("Adopting a device link", () => {
  it("A device token from a link is exchanged for the device cookie in its own office, and nowhere else.", async () => {
    const officeId = await createOffice();
    const otherOffice = await createOffice();
    const display = await pairedDevice(officeId, "display");
    const adopted = await api<{ device: DeviceView }>(
      "POST",
      `/offices/${officeId}/devices/adopt`,
      { as: "anonymous", body: { token: display.token } },
    );
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.body.device.id).toBe(display.deviceId);
    const line = setCookieLine(adopted.headers, "turno_display");
    expect(line.split(";")[0]).toBe(`turno_display=${display.token}`);
    expect(cookieAttributes(line)).toMatchObject({
      path: `/api/offices/${officeId}/`,
      httponly: "",
      samesite: "Strict",
    });

    expectError(
      await api("POST", `/offices/${otherOffice}/devices/adopt`, {
        as: "anonymous",
        body: { token: display.token },
      }),
      404,
      "unknown_device",
    );
    expectError(
      await api("POST", `/offices/${officeId}/devices/adopt`, {
        as: "anonymous",
        body: { token: "dvt_not-a-real-token" },
      }),
      400,
      "invalid_request",
    );
  });
});

describe("What a device may do", () => {
  it("A device of office A cannot act in office B: no ticket, no socket, not paired there.", async () => {
    const officeA = await createOffice();
    const officeB = await createOffice();
    const kioskA = await pairedDevice(officeA, "kiosk");
    const displayA = await pairedDevice(officeA, "display");

    // In B the kiosk is a stranger: a remote ticket, which B does not allow.
    expectError(
      await api("POST", `/offices/${officeB}/tickets`, {
        as: kioskA.as,
        body: { serviceId: "general" },
      }),
      403,
      "remote_tickets_disabled",
    );
    expect((await getOffice(officeB)).queue).toHaveLength(0);
    expectError(
      await api("GET", `/offices/${officeB}/devices/me?role=kiosk`, { as: kioskA.as }),
      401,
      "not_paired",
    );
    for (const [role, as] of [
      ["kiosk", kioskA.as],
      ["display", displayA.as],
    ] as const) {
      const socket = await LiveSocket.open(officeB, `v=1&role=${role}`, as);
      expect((await socket.closedBy()).code, role).toBe(4403);
      expect(socket.received.map((m) => m.type)).toEqual(["error"]);
    }
  });

  it("A display cannot issue tickets: over HTTP it is a stranger (403), over its socket the command is refused (403).", async () => {
    const officeId = await createOffice();
    const display = await pairedDevice(officeId, "display");
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, {
        as: display.as,
        body: { serviceId: "general" },
      }),
      403,
      "remote_tickets_disabled",
    );
    const socket = await LiveSocket.open(officeId, "v=1&role=display", display.as);
    await socket.next("snapshot");
    socket.send({
      type: "command",
      requestId: "display-ticket",
      command: { type: "issueTicket", serviceId: "general" },
    });
    expect(await socket.next("result")).toMatchObject({ requestId: "display-ticket", status: 403 });
    expect((await getOffice(officeId)).queue).toHaveLength(0);
    // Nor can it pass for a kiosk.
    const asKiosk = await LiveSocket.open(officeId, "v=1&role=kiosk", display.as);
    expect((await asKiosk.closedBy()).code).toBe(4403);
  });

  it("A kiosk cannot call the next ticket: 403 over HTTP and over its socket, and no counter socket for it.", async () => {
    const officeId = await createOffice();
    const kiosk = await pairedDevice(officeId, "kiosk");
    await issueTicket(officeId);
    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { as: kiosk.as }),
      403,
      "forbidden",
    );
    const socket = await LiveSocket.open(officeId, "v=1&role=kiosk", kiosk.as);
    await socket.next("snapshot");
    socket.send({
      type: "command",
      requestId: "kiosk-call",
      command: { type: "callNext", counterId: "desk-1" },
    });
    expect(await socket.next("result")).toMatchObject({ requestId: "kiosk-call", status: 403 });
    const office = await getOffice(officeId);
    expect(office.queue).toHaveLength(1);
    expect(office.counters.every((counter) => counter.ticket === null)).toBe(true);
    const counter = await LiveSocket.open(officeId, "v=1&role=counter", kiosk.as);
    expect((await counter.closedBy()).code).toBe(4403);
  });
});

describe("Revoking a device", () => {
  it("An admin revokes a kiosk: its cookie stops working at once, its open socket gets device_revoked and closes with 4401, and it cannot reconnect.", async () => {
    const officeId = await createOffice();
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const code = await newPairingCode(officeId, "kiosk", supervisor.as);
    const { result, as } = await pair(officeId, code);
    const deviceId = result.body.device.id;
    const socket = await LiveSocket.open(officeId, "v=1&role=kiosk", as);
    await socket.next("snapshot");

    expectError(
      await api("DELETE", `/offices/${officeId}/devices/${deviceId}`, { as: supervisor.as }),
      403,
      "forbidden",
    );
    expect(socket.closed).toBeNull();

    const revoked = await api<DeviceView>("DELETE", `/offices/${officeId}/devices/${deviceId}`, {
      as: admin.as,
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(Number));

    expect((await socket.closedBy()).code).toBe(4401);
    expect(socket.received.at(-1)).toMatchObject({
      type: "error",
      error: { code: "device_revoked" },
    });
    expectError(
      await api("GET", `/offices/${officeId}/devices/me?role=kiosk`, { as }),
      401,
      "not_paired",
    );
    // A Worker may still know the device for a few seconds; the office itself refuses it.
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, { as, body: { serviceId: "general" } }),
      401,
      "device_revoked",
    );
    const again = await LiveSocket.open(officeId, "v=1&role=kiosk", as);
    expect((await again.closedBy()).code).toBe(4401);
    expect(again.received).toEqual([
      expect.objectContaining({
        type: "error",
        error: expect.objectContaining({ code: "not_paired" }),
      }),
    ]);

    const listed = await api<{ devices: DeviceView[] }>("GET", `/offices/${officeId}/devices`, {
      as: admin.as,
    });
    expect(listed.body.devices.find((d) => d.id === deviceId)?.revokedAt).toEqual(
      expect.any(Number),
    );
  });

  it("An office's admin cannot revoke another office's device through their own office (404), nor directly (403).", async () => {
    const officeId = await createOffice();
    const otherOffice = await createOffice();
    const admin = await signedIn([{ office: officeId, role: "admin" }]);
    const foreign = await pairedDevice(otherOffice, "display");
    expectError(
      await api("DELETE", `/offices/${officeId}/devices/${foreign.deviceId}`, { as: admin.as }),
      404,
      "unknown_device",
    );
    expectError(
      await api("DELETE", `/offices/${otherOffice}/devices/${foreign.deviceId}`, { as: admin.as }),
      403,
      "forbidden",
    );
    const me = await api("GET", `/offices/${otherOffice}/devices/me?role=display`, {
      as: foreign.as,
    });
    expect(me.status).toBe(200);
  });
});
