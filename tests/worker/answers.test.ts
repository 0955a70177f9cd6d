import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import "../../worker/app";
import { ErrorBody } from "../../shared/protocol/api";
import { ROUTES, type RouteSpec } from "../../worker/http/route";
import {
  appointmentOfficeConfig,
  book,
  bookSomewhere,
  officeDays,
  setOfficeClock,
  slotsOf,
} from "./appointment-helpers";
import { from, newAddress, newPairingCode } from "./auth-helpers";
import {
  type ApiResult,
  api,
  closeAllSockets,
  createOffice,
  issueTicket,
  LiveSocket,
  pairedDevice,
  signedIn,
  TEST_PASSWORD,
  testOfficeConfig,
} from "./helpers";

/**
 * The API keeps its word: for every route of the table, one real call whose
 * success answer must validate against the schema its spec declares (the
 * same one the OpenAPI document publishes and the clients parse with). A
 * route without a case here fails, so a new route cannot skip it.
 */

// Sign-ins cost ~0.35 s of Argon2id each, and the machine may be busy.
vi.setConfig({ testTimeout: 30_000 });

afterEach(closeAllSockets);

/** A real call of a route; answers what came back (its status is checked against the spec). */
type Case = () => Promise<ApiResult | { status: number; contentType: string }>;

let office: string;
const desk = (officeId: string, action: string) => `/offices/${officeId}/counters/desk-1/${action}`;

/** A counter action at desk-1 of a new office, once it has called a ticket. */
async function afterCall(action: string, body: unknown = {}): Promise<ApiResult> {
  const officeId = await createOffice();
  await issueTicket(officeId);
  const answer = await api("POST", desk(officeId, "call-next"), { body: {} });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return api("POST", desk(officeId, action), { body });
}

async function person(role: "clerk" | "supervisor" | "admin" = "clerk") {
  return signedIn([{ office, role }]);
}

