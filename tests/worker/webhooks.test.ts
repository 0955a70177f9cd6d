import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import {
  SUBSCRIBABLE_TYPES,
  type WebhookEndpointView,
  type WebhookEventCatalogue,
} from "../../shared/protocol/webhooks";
import { webhookUrlProblem } from "../../worker/http/webhook-url";
import { retryDelay, SWITCH_OFF_AFTER_MS } from "../../worker/office/webhooks/delivery";
import { signWebhook } from "../../worker/office/webhooks/signature";
import {
  appointmentOfficeConfig,
  book,
  bookSomewhere,
  officeDays,
  setOfficeClock,
  slotsOf,
} from "./appointment-helpers";
import {
  api,
  callNext,
  closeAllSockets,
  counterAction,
  createOffice,
  expectError,
  issueTicket,
  officeStub,
} from "./helpers";
import {
  createEndpoint,
  deliveryLog,
  endpointView,
  installReceiver,
  officeClock,
  type Received,
  runAlarm,
  TestReceiver,
} from "./webhook-helpers";

afterEach(closeAllSockets);

/** The signature a receiver computes, against every one the header carries. */
async function signedWith(received: Received, secret: string): Promise<boolean> {
  const expected = await signWebhook(
    secret,
    received.headers["webhook-id"]!,
    Number(received.headers["webhook-timestamp"]),
    received.body,
  );
  return received.headers["webhook-signature"]!.split(" ").includes(expected);
}

describe("The Standard Webhooks signature", () => {
  // The vector of the spec's own libraries (standard-webhooks/standard-webhooks,
  // libraries/javascript/src/webhook.test.ts "sign function works", and the Go and Python twins).
  const key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const timestamp = 1614265330;
  const payload = '{"test": 2432232314}';

  it("Signs the spec's test vector exactly as its libraries do, with or without the whsec_ prefix.", async () => {
    const expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    expect(await signWebhook(key, id, timestamp, payload)).toBe(expected);
    expect(await signWebhook(key.slice("whsec_".length), id, timestamp, payload)).toBe(expected);
  });

  it("Gives another signature for another id, timestamp, body or secret (the spec's invalid signature among them).", async () => {
    const good = await signWebhook(key, id, timestamp, payload);
    const others = await Promise.all([
      signWebhook(key, "msg_other", timestamp, payload),
      signWebhook(key, id, timestamp + 1, payload),
      signWebhook(key, id, timestamp, '{"test": 2432232315}'),
      signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx", id, timestamp, payload),
    ]);
    for (const other of others) expect(other).not.toBe(good);
    expect(good).not.toBe("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
  });

  it("Waits 30 s after the first failure, doubling up to 24 h.", () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(12)).toBe(30_000 * 2 ** 11); // about 17 h
    expect(retryDelay(13)).toBe(24 * 60 * 60 * 1000);
    expect(retryDelay(40)).toBe(24 * 60 * 60 * 1000);
  });
});

