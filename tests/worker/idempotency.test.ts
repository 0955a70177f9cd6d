import { describe, expect, it } from "vitest";
import type { CounterAnswer, IssuedTicket } from "../../shared/protocol/responses";
import {
  api,
  callNext,
  counterAction,
  createOffice,
  expectError,
  getOffice,
  getTicket,
  issueTicket,
  newOfficeId,
  testOfficeConfig,
} from "./helpers";

const withKey = (key: string) => ({ "Idempotency-Key": key });

describe("Idempotency-Key", () => {
  it("Issuing twice with the same key answers the same body both times and issues only one ticket.", async () => {
    const officeId = await createOffice();
    const request = { body: { serviceId: "general" }, headers: withKey("kiosk-1-press-1") };
    const first = await api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, request);
    const retry = await api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, request);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const view = await getOffice(officeId);
    expect(view.queue.map((t) => t.code)).toEqual(["A001"]);
    expect((await issueTicket(officeId)).ticket.code).toBe("A002");
  });

  it("Retries fired at the same time with the same key still issue only one ticket.", async () => {
    const officeId = await createOffice();
    const request = { body: { serviceId: "registry" }, headers: withKey("burst") };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, request),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.token)).size).toBe(1);
    expect((await getOffice(officeId)).queue).toHaveLength(1);
  });

  it("The same key with a different body is 422 idempotency_key_reused and changes nothing.", async () => {
    const officeId = await createOffice();
    await api("POST", `/offices/${officeId}/tickets`, {
      body: { serviceId: "general" },
      headers: withKey("k"),
    });
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, {
        body: { serviceId: "registry" },
        headers: withKey("k"),
      }),
      422,
      "idempotency_key_reused",
    );
    expect((await getOffice(officeId)).queue.map((t) => t.code)).toEqual(["A001"]);
  });

  it("The same key on a different route is 422 idempotency_key_reused.", async () => {
    const officeId = await createOffice();
    await api("POST", `/offices/${officeId}/tickets`, {
      body: { serviceId: "general" },
      headers: withKey("k"),
    });
    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
        body: {},
        headers: withKey("k"),
      }),
      422,
      "idempotency_key_reused",
    );
  });

  it("A retried call-next gets the first answer and neither completes the ticket being served nor calls another.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId);
    const second = await issueTicket(officeId);
    const third = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "start");
    // This press completes the first ticket and calls the second.
    const press = await counterAction(officeId, "desk-1", "call-next", {}, withKey("press-7"));
    expect(press.counter.ticket?.id).toBe(second.ticket.id);
    await counterAction(officeId, "desk-1", "start");
    // Without the key, this retry would complete the second ticket and call the third.
    const retry = await api<CounterAnswer>(
      "POST",
      `/offices/${officeId}/counters/desk-1/call-next`,
      {
        body: {},
        headers: withKey("press-7"),
      },
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(press);
    expect((await getTicket(officeId, first.token)).status).toBe("done");
    expect((await getTicket(officeId, second.token)).status).toBe("serving");
    expect((await getTicket(officeId, third.token)).status).toBe("waiting");
  });

  it("A refusal is remembered too: a retry does not succeed later by surprise.", async () => {
    const officeId = await createOffice();
    const press = () =>
      api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
        body: {},
        headers: withKey("early-press"),
      });
    expectError(await press(), 409, "queue_empty");
    const waiting = await issueTicket(officeId);
    expectError(await press(), 409, "queue_empty");
    expect((await getTicket(officeId, waiting.token)).status).toBe("waiting");
  });

  it("Cancelling by token with a key can be retried: the retry answers 200 again instead of 404.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const cancel = () =>
      api("DELETE", `/offices/${officeId}/tickets/${mine.token}`, { headers: withKey("bye") });
    const first = await cancel();
    const retry = await cancel();
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  it("Creating an office with a key can be retried: the retry answers the same 201.", async () => {
    const officeId = newOfficeId();
    const put = () =>
      api("PUT", `/offices/${officeId}`, { body: testOfficeConfig(), headers: withKey("setup") });
    const first = await put();
    const retry = await put();
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await getOffice(officeId)).seq).toBe(1);
  });

  it("Keys belong to one office: the same key at two offices issues a ticket at each.", async () => {
    const officeA = await createOffice();
    const officeB = await createOffice();
    const request = { body: { serviceId: "general" }, headers: withKey("shared-key") };
    const a = await api<IssuedTicket>("POST", `/offices/${officeA}/tickets`, request);
    const b = await api<IssuedTicket>("POST", `/offices/${officeB}/tickets`, request);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.token).not.toBe(b.body.token);
  });
});