const CASES: Record<string, Case> = {
  getOffice: () => api("GET", `/offices/${office}`),
  configureOffice: async () =>
    api("PUT", `/offices/${await createOffice()}`, {
      body: testOfficeConfig({ patch: { name: "Renamed office" } }),
    }),
  issueTicket: () => api("POST", `/offices/${office}/tickets`, { body: { serviceId: "general" } }),
  getTicket: async () =>
    api("GET", `/offices/${office}/tickets/${(await issueTicket(office)).token}`),
  cancelTicket: async () =>
    api("DELETE", `/offices/${office}/tickets/${(await issueTicket(office)).token}`),
  giveFeedback: async () => {
    const officeId = await createOffice();
    const { token } = await issueTicket(officeId);
    for (const action of ["call-next", "start", "complete"])
      expect((await api("POST", desk(officeId, action), { body: {} })).status).toBe(200);
    return api("POST", `/offices/${officeId}/tickets/${token}/feedback`, {
      body: { score: 4, reasons: ["courtesy"] },
    });
  },
  callNext: async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    return api("POST", desk(officeId, "call-next"), { body: {} });
  },
  recall: () => afterCall("recall"),
  startService: () => afterCall("start"),
  complete: () => afterCall("complete"),
  noShow: () => afterCall("no-show"),
  transfer: () => afterCall("transfer", { serviceId: "registry" }),
  callTicket: async () => {
    const waiting = await issueTicket(office, "registry");
    return api("POST", `/offices/${office}/counters/desk-2/call`, {
      body: { ticketId: waiting.ticket.id },
    });
  },
  setCounterMode: () =>
    api("PUT", `/offices/${office}/counters/back-1/mode`, { body: { mode: "paused" } }),
  live: async () => {
    await LiveSocket.open(office, "v=1&role=display");
    return { status: 101, contentType: "" };
  },
  login: async () => {
    const { username } = await person();
    return api("POST", "/auth/login", {
      as: "anonymous",
      headers: from(newAddress()),
      body: { username, password: TEST_PASSWORD },
    });
  },
  logout: async () => api("POST", "/auth/logout", { as: (await person()).as }),
  me: async () => api("GET", "/auth/me", { as: (await person()).as }),
  changePassword: async () =>
    api("POST", "/auth/password", {
      as: (await person()).as,
      body: { currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD} again` },
    }),
  listAccounts: () => api("GET", "/accounts"),
  createAccount: () =>
    api("POST", "/accounts", {
      body: {
        username: `u${crypto.randomUUID().slice(0, 8)}`,
        displayName: "New clerk",
        password: TEST_PASSWORD,
        grants: [{ office, role: "clerk" }],
      },
    }),
  updateAccount: async () =>
    api("PATCH", `/accounts/${(await person()).accountId}`, { body: { displayName: "Renamed" } }),
  createPairingCode: () =>
    api("POST", `/offices/${office}/pairing-codes`, { body: { role: "kiosk", name: "Door" } }),
  pairDevice: async () =>
    api("POST", `/offices/${office}/devices/pair`, {
      as: "anonymous",
      headers: from(newAddress()),
      body: { code: await newPairingCode(office, "display") },
    }),
  adoptDevice: async () =>
    api("POST", `/offices/${office}/devices/adopt`, {
      as: "anonymous",
      body: { token: (await pairedDevice(office)).token },
    }),
  currentDevice: async () =>
    api("GET", `/offices/${office}/devices/me?role=kiosk`, { as: (await pairedDevice(office)).as }),
  listDevices: () => api("GET", `/offices/${office}/devices`),
  revokeDevice: async () =>
    api("DELETE", `/offices/${office}/devices/${(await pairedDevice(office)).deviceId}`),
  officeAudit: () => api("GET", `/offices/${office}/audit?limit=5`),
  installationAudit: () => api("GET", "/audit?limit=5"),
  setupStatus: () => api("GET", "/setup/status?username=nobody"),
  setupAccount: () =>
    api("POST", "/setup/accounts", {
      body: { username: `u${crypto.randomUUID().slice(0, 8)}`, password: TEST_PASSWORD },
    }),
  webhookEvents: () => api("GET", "/webhooks/events", { as: "anonymous" }),
  listWebhooks: () => api("GET", `/offices/${office}/webhooks`),
  createWebhook: () =>
    api("POST", `/offices/${office}/webhooks`, {
      body: { url: "https://hooks.example.org/a", events: ["ticket.issued"] },
    }),
  changeWebhook: async () =>
    api("PATCH", `/offices/${office}/webhooks/${await webhook()}`, {
      body: { events: ["ticket.called"], includeContact: true },
    }),
  deleteWebhook: async () => api("DELETE", `/offices/${office}/webhooks/${await webhook()}`),
  rotateWebhookSecret: async () =>
    api("POST", `/offices/${office}/webhooks/${await webhook()}/rotate`),
  testWebhook: async () => api("POST", `/offices/${office}/webhooks/${await webhook()}/test`),
  webhookDeliveries: async () =>
    api("GET", `/offices/${office}/webhooks/${await webhook()}/deliveries`),
  setupDevice: () =>
    api("POST", "/setup/devices", { body: { office, role: "display", name: "Hall" } }),
  setupCheckDevice: async () =>
    api("POST", "/setup/devices/check", {
      body: { office, token: (await pairedDevice(office)).token },
    }),
  setServiceToday: () =>
    api("PUT", `/offices/${office}/services/registry/today`, { body: { open: false } }),
  setNotice: () => api("PUT", `/offices/${office}/notice`, { body: { text: "Back at noon" } }),
  today: () => api("GET", `/offices/${office}/today`),
  report: () => api("GET", `/offices/${office}/reports?from=2026-01-01&to=2026-01-31`),
  ticketsCsv: async () => {
    const answer = await api(
      "GET",
      `/offices/${office}/reports/tickets.csv?from=2026-01-01&to=2026-01-31`,
    );
    return { status: answer.status, contentType: answer.headers.get("content-type") ?? "" };
  },
  appointmentsCsv: async () => {
    const answer = await api(
      "GET",
      `/offices/${office}/reports/appointments.csv?from=2026-01-01&to=2026-01-31`,
    );
    return { status: answer.status, contentType: answer.headers.get("content-type") ?? "" };
  },
  feedbackReport: () =>
    api("GET", `/offices/${office}/reports/feedback?from=2026-01-01&to=2026-01-31`),
  feedbackCsv: async () => {
    const answer = await api(
      "GET",
      `/offices/${office}/reports/feedback.csv?from=2026-01-01&to=2026-01-31`,
    );
    return { status: answer.status, contentType: answer.headers.get("content-type") ?? "" };
  },
  importHistory: () => api("POST", `/setup/offices/${office}/history`, { body: { tickets: [] } }),
  appointmentSlots: () =>
    api(
      "GET",
      `/offices/${bookable}/services/permits/slots?from=${days().tomorrow}&to=${days().after(3)}`,
    ),
  bookingChallenge: () =>
    api("GET", `/offices/${bookable}/appointments/challenge`, { as: "anonymous" }),
  bookAppointment: async () => {
    const slot = await freeSlot();
    // As the public, with its proof of work: the answer is the same as staff get.
    return book(bookable, { serviceId: "permits", start: slot.start }, { as: "anonymous" });
  },
  dayAppointments: async () => {
    await bookSomewhere(bookable, { timeZone: bookableZone });
    return api("GET", `/offices/${bookable}/appointments?date=${days().after(3)}`);
  },
  getAppointment: async () =>
    api("GET", `/offices/${bookable}/appointments/${(await held()).token}`),
  moveAppointment: async () => {
    const mine = await held();
    const slot = await freeSlot(mine.appointment.start);
    return api("PATCH", `/offices/${bookable}/appointments/${mine.token}`, {
      body: { start: slot.start },
    });
  },
  cancelAppointment: async () =>
    api("DELETE", `/offices/${bookable}/appointments/${(await held()).token}`),
  appointmentCalendar: async () => {
    const answer = await api(
      "GET",
      `/offices/${bookable}/appointments/${(await held()).token}/calendar.ics`,
    );
    return { status: answer.status, contentType: answer.headers.get("content-type") ?? "" };
  },
  checkInAppointment: async () => {
    const { officeId, mine } = await bookingDueNow();
    return api("POST", `/offices/${officeId}/appointments/check-in`, {
      body: { code: mine.appointment.code },
    });
  },
  appointmentConflicts: async () => {
    const { officeId } = await bookingInConflict();
    return api("GET", `/offices/${officeId}/appointment-conflicts`);
  },
  keepConflictingAppointment: async () => {
    const { officeId, mine } = await bookingInConflict();
    return api("POST", `/offices/${officeId}/appointment-conflicts/${mine.appointment.id}/keep`);
  },
  cancelConflictingAppointment: async () => {
    const { officeId, mine } = await bookingInConflict();
    return api("POST", `/offices/${officeId}/appointment-conflicts/${mine.appointment.id}/cancel`);
  },
  checkInMyAppointment: async () => {
    const { officeId, mine } = await bookingDueNow();
    return api("POST", `/offices/${officeId}/appointments/${mine.token}/check-in`, {
      as: "anonymous",
    });
  },
};

/** A new webhook endpoint of the shared office, its id. */
async function webhook(): Promise<string> {
  const created = await api<{ endpoint: { id: string } }>("POST", `/offices/${office}/webhooks`, {
    body: { url: "https://hooks.example.org/b", events: ["ticket.issued"] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.endpoint.id;
}

/** An office taking bookings (appointment-helpers.ts), and its days. */
let bookable: string;
let bookableZone: string;
const days = () => officeDays(bookableZone);
const held = () => bookSomewhere(bookable, { timeZone: bookableZone });

/** A free slot of permits three days ahead, other than `not`. */
async function freeSlot(not?: number) {
  const slots = await slotsOf(bookable, "permits", { from: days().after(3), to: days().after(3) });
  const free = slots.filter((slot) => slot.seatsLeft > 0 && slot.start !== not);
  return free[Math.floor(Math.random() * free.length)]!;
}

/** A booking at the next slot from now, with the office's clock inside its check-in window. */
async function bookingDueNow() {
  const config = appointmentOfficeConfig();
  const officeId = await createOffice(config);
  const today = officeDays(config.timeZone);
  const [slot] = await slotsOf(
    officeId,
    "permits",
    { from: today.today, to: today.tomorrow },
    "operator",
  );
  const booked = await book(officeId, { serviceId: "permits", start: slot!.start });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  await setOfficeClock(officeId, slot!.start - 5 * 60_000);
  return { officeId, mine: booked.body };
}

/** A booking three days ahead whose date the office then closes: in conflict. */
async function bookingInConflict() {
  const config = appointmentOfficeConfig();
  const officeId = await createOffice(config);
  const mine = await bookSomewhere(officeId, { timeZone: config.timeZone });
  const day = mine.appointment.startLocal.slice(0, 10);
  const closed = await api("PUT", `/offices/${officeId}`, {
    body: { ...config, closedDates: [day] },
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  return { officeId, mine };
}

beforeAll(async () => {
  office = await createOffice();
  const config = appointmentOfficeConfig();
  bookableZone = config.timeZone;
  bookable = await createOffice(config);
});

/** Routes that answer 201 when they create and 200 when they change. */
const CREATES_OR_CHANGES = new Set(["configureOffice", "setupAccount"]);

function expectAnswerKeepsItsSpec(route: RouteSpec, answer: Awaited<ReturnType<Case>>): void {
  const { success } = route;
  const statuses = CREATES_OR_CHANGES.has(route.operationId) ? [200, 201] : [success.status];
  const shown = "body" in answer ? JSON.stringify(answer.body).slice(0, 400) : "";
  expect(statuses, `${route.operationId} answered ${answer.status}: ${shown}`).toContain(
    answer.status,
  );
  if (success.body) {
    expect("body" in answer, `${route.operationId} answers JSON`).toBe(true);
    const body = "body" in answer ? answer.body : undefined;
    const parsed = success.body.safeParse(body);
    expect(
      parsed.success,
      `${route.operationId}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`,
    ).toBe(true);
  } else if (success.mediaType && "contentType" in answer) {
    expect(answer.contentType).toContain(success.mediaType);
  }
}

describe("Every route's answers match the schema its spec declares", () => {
  it("Every route in the table has a case here (a new route cannot skip this test).", () => {
    const missing = ROUTES.map((route) => route.operationId).filter((id) => !(id in CASES));
    expect(missing).toEqual([]);
    const stale = Object.keys(CASES).filter((id) => !ROUTES.some((r) => r.operationId === id));
    expect(stale, "cases for routes that no longer exist").toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${route.operationId} (${route.method.toUpperCase()} ${route.path}) answers ${route.success.status} as declared.`, async () => {
      const run = CASES[route.operationId];
      expect(run, `no case for ${route.operationId}`).toBeDefined();
      expectAnswerKeepsItsSpec(route, await run!());
    });
  }

  it("An error answer of every kind has the declared error body.", async () => {
    const refusals = [
      await api("GET", "/offices/Not_A_Slug"),
      await api("POST", `/offices/${office}/tickets`, {
        rawBody: "{",
        headers: { "content-type": "application/json" },
      }),
      await api("GET", "/accounts", { as: "anonymous" }),
      await api("GET", `/offices/${office}/audit?limit=0`),
    ];
    for (const refusal of refusals) {
      expect(ErrorBody.safeParse(refusal.body).success, JSON.stringify(refusal.body)).toBe(true);
    }
  });
});
