import { afterEach, describe, expect, it } from "vitest";
import { fromOfficeState, fromOfficeView } from "../../display/model/display-data";
import { evolve } from "../../shared/engine";
import type { OfficeState } from "../../shared/protocol";
import type { IssuedTicket } from "../../shared/protocol/responses";
import {
  SUBSCRIBABLE_TYPES,
  WEBHOOK_EVENT_DATA,
  WebhookBody,
} from "../../shared/protocol/webhooks";
import { appointmentOfficeConfig, bookSomewhere, officeDays, slotsOf } from "./appointment-helpers";
import {
  api,
  type Credentials,
  callNext,
  closeAllSockets,
  counterAction,
  createOffice,
  LiveSocket,
  pairedDevice,
  testOfficeConfig,
} from "./helpers";
import {
  createEndpoint,
  installReceiver,
  type Received,
  runAlarm,
  TestReceiver,
} from "./webhook-helpers";

/**
 * Privacy of the public office view and of the displays (issue 9, point 4):
 * what an anonymous caller or a waiting-room screen receives carries codes,
 * counters, counts and waits, never who a ticket is for — no priority flag
 * (disability, pregnancy: health data), no language, no channel, no name,
 * and never a ticket's tracking token (its holder's key to follow or cancel it).
 */

afterEach(closeAllSockets);

/** Keys that say something about a person, or let someone act for them. */
const PERSONAL_KEYS = new Set([
  "priority",
  "lang",
  "language",
  "channel",
  "token",
  "trackingUrl",
  "name",
  "displayName",
  "username",
  "phone",
  "email",
  "address",
  "actor",
  "accountId",
  "sessionId",
  "clerk",
  "clerkName",
]);

/** `name` is the office's and its counters' ("Sportello 3"), nobody's own. */
const PUBLIC_NAME = /^\$(\.state\.config|\.events\[\d+\]\.config)?(\.counters\[\d+\])?\.name$/;
/** The office's own `address` in its configuration is where it stands, nobody's network address. */
const OFFICE_ADDRESS = /^\$(\.state\.config|\.events\[\d+\]\.config)\.address$/;

/** Every path in a JSON value whose key is a personal one. */
function personalFields(value: unknown, path = "$"): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => personalFields(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const here = `${path}.${key}`;
    const publicField =
      (key === "name" && PUBLIC_NAME.test(here)) ||
      (key === "address" && OFFICE_ADDRESS.test(here));
    const own = PERSONAL_KEYS.has(key) && !publicField ? [here] : [];
    return [...own, ...personalFields(item, here)];
  });
}

/** Frames or bodies as they came over the wire, each with the personal fields it carries. */
function leaks(values: unknown[]): { frame: unknown; fields: string[] }[] {
  return values
    .map((frame) => ({ frame, fields: personalFields(frame) }))
    .filter((found) => found.fields.length > 0)
    .map(({ frame, fields }) => ({
      frame: (frame as { type?: string }).type ?? "view",
      fields,
    }));
}

/**
 * An office with tickets of every kind a person can take: priority ones with a
 * language from staff and from a kiosk, a remote one, one transferred to a
 * desk, one called (so a counter holds it) and one recalled.
 */
async function busyOffice() {
  const officeId = await createOffice(
    testOfficeConfig({
      patch: { allowRemoteTickets: true, address: "Piazza della Vittoria 1, Scandicci" },
    }),
  );
  const kiosk = await pairedDevice(officeId, "kiosk");
  const issue = async (
    body: { serviceId: string; priority?: boolean; lang?: string },
    as: Credentials,
  ) => {
    const issued = await api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, { body, as });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    return issued.body;
  };
  return {
    officeId,
    async fill() {
      const tickets = [
        await issue({ serviceId: "general", priority: true, lang: "en" }, "operator"),
        await issue({ serviceId: "registry", priority: true, lang: "it" }, kiosk.as),
        await issue({ serviceId: "general", lang: "en" }, "anonymous"),
        await issue({ serviceId: "registry", priority: true, lang: "en" }, kiosk.as),
        await issue({ serviceId: "general", lang: "it" }, "operator"),
      ];
      expect(tickets.map((t) => t.ticket.channel)).toEqual([
        "staff",
        "kiosk",
        "remote",
        "kiosk",
        "staff",
      ]);
      const called = await callNext(officeId, "desk-1");
      expect(called.priority).toBe(true);
      await counterAction(officeId, "desk-1", "recall");
      await counterAction(officeId, "desk-1", "start");
      await counterAction(officeId, "desk-1", "transfer", { counterId: "desk-2" });
      await callNext(officeId, "desk-1");
      return tickets;
    },
  };
}

