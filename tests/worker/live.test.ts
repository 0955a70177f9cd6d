import { SELF } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { evolve } from "../../shared/engine";
import { type EventsMessage, PROTOCOL_VERSION, publicTicket } from "../../shared/protocol";
import type { IssuedTicket } from "../../shared/protocol/responses";
import {
  api,
  callNext,
  closeAllSockets,
  counterAction,
  createOffice,
  expectError,
  getOffice,
  issueTicket,
  LiveSocket,
  newOfficeId,
  ORIGIN,
} from "./helpers";

/**
 * The live WebSocket protocol (shared/protocol/wire.ts), end to end through
 * the Worker: every frame received is checked against ServerMessage.
 */

afterEach(closeAllSockets);

const display = (officeId: string) => LiveSocket.open(officeId, "v=1&role=display");
const follow = (officeId: string, token: string) =>
  LiveSocket.open(officeId, `v=1&role=ticket&token=${token}`);

describe("The live stream for screens, kiosks and counters", () => {
  it("The first frame is a snapshot of the office's whole live state, with its sequence number.", async () => {
    const officeId = await createOffice();
    const ticket = await issueTicket(officeId);
    const socket = await display(officeId);
    const snapshot = await socket.next("snapshot");
    expect(socket.received[0]).toBe(snapshot);
    expect(snapshot.v).toBe(PROTOCOL_VERSION);
    expect(snapshot.seq).toBe((await getOffice(officeId)).seq);
    expect(snapshot.seq).toBe(2);
    expect(Object.keys(snapshot.state.tickets)).toEqual([ticket.ticket.id]);
    expect(Object.keys(snapshot.state.counters)).toEqual(["desk-1", "desk-2", "back-1"]);
    expect(snapshot.serverTime).toBeGreaterThan(0);
  });

  it("A ticket called after the snapshot arrives as an events frame numbered snapshot.seq + 1.", async () => {
    const officeId = await createOffice();
    const ticket = await issueTicket(officeId);
    const socket = await display(officeId);
    const snapshot = await socket.next("snapshot");
    await callNext(officeId, "desk-1");
    const frame = await socket.next("events");
    expect(frame.seq).toBe(snapshot.seq + 1);
    expect(frame.events).toEqual([
      expect.objectContaining({
        type: "ticketCalled",
        ticketId: ticket.ticket.id,
        counterId: "desk-1",
        chosen: false,
      }),
    ]);
  });

  it("Sequence numbers run on without gaps across many commands, and folding the events gives the server's state.", async () => {
    const officeId = await createOffice();
    const socket = await display(officeId);
    const snapshot = await socket.next("snapshot");
    await issueTicket(officeId);
    await issueTicket(officeId, "registry");
    await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "recall");
    await counterAction(officeId, "desk-1", "start");
    await callNext(officeId, "desk-1"); // completes the first, calls the second: two events
    await counterAction(officeId, "desk-1", "transfer", { counterId: "desk-2" });
    await counterAction(officeId, "back-1", "mode", { mode: "front" });
    await callNext(officeId, "desk-2");
    await counterAction(officeId, "desk-2", "no-show");
    const finalSeq = (await getOffice(officeId)).seq;

    const frames: EventsMessage[] = [];
    let expected = snapshot.seq + 1;
    while (expected <= finalSeq) {
      const frame = await socket.next("events");
      expect(frame.seq, "no gap and no repeat").toBe(expected);
      expected += frame.events.length;
      frames.push(frame);
    }
    expect(expected - 1).toBe(finalSeq);
    expect(frames.some((f) => f.events.length === 2)).toBe(true);

    // A client folding the events with the shared engine ends where the server is.
    let state = structuredClone(snapshot.state);
    for (const frame of frames) for (const event of frame.events) state = evolve(state, event);
    socket.send({ type: "sync" });
    const fresh = await socket.next("snapshot");
    expect(fresh.seq).toBe(finalSeq);
    expect(state).toEqual(fresh.state);
  });

  it("Every stream socket gets the same events: two screens and a counter console, the screens' without anyone's priority, language or channel.", async () => {
    const officeId = await createOffice();
    const sockets = await Promise.all([
      display(officeId),
      display(officeId),
      LiveSocket.open(officeId, "v=1&role=counter"),
    ]);
    for (const socket of sockets) await socket.next("snapshot");
    await issueTicket(officeId, "general", { priority: true, lang: "en" });
    const [screen, other, counter] = await Promise.all(
      sockets.map((socket) => socket.next("events")),
    );
    expect(other).toEqual(screen);
    expect(counter?.seq).toBe(screen?.seq);
    const whole = counter?.events[0];
    expect(whole).toMatchObject({ type: "ticketIssued", ticket: { priority: true, lang: "en" } });
    expect(screen?.events).toEqual([
      { ...whole, ticket: whole?.type === "ticketIssued" && publicTicket(whole.ticket) },
    ]);
    expect(sockets[0]?.raw.at(-1)).not.toHaveProperty("events.0.ticket.priority");
  });

  it('{ type: "sync" } answers a fresh snapshot at the current sequence number.', async () => {
    const officeId = await createOffice();
    const socket = await display(officeId);
    const first = await socket.next("snapshot");
    await issueTicket(officeId);
    await socket.next("events");
    socket.send({ type: "sync" });
    const fresh = await socket.next("snapshot");
    expect(fresh.seq).toBe(first.seq + 1);
    expect(Object.keys(fresh.state.tickets)).toHaveLength(1);
  });

  it("Invalid JSON is answered with an error frame, and the socket stays usable.", async () => {
    const officeId = await createOffice();
    const socket = await display(officeId);
    await socket.next("snapshot");
    socket.send("{not json");
    const error = await socket.next("error");
    expect(error.error.code).toBe("malformed_json");
    socket.send({ type: "sync" });
    await socket.next("snapshot");
    expect(socket.closed).toBeNull();
  });

  it("A message the protocol does not know, or a binary frame, gets an error frame, and the socket stays usable.", async () => {
    const officeId = await createOffice();
    const socket = await display(officeId);
    await socket.next("snapshot");
    for (const message of [
      { type: "subscribe" },
      { type: "command" },
      [1, 2, 3],
      null,
      new Uint8Array([1, 2, 3]),
      "x".repeat(17 * 1024),
    ]) {
      socket.send(message);
      expect((await socket.next("error")).error.code).toBe("invalid_message");
    }
    await issueTicket(officeId);
    await socket.next("events");
    expect(socket.closed).toBeNull();
  });

  it('The text "ping" is answered "pong".', async () => {
    const officeId = await createOffice();
    const socket = await display(officeId);
    await socket.next("snapshot");
    socket.send("ping");
    await socket.until(() => socket.pongs === 1, "pong");
  });

  it("An unsupported protocol version gets an incompatible message listing the supported ones, then the socket closes.", async () => {
    const officeId = await createOffice();
    const socket = await LiveSocket.open(officeId, "v=99&role=display");
    const message = await socket.next("incompatible");
    expect(message.supported).toEqual([1]);
    expect(message.message).toMatch(/99/);
    expect((await socket.closedBy()).code).toBe(4000);
    expect(socket.received.map((m) => m.type)).toEqual(["incompatible"]);
  });

  it("A socket for an office that does not exist gets an unknown_office error frame and is closed.", async () => {
    const socket = await LiveSocket.open(newOfficeId("ghost"), "v=1&role=display");
    expect((await socket.next("error")).error.code).toBe("unknown_office");
    expect((await socket.closedBy()).code).toBe(4004);
  });
});

