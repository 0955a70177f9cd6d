import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import "../../worker/app";
import { ROUTES } from "../../worker/http/route";
import {
  appointmentOfficeConfig,
  bookSomewhere,
  newEmail,
  officeDays,
  slotsOf,
  solvedProof,
} from "./appointment-helpers";
import {
  api,
  type Credentials,
  createOffice,
  credentialHeaders,
  issueTicket,
  LiveSocket,
  ORIGIN,
  pairedDevice,
  signedIn,
} from "./helpers";
import { readmeTable } from "./readme-tables";

/**
 * Every route and every live command, tried by every kind of caller, must be
 * allowed or refused exactly as the README's Security tables say.
 */

// The sign-in row signs in nine callers (~0.35 s of Argon2id each), on a machine that may be busy.
vi.setConfig({ testTimeout: 30_000 });

const CALLERS = [
  "anonymous",
  "ticket holder",
  "display",
  "kiosk",
  "clerk",
  "supervisor",
  "admin",
  "other office",
  "operator",
] as const;
type Caller = (typeof CALLERS)[number];

/** Answers that mean "you may not": the guard's, and the ones where the resource itself is the key. */
const REFUSALS = new Set([
  "not_signed_in",
  "not_paired",
  "forbidden",
  "unknown_ticket",
  "remote_tickets_disabled",
  "unknown_account",
  "unknown_appointment",
]);

interface World {
  office: string;
  timeZone: string;
  as: Record<Caller, Credentials>;
  /** Each caller from its own address, so the guess limits of one do not touch another. */
  address: Record<Caller, string>;
  clerkAccountId: string;
}

let world: World;

beforeAll(async () => {
  const office = await createOffice(appointmentOfficeConfig({ frontCounters: 3 }));
  const otherOffice = await createOffice();
  const [display, kiosk, clerk, supervisor, admin, other] = await Promise.all([
    pairedDevice(office, "display"),
    pairedDevice(office, "kiosk"),
    signedIn([{ office, role: "clerk" }]),
    signedIn([{ office, role: "supervisor" }]),
    signedIn([{ office, role: "admin" }]),
    signedIn([{ office: otherOffice, role: "admin" }]),
  ]);
  world = {
    office,
    timeZone: appointmentOfficeConfig().timeZone,
    as: {
      anonymous: "anonymous",
      "ticket holder": "anonymous",
      display: display.as,
      kiosk: kiosk.as,
      clerk: clerk.as,
      supervisor: supervisor.as,
      admin: admin.as,
      "other office": other.as,
      operator: "operator",
    },
    address: Object.fromEntries(
      CALLERS.map((caller, index) => [caller, `192.0.2.${index + 10}`]),
    ) as Record<Caller, string>,
    clerkAccountId: clerk.accountId,
  };
}, 60_000);

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

const counterPath = (office: string, action: string) =>
  `/offices/${office}/counters/desk-1/${action}`;