describe("What anyone may read over HTTP", () => {
  it("GET /api/offices/{office}, anonymous, carries no ticket's priority, language, channel, name or token.", async () => {
    const office = await busyOffice();
    const tickets = await office.fill();
    const view = await api<Record<string, unknown>>("GET", `/offices/${office.officeId}`, {
      as: "anonymous",
    });
    expect(view.status).toBe(200);
    expect(leaks([view.body])).toEqual([]);
    // Not empty for lack of tickets: the waiting ones and the counters' ones are there, by code.
    const text = JSON.stringify(view.body);
    for (const { ticket } of tickets) expect(text).toContain(ticket.code);
    for (const { token } of tickets) expect(text).not.toContain(token);
  });

  it("The view a display polls when its socket fails (same route, its own cookie, a cache-busting query) carries none either.", async () => {
    const office = await busyOffice();
    const display = await pairedDevice(office.officeId, "display");
    await office.fill();
    const view = await api("GET", `/offices/${office.officeId}?t=${Date.now().toString(36)}`, {
      as: display.as,
    });
    expect(view.status).toBe(200);
    expect(leaks([view.body])).toEqual([]);
    expect(fromOfficeView(view.body)?.services.map((s) => s.waiting)).toEqual([2, 1]);
  });

  it("The public queue lists waiting tickets in order of arrival, so its order does not tell who has priority.", async () => {
    const office = await busyOffice();
    const tickets = await office.fill();
    const view = await api<{ queue: { code: string }[] }>("GET", `/offices/${office.officeId}`, {
      as: "anonymous",
    });
    const waiting = view.body.queue.map((t) => t.code);
    const issued = tickets.map((t) => t.ticket.code).filter((code) => waiting.includes(code));
    expect(waiting).toEqual(issued);
  });
});

describe("What a waiting-room display receives on its socket", () => {
  it("The snapshot a paired display gets on connect, and after sync, carries no one's priority, language, channel, name or token.", async () => {
    const office = await busyOffice();
    const tickets = await office.fill();
    const display = await pairedDevice(office.officeId, "display");
    const screen = await LiveSocket.open(office.officeId, "v=1&role=display", display.as);
    const snapshot = await screen.next("snapshot");
    screen.send({ type: "sync" });
    await screen.next("snapshot");
    expect(screen.raw).toHaveLength(2);
    expect(leaks(screen.raw)).toEqual([]);
    expect(Object.keys(snapshot.state.tickets)).toHaveLength(5);
    const text = JSON.stringify(screen.raw);
    for (const { token } of tickets) expect(text).not.toContain(token);
  });

  it("Every events frame a display gets while tickets are issued, called, recalled, started, transferred and finished carries none either.", async () => {
    const office = await busyOffice();
    const screen = await LiveSocket.open(office.officeId, "v=1&role=display");
    await screen.next("snapshot");
    const tickets = await office.fill();
    await counterAction(office.officeId, "desk-2", "call-next");
    await counterAction(office.officeId, "desk-2", "no-show");
    await screen.until(
      () => screen.received.filter((m) => m.type === "events").length >= 12,
      "every change",
    );
    const events = screen.raw.filter((frame) => (frame as { type?: string }).type === "events");
    expect(JSON.stringify(events)).toContain('"ticketIssued"');
    expect(leaks(events)).toEqual([]);
    const text = JSON.stringify(events);
    for (const { token } of tickets) expect(text).not.toContain(token);
  });

  it("A display folding its public frames shows the same queues, waits and calls as the office view.", async () => {
    const office = await busyOffice();
    const screen = await LiveSocket.open(office.officeId, "v=1&role=display");
    const snapshot = await screen.next("snapshot");
    await office.fill();
    const view = await api("GET", `/offices/${office.officeId}`, { as: "anonymous" });
    const seq = (view.body as { seq: number }).seq;
    let state = structuredClone(snapshot.state);
    let folded = snapshot.seq;
    while (folded < seq) {
      const frame = await screen.next("events");
      for (const event of frame.events) state = evolve(state, event);
      folded = frame.seq + frame.events.length - 1;
    }
    const shown = fromOfficeState(state);
    expect(shown).toEqual(fromOfficeView(view.body));
    expect(shown.services.map((s) => [s.id, s.waiting, s.estimatedWaitSeconds])).toEqual([
      ["general", 2, 300],
      ["registry", 1, 300],
    ]);
    expect(shown.calls.map((c) => c.code)).toEqual(["B001", "A001"]);
  });

  it("Staff keep the whole state: a counter console's socket still carries each ticket's priority and language.", async () => {
    const office = await busyOffice();
    await office.fill();
    const counter = await LiveSocket.open(office.officeId, "v=1&role=counter");
    const snapshot = await counter.next("snapshot");
    const state = snapshot.state as OfficeState;
    expect(Object.values(state.tickets).some((t) => t.priority && t.lang === "en")).toBe(true);
    expect(leaks(counter.raw).flatMap((l) => l.fields)).toContain(
      `$.state.tickets.${Object.keys(state.tickets)[0]}.priority`,
    );
  });
});