describe("Opening the live socket", () => {
  it("A GET without the WebSocket upgrade is 426 upgrade_required.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("GET", `/offices/${officeId}/live?v=1&role=display`),
      426,
      "upgrade_required",
    );
  });

  it("A missing or unknown role is 400 invalid_request.", async () => {
    const officeId = await createOffice();
    for (const query of ["v=1", "v=1&role=admin", "v=1&role="]) {
      const response = await SELF.fetch(`${ORIGIN}/api/offices/${officeId}/live?${query}`, {
        headers: { Upgrade: "websocket" },
      });
      expectError(
        { status: response.status, body: await response.json(), headers: response.headers },
        400,
        "invalid_request",
      );
    }
  });

  it("A version that is not a number is 400 invalid_request.", async () => {
    const officeId = await createOffice();
    for (const query of ["v=abc&role=display", "v=1.5&role=display"]) {
      const response = await SELF.fetch(`${ORIGIN}/api/offices/${officeId}/live?${query}`, {
        headers: { Upgrade: "websocket" },
      });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        "invalid_request",
      );
    }
  });
});

describe("A phone following its ticket", () => {
  it("A phone gets its ticket's place at once, then a frame each time the place changes, then a final frame saying where to go.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId);
    const second = await issueTicket(officeId);
    const mine = await issueTicket(officeId);
    const phone = await follow(officeId, mine.token);

    const initial = await phone.next("ticket");
    expect(initial.ticket).toMatchObject({
      id: mine.ticket.id,
      code: "A003",
      status: "waiting",
      peopleAhead: 2,
      counterId: null,
      counterName: null,
    });

    expect((await callNext(officeId, "desk-1")).id).toBe(first.ticket.id);
    expect((await phone.next("ticket")).ticket).toMatchObject({
      status: "waiting",
      peopleAhead: 1,
    });

    expect((await callNext(officeId, "desk-2")).id).toBe(second.ticket.id);
    expect((await phone.next("ticket")).ticket).toMatchObject({
      status: "waiting",
      peopleAhead: 0,
    });

    await counterAction(officeId, "desk-1", "start");
    await callNext(officeId, "desk-1");
    expect((await phone.next("ticket")).ticket).toMatchObject({
      status: "called",
      counterId: "desk-1",
      counterName: "Desk 1",
      peopleAhead: null,
    });
    // A phone never sees the office's stream.
    expect(phone.received.every((m) => m.type === "ticket")).toBe(true);
  });

  it("A phone gets no frame when nothing about its own ticket changed.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const phone = await follow(officeId, mine.token);
    await phone.next("ticket");
    // Someone behind me, someone in another queue, a desk that does not serve me pausing:
    // my place and my wait do not move.
    await issueTicket(officeId);
    await issueTicket(officeId, "registry");
    await counterAction(officeId, "back-1", "mode", { mode: "paused" });
    expect(await phone.unreadAfter(100)).toEqual([]);
  });

  it("A phone gets a last frame when its ticket is finished: served, or cancelled.", async () => {
    const officeId = await createOffice();
    const served = await issueTicket(officeId);
    const cancelled = await issueTicket(officeId);
    const phoneServed = await follow(officeId, served.token);
    const phoneCancelled = await follow(officeId, cancelled.token);
    await phoneServed.next("ticket");
    await phoneCancelled.next("ticket");

    await callNext(officeId, "desk-1");
    expect((await phoneServed.next("ticket")).ticket.status).toBe("called");
    expect((await phoneCancelled.next("ticket")).ticket.peopleAhead).toBe(0);
    await counterAction(officeId, "desk-1", "start");
    expect((await phoneServed.next("ticket")).ticket.status).toBe("serving");
    await counterAction(officeId, "desk-1", "complete");
    expect((await phoneServed.next("ticket")).ticket).toMatchObject({
      status: "done",
      counterName: "Desk 1",
    });

    expect((await api("DELETE", `/offices/${officeId}/tickets/${cancelled.token}`)).status).toBe(
      200,
    );
    const last = await phoneCancelled.next("ticket");
    expect(last.ticket).toMatchObject({ id: cancelled.ticket.id, status: "cancelled" });
  });

  it("A phone that connects for a finished ticket still gets that ticket's final state.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-2");
    await counterAction(officeId, "desk-2", "no-show");
    const phone = await follow(officeId, mine.token);
    expect((await phone.next("ticket")).ticket).toMatchObject({
      status: "no-show",
      counterName: "Desk 2",
    });
  });

  it("A phone can neither ask for the office's snapshot nor send commands.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const phone = await follow(officeId, mine.token);
    await phone.next("ticket");
    phone.send({ type: "sync" });
    phone.send({
      type: "command",
      requestId: "r1",
      command: { type: "callNext", counterId: "desk-1" },
    });
    const result = await phone.next("result");
    expect(result).toMatchObject({ requestId: "r1", status: 403 });
    expect(phone.received.map((m) => m.type)).toEqual(["ticket", "result"]);
  });

  it("A phone with a token that matches no ticket is rejected with an error frame and the socket is closed.", async () => {
    const officeId = await createOffice();
    for (const token of ["A".repeat(22), "not-a-token", ""]) {
      const phone = await LiveSocket.open(officeId, `v=1&role=ticket&token=${token}`);
      expect((await phone.next("error")).error.code).toBe("invalid_request");
      expect((await phone.closedBy()).code).toBe(4004);
      expect(phone.received.some((m) => m.type === "ticket" || m.type === "snapshot")).toBe(false);
    }
    const phone = await LiveSocket.open(officeId, "v=1&role=ticket");
    expect((await phone.next("error")).error.code).toBe("invalid_request");
  });

  it("A phone with another office's token is rejected.", async () => {
    const officeA = await createOffice();
    const officeB = await createOffice();
    const mine = await issueTicket(officeA);
    const phone = await follow(officeB, mine.token);
    expect((await phone.next("error")).error.code).toBe("invalid_request");
  });
});

