import { describe, expect, it } from "vitest";
import type { IssuedTicket } from "../../shared/protocol/responses";
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
  pairedDevice,
  testOfficeConfig,
} from "./helpers";

describe("Issuing a ticket", () => {
  it("POST tickets answers 201 with the ticket, its token, a tracking URL, the people ahead and the estimated wait.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId, "general");
    const kiosk = await pairedDevice(officeId, "kiosk");
    const issued = await api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, {
      body: { serviceId: "general", lang: "it" },
      as: kiosk.as,
    });
    expect(issued.status).toBe(201);
    const { ticket, token, trackingUrl, peopleAhead, estimatedWaitSeconds } = issued.body;
    expect(ticket).toMatchObject({
      code: "A002",
      serviceId: "general",
      status: "waiting",
      priority: false,
      lang: "it",
      channel: "kiosk",
    });
    expect(ticket.id).toMatch(/^\d{4}-\d{2}-\d{2}-A002$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(trackingUrl).toBe(`http://example.com/t/${officeId}/${token}`);
    expect(peopleAhead).toBe(1);
    // One person ahead × 5 minutes ÷ two front desks.
    expect(estimatedWaitSeconds).toBe(150);
  });

  it("Each ticket gets its own unguessable token, unrelated to its code.", async () => {
    const officeId = await createOffice();
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) tokens.add((await issueTicket(officeId)).token);
    expect(tokens.size).toBe(5);
  });

  it("A priority ticket goes ahead of ordinary ones in the queue.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId, "general");
    const priority = await issueTicket(officeId, "general", { priority: true });
    expect(priority.peopleAhead).toBe(0);
    // The public queue is in order of arrival (issue 9): the desk's next call shows the priority.
    expect((await callNext(officeId, "desk-1")).id).toBe(priority.ticket.id);
  });

  it("An unknown service is 404 unknown_service.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, { body: { serviceId: "nope" } }),
      404,
      "unknown_service",
    );
  });

  it("An appointment-only service is refused at the kiosk with 409 service_appointment_only.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, { body: { serviceId: "permits" } }),
      409,
      "service_appointment_only",
    );
  });

  it("The kiosk cannot issue tickets outside opening hours: 409 office_closed.", async () => {
    // Every day defaults to no opening hours.
    const officeId = await createOffice(testOfficeConfig({ patch: { openingHours: {} } }));
    expect((await getOffice(officeId)).open).toBe(false);
    const kiosk = await pairedDevice(officeId, "kiosk");
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, {
        body: { serviceId: "general" },
        as: kiosk.as,
      }),
      409,
      "office_closed",
    );
  });

  it("Issuing at an office that does not exist is 404 unknown_office and does not create it.", async () => {
    const officeId = newOfficeId("ghost");
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, { body: { serviceId: "general" } }),
      404,
      "unknown_office",
    );
    expectError(await api("GET", `/offices/${officeId}`), 404, "unknown_office");
  });
});

describe("Following and cancelling a ticket by its token", () => {
  it("GET by token shows the ticket's status, place in the queue and estimated wait.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    const mine = await issueTicket(officeId);
    expect(await getTicket(officeId, mine.token)).toEqual({
      id: mine.ticket.id,
      code: "A002",
      serviceId: "general",
      status: "waiting",
      priority: false,
      issuedAt: mine.ticket.issuedAt,
      peopleAhead: 1,
      estimatedWaitSeconds: 150,
      counterId: null,
      counterName: null,
    });
  });

  it("GET by token of a called ticket says which counter, by name, and no longer gives a position.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-2");
    expect(await getTicket(officeId, mine.token)).toMatchObject({
      status: "called",
      counterId: "desk-2",
      counterName: "Desk 2",
      peopleAhead: null,
      estimatedWaitSeconds: null,
    });
  });

  it("GET by token still answers once the ticket is finished, with its final status.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "start");
    await counterAction(officeId, "desk-1", "complete");
    expect(await getTicket(officeId, mine.token)).toMatchObject({
      status: "done",
      counterId: "desk-1",
    });
  });

  it("An unknown or malformed token is 404 unknown_ticket.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("GET", `/offices/${officeId}/tickets/${"x".repeat(22)}`),
      404,
      "unknown_ticket",
    );
    expectError(await api("GET", `/offices/${officeId}/tickets/short`), 404, "unknown_ticket");
    expectError(
      await api("DELETE", `/offices/${officeId}/tickets/${"x".repeat(22)}`),
      404,
      "unknown_ticket",
    );
  });

  it("DELETE by token cancels a waiting ticket: it leaves the queue and reads back as cancelled.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const behind = await issueTicket(officeId);
    const cancelled = await api<{ ticketId: string; status: string }>(
      "DELETE",
      `/offices/${officeId}/tickets/${mine.token}`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ ticketId: mine.ticket.id, status: "cancelled" });
    expect((await getTicket(officeId, mine.token)).status).toBe("cancelled");
    expect((await getTicket(officeId, behind.token)).peopleAhead).toBe(0);
    expect((await getOffice(officeId)).queue.map((t) => t.id)).toEqual([behind.ticket.id]);
  });

  it("DELETE by token frees the counter when the ticket had been called.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    expect((await api("DELETE", `/offices/${officeId}/tickets/${mine.token}`)).status).toBe(200);
    const desk = (await getOffice(officeId)).counters.find((c) => c.id === "desk-1");
    expect(desk?.ticket).toBeNull();
  });

  it("A ticket being served cannot be cancelled by its holder: 409 ticket_not_waiting.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "start");
    expectError(
      await api("DELETE", `/offices/${officeId}/tickets/${mine.token}`),
      409,
      "ticket_not_waiting",
    );
  });

  it("Cancelling a ticket twice is refused the second time, never a 500.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    expect((await api("DELETE", `/offices/${officeId}/tickets/${mine.token}`)).status).toBe(200);
    const again = await api("DELETE", `/offices/${officeId}/tickets/${mine.token}`);
    expectError(again, 404, "unknown_ticket");
  });

  it("A token only works at the office that issued it.", async () => {
    const officeA = await createOffice();
    const officeB = await createOffice();
    const mine = await issueTicket(officeA);
    expectError(
      await api("GET", `/offices/${officeB}/tickets/${mine.token}`),
      404,
      "unknown_ticket",
    );
  });
});