/** A request for each README row, built fresh per call (some need a ticket or device of their own). */
const REQUESTS: Record<string, (caller: Caller) => Promise<Call> | Call> = {
  "GET /api/offices/{office}": () => ({ method: "GET", path: `/offices/${world.office}` }),
  "PUT /api/offices/{office}": () => ({
    method: "PUT",
    path: `/offices/${world.office}`,
    body: appointmentOfficeConfig({ frontCounters: 3 }),
  }),
  "POST /api/offices/{office}/tickets": () => ({
    method: "POST",
    path: `/offices/${world.office}/tickets`,
    body: { serviceId: "general" },
  }),
  "GET /api/offices/{office}/tickets/{token}": async (caller) => ({
    method: "GET",
    path: `/offices/${world.office}/tickets/${await ticketTokenFor(caller)}`,
  }),
  "DELETE /api/offices/{office}/tickets/{token}": async (caller) => ({
    method: "DELETE",
    path: `/offices/${world.office}/tickets/${await ticketTokenFor(caller)}`,
  }),
  "POST /api/offices/{office}/tickets/{token}/feedback": async (caller) => ({
    method: "POST",
    path: `/offices/${world.office}/tickets/${await ticketTokenFor(caller)}/feedback`,
    body: { score: 5 },
  }),
  "POST /api/offices/{office}/counters/{counter}/call-next": () => ({
    method: "POST",
    path: counterPath(world.office, "call-next"),
  }),
  "POST /api/offices/{office}/counters/{counter}/recall": () => ({
    method: "POST",
    path: counterPath(world.office, "recall"),
  }),
  "POST /api/offices/{office}/counters/{counter}/start": () => ({
    method: "POST",
    path: counterPath(world.office, "start"),
  }),
  "POST /api/offices/{office}/counters/{counter}/complete": () => ({
    method: "POST",
    path: counterPath(world.office, "complete"),
  }),
  "POST /api/offices/{office}/counters/{counter}/no-show": () => ({
    method: "POST",
    path: counterPath(world.office, "no-show"),
  }),
  "POST /api/offices/{office}/counters/{counter}/transfer": () => ({
    method: "POST",
    path: counterPath(world.office, "transfer"),
    body: { serviceId: "registry" },
  }),
  "POST /api/offices/{office}/counters/{counter}/call": async () => ({
    method: "POST",
    path: counterPath(world.office, "call"),
    body: { ticketId: (await issueTicket(world.office)).ticket.id },
  }),
  "PUT /api/offices/{office}/counters/{counter}/mode": () => ({
    method: "PUT",
    path: counterPath(world.office, "mode"),
    body: { mode: "front" },
  }),
  "POST /api/auth/login": () => ({
    method: "POST",
    path: "/auth/login",
    body: { username: "nobody-at-all", password: "not the password" },
  }),
  // An invalid body: the route is reached, but the caller's own session is not ended mid-test.
  "POST /api/auth/logout": () => ({ method: "POST", path: "/auth/logout", body: { keep: true } }),
  "GET /api/auth/me": () => ({ method: "GET", path: "/auth/me" }),
  "POST /api/auth/password": () => ({
    method: "POST",
    path: "/auth/password",
    body: { currentPassword: "not the password", newPassword: "a brand new passphrase" },
  }),
  "GET /api/accounts": () => ({ method: "GET", path: "/accounts" }),
  "POST /api/accounts": () => ({
    method: "POST",
    path: "/accounts",
    body: {
      username: `new-${crypto.randomUUID().slice(0, 8)}`,
      displayName: "New clerk",
      password: "a long enough passphrase",
      grants: [{ office: world.office, role: "clerk" }],
    },
  }),
  "PATCH /api/accounts/{account}": () => ({
    method: "PATCH",
    path: `/accounts/${world.clerkAccountId}`,
    body: { displayName: "Renamed clerk" },
  }),
  "POST /api/offices/{office}/pairing-codes": () => ({
    method: "POST",
    path: `/offices/${world.office}/pairing-codes`,
    body: { role: "kiosk", name: "Kiosk 2" },
  }),
  "POST /api/offices/{office}/devices/pair": () => ({
    method: "POST",
    path: `/offices/${world.office}/devices/pair`,
    body: { code: "ZZZZ-ZZZZ" },
  }),
  "POST /api/offices/{office}/devices/adopt": () => ({
    method: "POST",
    path: `/offices/${world.office}/devices/adopt`,
    body: { token: `dvt_${"A".repeat(43)}` },
  }),
  "GET /api/offices/{office}/devices/me?role=kiosk": () => ({
    method: "GET",
    path: `/offices/${world.office}/devices/me?role=kiosk`,
  }),
  "GET /api/offices/{office}/devices": () => ({
    method: "GET",
    path: `/offices/${world.office}/devices`,
  }),
  "DELETE /api/offices/{office}/devices/{device}": async () => ({
    method: "DELETE",
    path: `/offices/${world.office}/devices/${(await pairedDevice(world.office, "display")).deviceId}`,
  }),
  "GET /api/offices/{office}/audit": () => ({
    method: "GET",
    path: `/offices/${world.office}/audit`,
  }),
  "GET /api/audit": () => ({ method: "GET", path: "/audit" }),
  "PUT /api/offices/{office}/services/{service}/today": () => ({
    method: "PUT",
    path: `/offices/${world.office}/services/general/today`,
    body: { open: true },
  }),
  "PUT /api/offices/{office}/notice": () => ({
    method: "PUT",
    path: `/offices/${world.office}/notice`,
    body: { text: null },
  }),
  "GET /api/offices/{office}/today": () => ({
    method: "GET",
    path: `/offices/${world.office}/today`,
  }),
  "GET /api/offices/{office}/reports": () => ({
    method: "GET",
    path: `/offices/${world.office}/reports?from=2026-01-01&to=2026-01-31`,
  }),
  "GET /api/offices/{office}/reports/tickets.csv": () => ({
    method: "GET",
    path: `/offices/${world.office}/reports/tickets.csv?from=2026-01-01&to=2026-01-31`,
  }),
  "GET /api/offices/{office}/reports/feedback": () => ({
    method: "GET",
    path: `/offices/${world.office}/reports/feedback?from=2026-01-01&to=2026-01-31`,
  }),
  "GET /api/offices/{office}/reports/feedback.csv": () => ({
    method: "GET",
    path: `/offices/${world.office}/reports/feedback.csv?from=2026-01-01&to=2026-01-31`,
  }),
  "GET /api/offices/{office}/reports/appointments.csv": () => ({
    method: "GET",
    path: `/offices/${world.office}/reports/appointments.csv?from=2026-01-01&to=2026-01-31`,
  }),
  "POST /api/setup/offices/{office}/history": () => ({
    method: "POST",
    path: `/setup/offices/${world.office}/history`,
    body: { tickets: [] },
  }),
  "GET /api/offices/{office}/services/{service}/slots": () => ({
    method: "GET",
    path: `/offices/${world.office}/services/permits/slots?from=${officeDays(world.timeZone).after(2)}&to=${officeDays(world.timeZone).after(3)}`,
  }),
  "GET /api/offices/{office}/appointments/challenge": () => ({
    method: "GET",
    path: `/offices/${world.office}/appointments/challenge`,
  }),
  "POST /api/offices/{office}/appointments": async () => ({
    method: "POST",
    path: `/offices/${world.office}/appointments`,
    body: {
      serviceId: "permits",
      start: (await someSlot()).start,
      name: "Maria Rossi",
      email: newEmail(),
      // Every caller brings a proof of work: the public needs it, staff and kiosks ignore it.
      proof: await solvedProof(world.office),
    },
  }),
  "POST /api/offices/{office}/appointments/check-in": async () => ({
    method: "POST",
    path: `/offices/${world.office}/appointments/check-in`,
    body: { code: (await holding()).appointment.code },
  }),
  "GET /api/offices/{office}/appointments": () => ({
    method: "GET",
    path: `/offices/${world.office}/appointments?date=${officeDays(world.timeZone).tomorrow}`,
  }),
  "GET /api/offices/{office}/appointment-conflicts": () => ({
    method: "GET",
    path: `/offices/${world.office}/appointment-conflicts`,
  }),
  // A booking in no conflict: the callers allowed get 409 no_conflict, past the role check.
  "POST /api/offices/{office}/appointment-conflicts/{appointment}/keep": async () => ({
    method: "POST",
    path: `/offices/${world.office}/appointment-conflicts/${(await holding()).appointment.id}/keep`,
  }),
  "POST /api/offices/{office}/appointment-conflicts/{appointment}/cancel": async () => ({
    method: "POST",
    path: `/offices/${world.office}/appointment-conflicts/${(await holding()).appointment.id}/cancel`,
  }),
  "GET /api/offices/{office}/appointments/{token}": async (caller) => ({
    method: "GET",
    path: `/offices/${world.office}/appointments/${await appointmentTokenFor(caller)}`,
  }),
  "PATCH /api/offices/{office}/appointments/{token}": async (caller) => ({
    method: "PATCH",
    path: `/offices/${world.office}/appointments/${await appointmentTokenFor(caller)}`,
    body: { start: (await someSlot()).start },
  }),
  "DELETE /api/offices/{office}/appointments/{token}": async (caller) => ({
    method: "DELETE",
    path: `/offices/${world.office}/appointments/${await appointmentTokenFor(caller)}`,
  }),
  "GET /api/offices/{office}/appointments/{token}/calendar.ics": async (caller) => ({
    method: "GET",
    path: `/offices/${world.office}/appointments/${await appointmentTokenFor(caller)}/calendar.ics`,
  }),
  "POST /api/offices/{office}/appointments/{token}/check-in": async (caller) => ({
    method: "POST",
    path: `/offices/${world.office}/appointments/${await appointmentTokenFor(caller)}/check-in`,
  }),
  "GET /api/setup/status": () => ({ method: "GET", path: "/setup/status" }),
  "POST /api/setup/accounts": () => ({
    method: "POST",
    path: "/setup/accounts",
    body: {
      username: `op-${crypto.randomUUID().slice(0, 8)}`,
      password: "a long enough passphrase",
      grants: [{ office: world.office, role: "clerk" }],
    },
  }),
  "POST /api/setup/devices": () => ({
    method: "POST",
    path: "/setup/devices",
    body: { office: world.office, role: "kiosk", name: "Setup kiosk" },
  }),
  "POST /api/setup/devices/check": () => ({
    method: "POST",
    path: "/setup/devices/check",
    body: { office: world.office, token: "dvt_x" },
  }),
  "GET /api/webhooks/events": () => ({ method: "GET", path: "/webhooks/events" }),
  "GET /api/offices/{office}/webhooks": () => ({
    method: "GET",
    path: `/offices/${world.office}/webhooks`,
  }),
  "POST /api/offices/{office}/webhooks": () => ({
    method: "POST",
    path: `/offices/${world.office}/webhooks`,
    body: { url: "https://hooks.example.org/turno", events: ["ticket.called"] },
  }),
  "PATCH /api/offices/{office}/webhooks/{endpoint}": async () => ({
    method: "PATCH",
    path: `/offices/${world.office}/webhooks/${await sharedEndpoint()}`,
    body: { description: "Changed" },
  }),
  // Those allowed remove an endpoint of their own; the others try the shared one.
  "DELETE /api/offices/{office}/webhooks/{endpoint}": async (caller) => ({
    method: "DELETE",
    path: `/offices/${world.office}/webhooks/${caller === "admin" || caller === "operator" ? await newEndpoint() : await sharedEndpoint()}`,
  }),
  "POST /api/offices/{office}/webhooks/{endpoint}/rotate": async () => ({
    method: "POST",
    path: `/offices/${world.office}/webhooks/${await sharedEndpoint()}/rotate`,
  }),
  "POST /api/offices/{office}/webhooks/{endpoint}/test": async () => ({
    method: "POST",
    path: `/offices/${world.office}/webhooks/${await sharedEndpoint()}/test`,
  }),
  "GET /api/offices/{office}/webhooks/{endpoint}/deliveries": async () => ({
    method: "GET",
    path: `/offices/${world.office}/webhooks/${await sharedEndpoint()}/deliveries`,
  }),
};