describe("Commands over the live socket", () => {
  it("A kiosk socket issues a ticket and gets a result frame with status 201 and the ticket, matched by requestId.", async () => {
    const officeId = await createOffice();
    const kiosk = await LiveSocket.open(officeId, "v=1&role=kiosk");
    const snapshot = await kiosk.next("snapshot");
    kiosk.send({
      type: "command",
      requestId: "press-1",
      command: { type: "issueTicket", serviceId: "general", lang: "it" },
    });
    const result = await kiosk.next("result");
    expect(result.requestId).toBe("press-1");
    expect(result.status).toBe(201);
    const body = result.body as IssuedTicket;
    expect(body.ticket).toMatchObject({ code: "A001", status: "waiting", lang: "it" });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.trackingUrl).toBe(`http://example.com/t/${officeId}/${body.token}`);
    expect(body.peopleAhead).toBe(0);
    // The kiosk follows the stream too, so it sees its own ticket arrive.
    const events = await kiosk.next("events");
    expect(events.seq).toBe(snapshot.seq + 1);
    expect(events.events[0]).toMatchObject({ type: "ticketIssued", ticket: { code: "A001" } });
  });

  it("A refused command comes back as a result frame with the HTTP status and error body.", async () => {
    const officeId = await createOffice();
    const kiosk = await LiveSocket.open(officeId, "v=1&role=kiosk");
    await kiosk.next("snapshot");
    kiosk.send({
      type: "command",
      requestId: "r",
      command: { type: "issueTicket", serviceId: "nope" },
    });
    expect(await kiosk.next("result")).toEqual({
      type: "result",
      requestId: "r",
      status: 404,
      body: { error: { code: "unknown_service", message: expect.any(String) } },
    });
  });

  it("A display socket that sends a command gets status 403 and nothing changes.", async () => {
    const officeId = await createOffice();
    const screen = await LiveSocket.open(officeId, "v=1&role=display");
    await screen.next("snapshot");
    screen.send({
      type: "command",
      requestId: "r",
      command: { type: "issueTicket", serviceId: "general" },
    });
    const result = await screen.next("result");
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ error: { code: "forbidden" } });
    expect((await getOffice(officeId)).queue).toEqual([]);
  });

  it("A kiosk socket may only issue tickets: calling is 403.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    const kiosk = await LiveSocket.open(officeId, "v=1&role=kiosk");
    await kiosk.next("snapshot");
    kiosk.send({
      type: "command",
      requestId: "r",
      command: { type: "callNext", counterId: "desk-1" },
    });
    expect((await kiosk.next("result")).status).toBe(403);
  });

  it("A counter socket runs counter commands and sees their events on the same socket.", async () => {
    const officeId = await createOffice();
    const ticket = await issueTicket(officeId);
    const counter = await LiveSocket.open(officeId, "v=1&role=counter");
    await counter.next("snapshot");
    counter.send({
      type: "command",
      requestId: "call",
      command: { type: "callNext", counterId: "desk-1" },
    });
    const result = await counter.next("result");
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      counter: { id: "desk-1", ticket: { id: ticket.ticket.id } },
    });
    expect((await counter.next("events")).events[0]).toMatchObject({ type: "ticketCalled" });
  });

  it("A command retried over the socket with the same idempotencyKey gets the same result and issues one ticket.", async () => {
    const officeId = await createOffice();
    const kiosk = await LiveSocket.open(officeId, "v=1&role=kiosk");
    await kiosk.next("snapshot");
    const command = {
      type: "command",
      idempotencyKey: "kiosk-7-press-42",
      command: { type: "issueTicket", serviceId: "registry" },
    };
    kiosk.send({ ...command, requestId: "first" });
    const first = await kiosk.next("result");
    kiosk.send({ ...command, requestId: "retry" });
    const retry = await kiosk.next("result");
    expect(retry.requestId).toBe("retry");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await getOffice(officeId)).queue).toHaveLength(1);
  });

  it("A command message with an invalid command is an error frame, not a result.", async () => {
    const officeId = await createOffice();
    const kiosk = await LiveSocket.open(officeId, "v=1&role=kiosk");
    await kiosk.next("snapshot");
    kiosk.send({ type: "command", requestId: "r", command: { type: "issueTicket" } });
    expect((await kiosk.next("error")).error.code).toBe("invalid_message");
    kiosk.send({ type: "command", command: { type: "issueTicket", serviceId: "general" } });
    expect((await kiosk.next("error")).error.code).toBe("invalid_message");
    expect(kiosk.received.some((m) => m.type === "result")).toBe(false);
  });
});
