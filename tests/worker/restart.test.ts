import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import type { IssuedTicket } from "../../shared/protocol/responses";
import {
  api,
  callNext,
  closeAllSockets,
  counterAction,
  createOffice,
  getOffice,
  getTicket,
  issueTicket,
  LiveSocket,
  officeStub,
} from "./helpers";

afterEach(closeAllSockets);

/** Objects restart on deploys and evictions; everything but open sockets must come back from storage. */
describe("An office object that restarts", () => {
  it("A restarted office comes back with every ticket, each counter's current ticket, the queue, the numbering and the sequence number.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId);
    const second = await issueTicket(officeId, "registry", { priority: true });
    const third = await issueTicket(officeId, "general", { lang: "it" });
    const fourth = await issueTicket(officeId);
    await callNext(officeId, "desk-1"); // the priority ticket
    await counterAction(officeId, "desk-1", "recall");
    await counterAction(officeId, "desk-1", "start");
    await callNext(officeId, "desk-2"); // first
    await counterAction(officeId, "desk-2", "transfer", { serviceId: "registry" });
    await counterAction(officeId, "back-1", "mode", { mode: "paused" });
    await api("DELETE", `/offices/${officeId}/tickets/${fourth.token}`);
    const before = await getOffice(officeId);
    const ticketsBefore = await Promise.all(
      [first, second, third, fourth].map((t) => getTicket(officeId, t.token)),
    );

    const stub = officeStub(officeId);
    const marker = () => Date.now();
    await runInDurableObject(stub, (office) => {
      office.clock = marker;
    });
    await evictDurableObject(stub);

    const after = await getOffice(officeId);
    // A new instance answered: the one that held the marker is gone.
    expect(await runInDurableObject(stub, (office) => office.clock === marker)).toBe(false);
    expect(after.seq).toBe(before.seq);
    expect(after.day).toBe(before.day);
    expect(after.counters).toEqual(before.counters);
    expect(after.counters[0]?.ticket).toMatchObject({
      id: second.ticket.id,
      status: "serving",
      recalls: 1,
    });
    expect(after.counters[2]?.mode).toBe("paused");
    expect(after.queue).toEqual(before.queue);
    expect(after.queue.find((t) => t.id === first.ticket.id)).toMatchObject({
      serviceId: "registry",
      transfers: 1,
    });
    expect(after.recentCalls).toEqual(before.recentCalls);
    expect(after.services).toEqual(before.services);
    const ticketsAfter = await Promise.all(
      [first, second, third, fourth].map((t) => getTicket(officeId, t.token)),
    );
    expect(ticketsAfter).toEqual(ticketsBefore);
    expect(ticketsAfter.map((t) => t.status)).toEqual([
      "waiting",
      "serving",
      "waiting",
      "cancelled",
    ]);
    // Numbering carries on where it was.
    expect((await issueTicket(officeId)).ticket.code).toBe("A004");
    expect((await issueTicket(officeId, "registry")).ticket.code).toBe("B002");
  });

  it("A restarted office continues the sequence numbers without a gap: a screen that reconnects resyncs from the same seq.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    const screen = await LiveSocket.open(officeId, "v=1&role=display");
    const snapshot = await screen.next("snapshot");
    await evictDurableObject(officeStub(officeId), { webSockets: "close" });
    await screen.closedBy();

    const again = await LiveSocket.open(officeId, "v=1&role=display");
    const resynced = await again.next("snapshot");
    expect(resynced.seq).toBe(snapshot.seq);
    expect(resynced.state).toEqual(snapshot.state);
    await callNext(officeId, "desk-1");
    expect((await again.next("events")).seq).toBe(snapshot.seq + 1);
  });

  it("A restarted office keeps hibernated sockets: a screen still gets events and a kiosk can still issue after the object wakes up again.", async () => {
    const officeId = await createOffice();
    const screen = await LiveSocket.open(officeId, "v=1&role=display");
    const kiosk = await LiveSocket.open(officeId, "v=1&role=kiosk");
    const snapshot = await screen.next("snapshot");
    await kiosk.next("snapshot");

    await evictDurableObject(officeStub(officeId)); // sockets hibernate, they are not closed

    kiosk.send({
      type: "command",
      requestId: "after-wake",
      command: { type: "issueTicket", serviceId: "general" },
    });
    const result = await kiosk.next("result");
    expect(result.status).toBe(201);
    expect((result.body as IssuedTicket).trackingUrl).toMatch(/^http:\/\/example\.com\/t\//);
    const frame = await screen.next("events");
    expect(frame.seq).toBe(snapshot.seq + 1);
    expect(frame.events[0]).toMatchObject({ type: "ticketIssued" });
    expect(screen.closed).toBeNull();
  });

  it("A restarted office remembers Idempotency-Key answers: a retry after the restart changes nothing.", async () => {
    const officeId = await createOffice();
    const request = {
      body: { serviceId: "general" },
      headers: { "Idempotency-Key": "before-restart" },
    };
    const first = await api("POST", `/offices/${officeId}/tickets`, request);
    await evictDurableObject(officeStub(officeId));
    const retry = await api("POST", `/offices/${officeId}/tickets`, request);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await getOffice(officeId)).queue).toHaveLength(1);
  });
});