/** A webhook endpoint made by the operator, its id. */
async function newEndpoint(): Promise<string> {
  const created = await api<{ endpoint: { id: string } }>(
    "POST",
    `/offices/${world.office}/webhooks`,
    { body: { url: "https://hooks.example.org/access", events: ["ticket.issued"] } },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.endpoint.id;
}

let shared: Promise<string> | null = null;
const sharedEndpoint = () => {
  shared ??= newEndpoint();
  return shared;
};

/** The ticket holder uses their own ticket's link; everyone else a well-formed link to no ticket. */
async function ticketTokenFor(caller: Caller): Promise<string> {
  if (caller === "ticket holder") return (await issueTicket(world.office)).token;
  return "AAAAAAAAAAAAAAAAAAAAAA";
}

/** A booking of the world office, days ahead (by the operator, so no caller's limits are spent). */
const holding = () => bookSomewhere(world.office, { timeZone: world.timeZone });

/** A slot of permits days ahead, full or not: either answer is an allowed call. */
async function someSlot() {
  const day = officeDays(world.timeZone).after(4);
  const slots = await slotsOf(world.office, "permits", { from: day, to: day });
  return slots[Math.floor(Math.random() * slots.length)]!;
}

/** The holder uses their own booking's link; everyone else a well-formed link to no booking. */
async function appointmentTokenFor(caller: Caller): Promise<string> {
  if (caller === "ticket holder") return (await holding()).token;
  return "AAAAAAAAAAAAAAAAAAAAAA";
}

function refused(status: number, body: unknown): boolean {
  const code = (body as { error?: { code?: string } })?.error?.code;
  return (status === 401 || status === 403 || status === 404) && REFUSALS.has(code ?? "");
}

const routeTable = readmeTable("Who may call which route");

describe("Who may call which route", () => {
  it("The README's table has a row for every route the Worker serves, and a request for each row.", () => {
    const rows = [...routeTable.rows.keys()].map((key) => key.replace(/\?.*$/, ""));
    for (const route of ROUTES) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      expect(rows, `README row for ${key}`).toContain(key);
    }
    expect(routeTable.columns).toEqual([...CALLERS]);
    for (const key of routeTable.rows.keys()) {
      if (!key.includes("/live?")) expect(Object.keys(REQUESTS), key).toContain(key);
    }
  });

  for (const [key, allowedBy] of routeTable.rows) {
    if (key.includes("/live?")) continue;
    it(`${key}: ${CALLERS.filter((_, i) => allowedBy[i]).join(", ") || "nobody"}.`, async () => {
      for (const [index, caller] of CALLERS.entries()) {
        const call = await REQUESTS[key]!(caller);
        const answer = await api(call.method, call.path, {
          as: world.as[caller],
          body: call.body,
          headers: { "cf-connecting-ip": world.address[caller] },
        });
        expect(answer.status, `${caller}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
        expect(
          refused(answer.status, answer.body) ? "refused" : "allowed",
          `${caller} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
        ).toBe(allowedBy[index] ? "allowed" : "refused");
      }
    });
  }

  for (const [key, allowedBy] of routeTable.rows) {
    const role = /\/live\?role=(\w+)/.exec(key)?.[1];
    if (!role) continue;
    it(`${key}: ${CALLERS.filter((_, i) => allowedBy[i]).join(", ") || "nobody"}.`, async () => {
      for (const [index, caller] of CALLERS.entries()) {
        const token = role === "ticket" ? `&token=${await ticketTokenFor(caller)}` : "";
        const socket = await LiveSocket.open(
          world.office,
          `v=1&role=${role}${token}`,
          world.as[caller],
        );
        const first = await socket.next(role === "ticket" ? "ticket" : "snapshot", 2000).then(
          () => "allowed",
          async () => {
            const { code } = await socket.closedBy();
            expect([4401, 4403, 4004], `${caller} closed with ${code}`).toContain(code);
            return "refused";
          },
        );
        socket.close();
        expect(first, caller).toBe(allowedBy[index] ? "allowed" : "refused");
      }
    });
  }
});