describe("What an office's webhooks send (issue 15)", () => {
  it("No delivery carries a priority, language, channel, name, contact or token; an appointment's contact goes only to an endpoint that opted in.", async () => {
    const office = await busyOffice();
    const { officeId } = office;
    const every = SUBSCRIBABLE_TYPES;
    const plain = await createEndpoint(officeId, { events: [...every] });
    const withContact = await createEndpoint(officeId, {
      url: "https://sms.example.org/turno",
      events: [...every],
      includeContact: true,
    });
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver);
    const tickets = await office.fill();
    await counterAction(officeId, "desk-1", "complete");
    await counterAction(officeId, "back-1", "mode", { mode: "paused" });
    await api("PUT", `/offices/${officeId}/services/general/today`, { body: { open: false } });
    await api("DELETE", `/offices/${officeId}/tickets/${tickets[4]!.token}`);
    // Appointments: booked, moved, cancelled (the office takes them once configured for it).
    const config = appointmentOfficeConfig();
    const configured = await api("PUT", `/offices/${officeId}`, { body: config });
    expect(configured.status, JSON.stringify(configured.body)).toBe(200);
    const booked = await bookSomewhere(officeId, { timeZone: config.timeZone, as: "anonymous" });
    const days = officeDays(config.timeZone);
    const [slot] = (
      await slotsOf(officeId, "permits", { from: days.after(21), to: days.after(22) })
    ).filter((s) => s.seatsLeft > 0);
    const moved = await api("PATCH", `/offices/${officeId}/appointments/${booked.token}`, {
      as: "anonymous",
      body: { start: slot!.start },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await api("DELETE", `/offices/${officeId}/appointments/${booked.token}`, { as: "anonymous" });
    await runAlarm(officeId);

    const to = (id: string) =>
      receiver.accepted.filter((r) => r.parsed.data && plainOrContact(r) === id);
    const plainOrContact = (r: Received) =>
      r.url === withContact.endpoint.url ? withContact.endpoint.id : plain.endpoint.id;
    const plainBodies = to(plain.endpoint.id).map((r) => r.parsed);
    expect(new Set(plainBodies.map((b) => b.type))).toEqual(
      new Set([
        "ticket.issued",
        "ticket.called",
        "ticket.recalled",
        "ticket.started",
        "ticket.transferred",
        "ticket.served",
        "ticket.cancelled",
        "counter.mode_changed",
        "service.closed_for_today",
        "appointment.booked",
        "appointment.moved",
        "appointment.cancelled",
      ]),
    );
    expect(leaks(plainBodies)).toEqual([]);
    // Each body is what GET /api/webhooks/events says it is.
    for (const body of receiver.accepted.map((r) => r.parsed)) {
      const schema = WEBHOOK_EVENT_DATA[body.type as keyof typeof WEBHOOK_EVENT_DATA];
      expect(WebhookBody.safeParse(body).success, body.type).toBe(true);
      expect(schema.safeParse(body.data).error?.issues, body.type).toBeUndefined();
    }
    const text = JSON.stringify(plainBodies);
    for (const { token } of tickets) expect(text).not.toContain(token);
    expect(text).not.toContain(booked.token);
    expect(text).not.toContain(booked.appointment.code);

    const contactBodies = to(withContact.endpoint.id).map((r) => r.parsed);
    const ticketsOnly = contactBodies.filter((b) => !b.type.startsWith("appointment."));
    expect(leaks(ticketsOnly)).toEqual([]);
    const appointments = contactBodies.filter((b) => b.type.startsWith("appointment."));
    expect(appointments).toHaveLength(3);
    for (const body of appointments)
      expect(body.data.contact).toMatchObject({
        name: "Maria Rossi",
        email: expect.stringContaining("@example.org"),
        code: booked.appointment.code,
      });
  });
});
