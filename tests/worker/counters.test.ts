import { describe, expect, it } from "vitest";
import {
  api,
  callNext,
  counterAction,
  createOffice,
  expectError,
  getOffice,
  getTicket,
  issueTicket,
} from "./helpers";

const counterPath = (officeId: string, counterId: string, action: string) =>
  `/offices/${officeId}/counters/${counterId}/${action}`;

describe("Counter actions", () => {
  it("call-next calls the oldest waiting ticket to the counter and answers with the counter and the events.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId, "registry");
    await issueTicket(officeId, "general");
    const answer = await counterAction(officeId, "desk-1", "call-next");
    expect(answer.counter).toMatchObject({ id: "desk-1", name: "Desk 1", mode: "front" });
    expect(answer.counter.ticket).toMatchObject({
      id: first.ticket.id,
      status: "called",
      counterId: "desk-1",
    });
    expect(answer.events).toEqual([
      expect.objectContaining({ type: "ticketCalled", ticketId: first.ticket.id }),
    ]);
  });

  it("call-next with no one waiting is 409 queue_empty.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "call-next"), { body: {} }),
      409,
      "queue_empty",
    );
  });

  it("call-next accepts an empty body as well as {}.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    const result = await api("POST", counterPath(officeId, "desk-1", "call-next"));
    expect(result.status).toBe(200);
  });

  it("call-next while the called person has not arrived yet is 409 counter_busy.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "call-next"), { body: {} }),
      409,
      "counter_busy",
    );
  });

  it("call-next while serving completes the ticket being served, then calls the next one.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId);
    const second = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "start");
    const answer = await counterAction(officeId, "desk-1", "call-next");
    expect(answer.events.map((e) => [e.type, "ticketId" in e ? e.ticketId : undefined])).toEqual([
      ["ticketCompleted", first.ticket.id],
      ["ticketCalled", second.ticket.id],
    ]);
    expect((await getTicket(officeId, first.token)).status).toBe("done");
  });

  it("recall announces the called ticket again and counts it in recent calls.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    const answer = await counterAction(officeId, "desk-1", "recall");
    expect(answer.events).toEqual([
      expect.objectContaining({ type: "ticketRecalled", ticketId: mine.ticket.id }),
    ]);
    expect(answer.counter.ticket?.recalls).toBe(1);
    const view = await getOffice(officeId);
    expect(view.recentCalls[0]).toMatchObject({ ticketId: mine.ticket.id, recalls: 1 });
  });

  it("start marks the called ticket as being served; recall after that is 409 ticket_not_called.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    const answer = await counterAction(officeId, "desk-1", "start");
    expect(answer.counter.ticket).toMatchObject({ id: mine.ticket.id, status: "serving" });
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "recall"), { body: {} }),
      409,
      "ticket_not_called",
    );
  });

  it("complete finishes the ticket and frees the counter.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "start");
    const answer = await counterAction(officeId, "desk-1", "complete");
    expect(answer.counter.ticket).toBeNull();
    expect(answer.events).toEqual([
      expect.objectContaining({ type: "ticketCompleted", ticketId: mine.ticket.id }),
    ]);
    expect((await getTicket(officeId, mine.token)).status).toBe("done");
  });

  it("An action that needs a current ticket, at a counter with none, is 409 no_current_ticket.", async () => {
    const officeId = await createOffice();
    for (const action of ["recall", "start", "complete", "no-show"]) {
      expectError(
        await api("POST", counterPath(officeId, "desk-1", action), { body: {} }),
        409,
        "no_current_ticket",
      );
    }
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "transfer"), {
        body: { serviceId: "registry" },
      }),
      409,
      "no_current_ticket",
    );
  });

  it("no-show closes a called ticket that nobody answered and frees the counter.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    const answer = await counterAction(officeId, "desk-1", "no-show");
    expect(answer.counter.ticket).toBeNull();
    expect((await getTicket(officeId, mine.token)).status).toBe("no-show");
  });

  it("transfer with serviceId puts the ticket back in another service's queue, keeping its place by issue time.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId, "general");
    const later = await issueTicket(officeId, "registry");
    await callNext(officeId, "desk-1");
    const answer = await counterAction(officeId, "desk-1", "transfer", { serviceId: "registry" });
    expect(answer.counter.ticket).toBeNull();
    expect(answer.events).toEqual([
      expect.objectContaining({
        type: "ticketTransferred",
        ticketId: mine.ticket.id,
        toServiceId: "registry",
        toCounterId: null,
      }),
    ]);
    const view = await getTicket(officeId, mine.token);
    expect(view).toMatchObject({ status: "waiting", serviceId: "registry", peopleAhead: 0 });
    expect((await getTicket(officeId, later.token)).peopleAhead).toBe(1);
  });

  it("transfer with counterId sends the ticket to that counter only: it is called there, not elsewhere.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    const answer = await counterAction(officeId, "desk-1", "transfer", { counterId: "desk-2" });
    expect(answer.events).toEqual([
      expect.objectContaining({ type: "ticketTransferred", toCounterId: "desk-2" }),
    ]);
    // desk-1 gave it away and cannot call it back; desk-2 gets it.
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "call-next"), { body: {} }),
      409,
      "queue_empty",
    );
    expect((await callNext(officeId, "desk-2")).id).toBe(mine.ticket.id);
  });

  it("transfer with both serviceId and counterId, or neither, is 400 invalid_request.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    for (const body of [{ serviceId: "registry", counterId: "desk-2" }, {}]) {
      expectError(
        await api("POST", counterPath(officeId, "desk-1", "transfer"), { body }),
        400,
        "invalid_request",
      );
    }
  });

  it("transfer to the counter that holds the ticket, or to the same service, is 400 invalid_transfer.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId, "general");
    await callNext(officeId, "desk-1");
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "transfer"), {
        body: { counterId: "desk-1" },
      }),
      400,
      "invalid_transfer",
    );
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "transfer"), {
        body: { serviceId: "general" },
      }),
      400,
      "invalid_transfer",
    );
  });

  it("transfer to an unknown service or counter is 404.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "transfer"), {
        body: { serviceId: "nope" },
      }),
      404,
      "unknown_service",
    );
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "transfer"), {
        body: { counterId: "nope" },
      }),
      404,
      "unknown_counter",
    );
  });

  it("call with ticketId calls that ticket out of order.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    const chosen = await issueTicket(officeId);
    const answer = await counterAction(officeId, "desk-1", "call", {
      ticketId: chosen.ticket.id,
    });
    expect(answer.counter.ticket?.id).toBe(chosen.ticket.id);
    expect(answer.events).toEqual([
      expect.objectContaining({ type: "ticketCalled", ticketId: chosen.ticket.id, chosen: true }),
    ]);
  });

  it("call with a ticket that is not waiting is 409 ticket_not_waiting; with an unknown one, 404 unknown_ticket.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    expectError(
      await api("POST", counterPath(officeId, "desk-2", "call"), {
        body: { ticketId: mine.ticket.id },
      }),
      409,
      "ticket_not_waiting",
    );
    expectError(
      await api("POST", counterPath(officeId, "desk-2", "call"), {
        body: { ticketId: mine.ticket.id.replace(/\d{3}$/, "999") },
      }),
      404,
      "unknown_ticket",
    );
  });

  it("PUT mode switches a counter: a back-office desk switched to front can call, a paused one cannot.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    expectError(
      await api("POST", counterPath(officeId, "back-1", "call-next"), { body: {} }),
      409,
      "counter_cannot_call",
    );
    const switched = await counterAction(officeId, "back-1", "mode", { mode: "front" });
    expect(switched.counter.mode).toBe("front");
    expect(switched.events).toEqual([
      expect.objectContaining({ type: "counterModeChanged", mode: "front" }),
    ]);
    await callNext(officeId, "back-1");

    await counterAction(officeId, "desk-1", "mode", { mode: "paused" });
    await issueTicket(officeId);
    expectError(
      await api("POST", counterPath(officeId, "desk-1", "call-next"), { body: {} }),
      409,
      "counter_cannot_call",
    );
    const view = await getOffice(officeId);
    expect(view.counters.map((c) => [c.id, c.mode])).toEqual([
      ["desk-1", "paused"],
      ["desk-2", "front"],
      ["back-1", "front"],
    ]);
  });

  it("PUT mode to the mode a counter already has changes nothing and emits no event.", async () => {
    const officeId = await createOffice();
    const before = (await getOffice(officeId)).seq;
    const answer = await counterAction(officeId, "desk-1", "mode", { mode: "front" });
    expect(answer.events).toEqual([]);
    expect((await getOffice(officeId)).seq).toBe(before);
  });

  it("PUT mode with a mode that does not exist is 400 invalid_request.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("PUT", counterPath(officeId, "desk-1", "mode"), { body: { mode: "lunch" } }),
      400,
      "invalid_request",
    );
  });

  it("An unknown counter is 404 unknown_counter, for every action.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("POST", counterPath(officeId, "desk-99", "call-next"), { body: {} }),
      404,
      "unknown_counter",
    );
    expectError(
      await api("PUT", counterPath(officeId, "desk-99", "mode"), { body: { mode: "front" } }),
      404,
      "unknown_counter",
    );
    expectError(
      await api("POST", counterPath(officeId, "Desk_99", "recall"), { body: {} }),
      404,
      "unknown_counter",
    );
  });
});