const commandTable = readmeTable("Who may send which live command");
/** Socket each caller uses to send commands: the one its role opens. */
const SOCKET_OF: Record<string, { caller: Caller; role: string }> = {
  display: { caller: "display", role: "display" },
  kiosk: { caller: "kiosk", role: "kiosk" },
  clerk: { caller: "clerk", role: "counter" },
  supervisor: { caller: "supervisor", role: "counter" },
  admin: { caller: "admin", role: "counter" },
  operator: { caller: "operator", role: "counter" },
};

const COMMANDS: Record<string, () => Promise<unknown> | unknown> = {
  issueTicket: () => ({ type: "issueTicket", serviceId: "general" }),
  checkInAppointment: () => ({
    type: "checkInAppointment",
    serviceId: "permits",
    appointmentId: "apt_not_through_a_socket",
    slotStart: Date.now(),
  }),
  callNext: () => ({ type: "callNext", counterId: "desk-2" }),
  recall: () => ({ type: "recall", counterId: "desk-2" }),
  startService: () => ({ type: "startService", counterId: "desk-2" }),
  complete: () => ({ type: "complete", counterId: "desk-2" }),
  noShow: () => ({ type: "noShow", counterId: "desk-2" }),
  transfer: () => ({ type: "transfer", counterId: "desk-2", toServiceId: "registry" }),
  callTicket: async () => ({
    type: "callTicket",
    counterId: "desk-3",
    ticketId: (await issueTicket(world.office)).ticket.id,
  }),
  setCounterMode: () => ({ type: "setCounterMode", counterId: "desk-3", mode: "front" }),
  cancelTicket: async () => ({
    type: "cancelTicket",
    ticketId: (await issueTicket(world.office)).ticket.id,
  }),
  configure: () => ({ type: "configure", config: appointmentOfficeConfig({ frontCounters: 3 }) }),
  rollover: () => ({ type: "rollover" }),
  setServiceToday: () => ({ type: "setServiceToday", serviceId: "general", open: true }),
  setNotice: () => ({ type: "setNotice", text: null }),
};