describe("Webhook endpoints, as an office's administrator sets them", () => {
  it("Lists every event type with the JSON schema of its data, for anyone.", async () => {
    const answer = await api<WebhookEventCatalogue>("GET", "/webhooks/events", {
      as: "anonymous",
    });
    expect(answer.status).toBe(200);
    const types = answer.body.events.map((e) => e.type);
    expect(types).toEqual([...SUBSCRIBABLE_TYPES, "webhook.test"]);
    const called = answer.body.events.find((e) => e.type === "ticket.called")!;
    expect(Object.keys(called.dataSchema.properties as object)).toEqual(
      expect.arrayContaining(["ticketId", "code", "serviceId", "counterId"]),
    );
    expect(JSON.stringify(answer.body)).not.toMatch(/priority|"lang"|channel/);
    expect(answer.body.events.filter((e) => e.contactIfOptedIn).map((e) => e.type)).toEqual(
      types.filter((t) => t.startsWith("appointment.")),
    );
  });

  it("Shows the secret once, at creation: the list never carries it.", async () => {
    const officeId = await createOffice();
    const created = await createEndpoint(officeId, { description: "SMS gateway" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await api("GET", `/offices/${officeId}/webhooks`);
    expect(JSON.stringify(list.body)).not.toContain(created.secret);
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
    expect(created.endpoint).toMatchObject({
      url: "https://hooks.example.org/turno",
      events: ["ticket.issued"],
      includeContact: false,
      description: "SMS gateway",
      enabled: true,
      disabledReason: null,
    });
  });

  it("Refuses a URL that is not http(s), carries a password, or an unknown event type (400).", async () => {
    const officeId = await createOffice();
    for (const url of ["ftp://hooks.example.org/x", "https://user:pw@hooks.example.org/", "nope"])
      expectError(
        await api("POST", `/offices/${officeId}/webhooks`, {
          body: { url, events: ["ticket.issued"] },
        }),
        400,
        "invalid_webhook_url",
      );
    expectError(
      await api("POST", `/offices/${officeId}/webhooks`, {
        body: { url: "https://hooks.example.org/", events: ["ticket.teleported"] },
      }),
      400,
      "invalid_request",
    );
  });

  it("Answers an endpoint id that names nothing, or is no id at all, with 404 unknown_webhook.", async () => {
    const officeId = await createOffice();
    const missing = await api(
      "GET",
      `/offices/${officeId}/webhooks/ep_AAAAAAAAAAAAAAAA/deliveries`,
    );
    expectError(missing, 404, "unknown_webhook");
    expectError(
      await api("PATCH", `/offices/${officeId}/webhooks/not-an-id`, { body: { enabled: false } }),
      404,
      "unknown_webhook",
    );
  });
});

describe("Delivery by the office's alarm", () => {
  it("Sends each subscribed event signed, in seq order, with the body { id, type, occurredAt, officeId, seq, data }.", async () => {
    const officeId = await createOffice();
    const { endpoint, secret } = await createEndpoint(officeId, {
      events: ["ticket.issued", "ticket.called", "ticket.served", "counter.mode_changed"],
    });
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver);
    const first = await issueTicket(officeId, "general", { priority: true, lang: "it" });
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "start"); // ticket.started: not subscribed
    await counterAction(officeId, "desk-1", "complete");
    await counterAction(officeId, "back-1", "mode", { mode: "paused" });
    await runAlarm(officeId);

    expect(receiver.accepted.map((r) => r.parsed.type)).toEqual([
      "ticket.issued",
      "ticket.called",
      "ticket.served",
      "counter.mode_changed",
    ]);
    const seqs = receiver.accepted.map((r) => r.parsed.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const received of receiver.accepted) {
      expect(await signedWith(received, secret)).toBe(true);
      expect(received.headers["webhook-id"]).toBe(received.parsed.id);
      expect(received.parsed.officeId).toBe(officeId);
      expect(received.url).toBe(endpoint.url);
      expect(
        Math.abs(Number(received.headers["webhook-timestamp"]) - Date.now() / 1000),
      ).toBeLessThan(60);
    }
    expect(receiver.accepted[0]!.parsed.data).toEqual({
      ticketId: first.ticket.id,
      code: first.ticket.code,
      serviceId: "general",
      appointmentId: null,
    });
    expect(receiver.accepted[2]!.parsed.data).toMatchObject({
      ticketId: first.ticket.id,
      counterId: "desk-1",
    });
    expect((await endpointView(officeId, endpoint.id)).pending).toBe(0);
  });

  it("Retries a failing and a silent endpoint with backoff and the same id, never sends seq N+1 before N, and loses or repeats nothing when it recovers.", async () => {
    const officeId = await createOffice();
    const { endpoint } = await createEndpoint(officeId);
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver, 100);
    const clock = await officeClock(officeId);
    for (let i = 0; i < 3; i++) await issueTicket(officeId);

    receiver.mode = "fail";
    await runAlarm(officeId);
    expect(receiver.received).toHaveLength(1); // the head only: order is kept
    let view = await endpointView(officeId, endpoint.id);
    expect(view.pending).toBe(3);
    expect(view.failingSince).toBe(clock.now());
    expect(view.nextAttemptAt).toBe(clock.now() + 30_000);

    // Not due yet: the alarm sends nothing.
    clock.advance(29_000);
    await runAlarm(officeId);
    expect(receiver.received).toHaveLength(1);

    clock.advance(1_000);
    receiver.mode = "hang";
    await runAlarm(officeId);
    expect(receiver.received).toHaveLength(2);
    view = await endpointView(officeId, endpoint.id);
    expect(view.nextAttemptAt).toBe(clock.now() + 60_000);
    const log = await deliveryLog(officeId, endpoint.id);
    expect(log.at(-1)).toMatchObject({ attempts: 2, lastStatus: null, deliveredAt: null });
    expect(log.at(-1)!.lastError).toMatch(/timeout/);

    clock.advance(60_000);
    receiver.mode = "refuse";
    await runAlarm(officeId);
    clock.advance(120_000);
    receiver.mode = "ok";
    // An event made while it is failing waits its turn behind the others.
    await issueTicket(officeId);
    await runAlarm(officeId);

    const firstId = receiver.received[0]!.parsed.id;
    expect(receiver.received.slice(0, 4).map((r) => r.parsed.id)).toEqual([
      firstId,
      firstId,
      firstId,
      firstId,
    ]);
    const accepted = receiver.accepted.map((r) => r.parsed);
    expect(accepted).toHaveLength(4);
    expect(new Set(accepted.map((b) => b.id)).size).toBe(4);
    expect(accepted.map((b) => b.seq)).toEqual(
      [...accepted.map((b) => b.seq)].sort((a, b) => a - b),
    );
    expect(accepted.map((b) => (b.data as { code: string }).code)).toEqual([
      "A001",
      "A002",
      "A003",
      "A004",
    ]);
    view = await endpointView(officeId, endpoint.id);
    expect(view).toMatchObject({ pending: 0, failingSince: null, nextAttemptAt: null });
    const done = await deliveryLog(officeId, endpoint.id);
    expect(done.map((d) => d.attempts)).toEqual([1, 1, 1, 4]);
    expect(done.every((d) => d.deliveredAt !== null && d.lastStatus === 204)).toBe(true);
  });

  it("Switches an endpoint off after 3 days of failures, keeps what waited, and sends it all when switched on again.", async () => {
    const officeId = await createOffice();
    const { endpoint } = await createEndpoint(officeId);
    const receiver = new TestReceiver();
    receiver.mode = "fail";
    await installReceiver(officeId, receiver);
    const clock = await officeClock(officeId);
    await issueTicket(officeId);
    const started = clock.now();
    let view: WebhookEndpointView = await endpointView(officeId, endpoint.id);
    for (let attempt = 0; attempt < 30 && view.enabled; attempt++) {
      await runAlarm(officeId);
      view = await endpointView(officeId, endpoint.id);
      if (view.nextAttemptAt !== null)
        clock.now() < view.nextAttemptAt && clock.advance(view.nextAttemptAt - clock.now());
    }
    expect(view).toMatchObject({
      enabled: false,
      disabledReason: "failing",
      failingSince: started,
    });
    expect(clock.now() - started).toBeGreaterThanOrEqual(SWITCH_OFF_AFTER_MS);
    expect(clock.now() - started).toBeLessThan(SWITCH_OFF_AFTER_MS + 25 * 60 * 60 * 1000);
    const attempts = receiver.received.length;
    // Switched off: new events are not written for it, and the alarm no longer tries.
    await issueTicket(officeId);
    clock.advance(2 * 24 * 60 * 60 * 1000);
    await runAlarm(officeId);
    expect(receiver.received).toHaveLength(attempts);
    expect(view.pending).toBe(1);

    receiver.mode = "ok";
    const enabled = await api<WebhookEndpointView>(
      "PATCH",
      `/offices/${officeId}/webhooks/${endpoint.id}`,
      { body: { enabled: true } },
    );
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await runAlarm(officeId);
    expect(receiver.accepted.map((r) => (r.parsed.data as { code: string }).code)).toEqual([
      "A001",
    ]);
  });

  it("Keeps the outbox across a restart: what failed before the eviction is sent after it, once, in order.", async () => {
    const officeId = await createOffice();
    const { endpoint } = await createEndpoint(officeId, {
      events: ["ticket.issued", "ticket.called"],
    });
    const before = new TestReceiver();
    before.mode = "fail";
    await installReceiver(officeId, before);
    await issueTicket(officeId);
    await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await runAlarm(officeId);
    expect(before.accepted).toHaveLength(0);

    const stub = officeStub(officeId);
    await evictDurableObject(stub);
    const after = new TestReceiver();
    await installReceiver(officeId, after);
    // The first retry is 30 s away by the real clock: bring the office's clock there.
    const later = Date.now() + 31_000;
    await runInDurableObject(stub, (office) => {
      office.clock = () => later;
    });
    await runAlarm(officeId);
    expect(after.accepted.map((r) => r.parsed.type)).toEqual([
      "ticket.issued",
      "ticket.issued",
      "ticket.called",
    ]);
    expect(after.accepted[0]!.parsed.id).toBe(before.received[0]!.parsed.id);
    expect((await endpointView(officeId, endpoint.id)).pending).toBe(0);
  });

  it("A dead endpoint never delays a call: the counter is answered while a delivery hangs.", async () => {
    const officeId = await createOffice();
    await createEndpoint(officeId, { events: ["ticket.issued", "ticket.called"] });
    const receiver = new TestReceiver();
    receiver.mode = "hang";
    await installReceiver(officeId, receiver, 3_000);
    await issueTicket(officeId);
    const alarm = runDurableObjectAlarm(officeStub(officeId));
    // Wait until the delivery is out and hanging.
    for (let i = 0; i < 100 && receiver.received.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(receiver.received).toHaveLength(1);
    const started = Date.now();
    await callNext(officeId, "desk-1");
    const callMs = Date.now() - started;
    expect(callMs).toBeLessThan(1_000);
    await alarm;
    expect(receiver.accepted).toHaveLength(0);
  });

  it("Signs with the new and the previous secret for a day after a rotation.", async () => {
    const officeId = await createOffice();
    const { endpoint, secret: old } = await createEndpoint(officeId);
    const rotated = await api<{ secret: string; endpoint: WebhookEndpointView }>(
      "POST",
      `/offices/${officeId}/webhooks/${endpoint.id}/rotate`,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(old);
    expect(rotated.body.endpoint.previousSecretUntil).toBeGreaterThan(Date.now());
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver);
    const clock = await officeClock(officeId);
    await issueTicket(officeId);
    await runAlarm(officeId);
    const [during] = receiver.accepted;
    expect(during!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(await signedWith(during!, old)).toBe(true);
    expect(await signedWith(during!, rotated.body.secret)).toBe(true);

    clock.advance(24 * 60 * 60 * 1000 + 1);
    await issueTicket(officeId);
    await runAlarm(officeId);
    const after = receiver.accepted[1]!;
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(await signedWith(after, old)).toBe(false);
    expect(await signedWith(after, rotated.body.secret)).toBe(true);
  });

  it("Sends a test event to one endpoint when asked, and logs it; a switched-off endpoint is refused (409).", async () => {
    const officeId = await createOffice();
    const one = await createEndpoint(officeId);
    const other = await createEndpoint(officeId);
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver);
    const queued = await api<{ delivery: { id: string; type: string } }>(
      "POST",
      `/offices/${officeId}/webhooks/${one.endpoint.id}/test`,
    );
    expect(queued.status).toBe(202);
    expect(queued.body.delivery.type).toBe("webhook.test");
    await runAlarm(officeId);
    expect(receiver.accepted.map((r) => r.parsed.type)).toEqual(["webhook.test"]);
    expect(receiver.accepted[0]!.parsed.data).toEqual({ endpointId: one.endpoint.id });
    expect(await signedWith(receiver.accepted[0]!, one.secret)).toBe(true);
    const log = await deliveryLog(officeId, one.endpoint.id);
    expect(log[0]).toMatchObject({ id: queued.body.delivery.id, lastStatus: 204 });
    expect(await deliveryLog(officeId, other.endpoint.id)).toEqual([]);

    await api("PATCH", `/offices/${officeId}/webhooks/${other.endpoint.id}`, {
      body: { enabled: false },
    });
    expect((await endpointView(officeId, other.endpoint.id)).disabledReason).toBe("admin");
    expectError(
      await api("POST", `/offices/${officeId}/webhooks/${other.endpoint.id}/test`),
      409,
      "webhook_disabled",
    );
    const removed = await api("DELETE", `/offices/${officeId}/webhooks/${one.endpoint.id}`);
    expect(removed.status).toBe(204);
    expectError(
      await api("GET", `/offices/${officeId}/webhooks/${one.endpoint.id}/deliveries`),
      404,
      "unknown_webhook",
    );
  });
});