describe("Who may send which live command", () => {
  it("The README's command table covers every command the protocol has.", () => {
    expect([...commandTable.rows.keys()].sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  for (const [command, allowedBy] of commandTable.rows) {
    it(`${command}: ${commandTable.columns.filter((_, i) => allowedBy[i]).join(", ") || "nobody"}.`, async () => {
      for (const [index, column] of commandTable.columns.entries()) {
        const { caller, role } = SOCKET_OF[column]!;
        const socket = await LiveSocket.open(world.office, `v=1&role=${role}`, world.as[caller]);
        await socket.next("snapshot");
        socket.send({
          type: "command",
          requestId: `${command}-${column}`,
          command: await COMMANDS[command]!(),
        });
        const result = await socket.next("result");
        socket.close();
        expect(result.status, `${column}: ${JSON.stringify(result.body)}`).toBeLessThan(500);
        expect(
          result.status === 403 ? "refused" : "allowed",
          `${column} → ${result.status} ${JSON.stringify(result.body).slice(0, 200)}`,
        ).toBe(allowedBy[index] ? "allowed" : "refused");
      }
    });
  }
});

describe("Cross-site requests", () => {
  it("A signed-in browser's request from another site is refused before it reaches the office.", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api${counterPath(world.office, "call-next")}`, {
      method: "POST",
      headers: { ...credentialHeaders(world.as.clerk), "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "cross_site_request",
    );
  });
});