describe("Appointment events", () => {
  it("Tells of a check-in (with the ticket it gave), a booking the office's change puts in conflict, and one missed.", async () => {
    const config = appointmentOfficeConfig();
    const officeId = await createOffice(config);
    const { endpoint } = await createEndpoint(officeId, {
      events: ["appointment.checked_in", "appointment.conflict", "appointment.missed"],
    });
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver);
    const today = officeDays(config.timeZone);
    const [first, second] = await slotsOf(
      officeId,
      "permits",
      { from: today.today, to: today.tomorrow },
      "operator",
    );
    const arriving = await book(officeId, { serviceId: "permits", start: first!.start });
    const missing = await book(officeId, { serviceId: "permits", start: second!.start });
    expect([arriving.status, missing.status]).toEqual([201, 201]);
    const later = await bookSomewhere(officeId, { timeZone: config.timeZone });

    await setOfficeClock(officeId, first!.start - 5 * 60_000);
    const checkedIn = await api<{ ticket: { id: string } }>(
      "POST",
      `/offices/${officeId}/appointments/check-in`,
      { body: { code: arriving.body.appointment.code } },
    );
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(201);
    const closed = await api("PUT", `/offices/${officeId}`, {
      body: { ...config, closedDates: [later.appointment.startLocal.slice(0, 10)] },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // Long after the second one's check-in window: the alarm marks it missed.
    await setOfficeClock(officeId, second!.start + 3 * 60 * 60_000);
    await runAlarm(officeId);

    const byType = new Map(receiver.accepted.map((r) => [r.parsed.type, r.parsed.data]));
    expect(byType.get("appointment.checked_in")).toEqual({
      appointmentId: arriving.body.appointment.id,
      serviceId: "permits",
      start: first!.start,
      status: "checked-in",
      ticketId: checkedIn.body.ticket.id,
      lateArrival: false,
    });
    expect(byType.get("appointment.conflict")).toMatchObject({
      appointmentId: later.appointment.id,
      reason: "closed_date",
    });
    expect(byType.get("appointment.missed")).toMatchObject({
      appointmentId: missing.body.appointment.id,
      status: "missed",
    });
    // Without the opt-in, no contact.
    expect(JSON.stringify(receiver.accepted.map((r) => r.parsed))).not.toMatch(/contact|email/);
    expect((await endpointView(officeId, endpoint.id)).pending).toBe(0);
  });
});

describe("Where an office may send", () => {
  it("A deployed host sends only to https on public hosts; an office's LAN install also to http and its own network.", () => {
    const deployed = { lan: false };
    expect(webhookUrlProblem("https://hooks.example.org/turno", deployed)).toBeNull();
    expect(webhookUrlProblem("https://[2001:db8::1]/x", deployed)).toBeNull();
    for (const url of [
      "http://hooks.example.org/turno",
      "https://localhost/x",
      "https://printer.local/x",
      "https://intranet/x",
      "https://10.0.0.7/x",
      "https://172.20.1.1/x",
      "https://192.168.1.10/x",
      "https://127.0.0.1:8080/x",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/x",
      "https://[::1]/x",
      "https://[fd00::1]/x",
      "https://[::ffff:10.0.0.1]/x",
      "ftp://hooks.example.org/x",
      "https://user:pass@hooks.example.org/x",
    ])
      expect(webhookUrlProblem(url, deployed), url).not.toBeNull();
    const lan = { lan: true };
    expect(webhookUrlProblem("http://192.168.1.10:8080/sms", lan)).toBeNull();
    expect(webhookUrlProblem("https://gateway.comune.local/x", lan)).toBeNull();
    expect(webhookUrlProblem("ftp://192.168.1.10/x", lan)).not.toBeNull();
  });
});

describe("Retention of the webhook outbox", () => {
  it("The alarm erases an opted-in contact once its deliveries are done, and forgets the log after 30 days.", async () => {
    const config = appointmentOfficeConfig();
    const officeId = await createOffice(config);
    const { endpoint } = await createEndpoint(officeId, {
      events: ["appointment.booked"],
      includeContact: true,
    });
    const receiver = new TestReceiver();
    await installReceiver(officeId, receiver);
    const clock = await officeClock(officeId);
    await bookSomewhere(officeId, { timeZone: config.timeZone });
    const stored = () =>
      runInDurableObject(officeStub(officeId), (_office, state) =>
        state.storage.sql
          .exec<{ contact: string | null }>("SELECT contact FROM webhook_events")
          .toArray(),
      );
    expect((await stored())[0]!.contact).toContain("@example.org");
    await runAlarm(officeId); // delivers
    await runAlarm(officeId); // retention sees it done
    expect(receiver.accepted[0]!.parsed.data.contact).toBeDefined();
    expect(await stored()).toEqual([{ contact: null }]);
    expect(await deliveryLog(officeId, endpoint.id)).toHaveLength(1);

    clock.advance(31 * 24 * 60 * 60 * 1000);
    await runAlarm(officeId);
    expect(await deliveryLog(officeId, endpoint.id)).toEqual([]);
    expect(await stored()).toEqual([]);
  });
});
