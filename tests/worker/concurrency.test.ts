import { describe, expect, it } from "vitest";
import type { CounterAnswer, IssuedTicket } from "../../shared/protocol/responses";
import { api, createOffice, getOffice, issueTicket, testOfficeConfig } from "./helpers";

/**
 * The office object is the single writer of its queue: each command runs to
 * completion with no await between reading and writing, so simultaneous
 * requests are serialised rather than interleaved.
 */
describe("Simultaneous requests", () => {
  it("Seven front counters pressing call-next at once call seven different tickets.", async () => {
    const officeId = await createOffice(testOfficeConfig({ frontCounters: 7 }));
    const issued: IssuedTicket[] = [];
    for (let i = 0; i < 9; i++) issued.push(await issueTicket(officeId));
    const counters = Array.from({ length: 7 }, (_, i) => `desk-${i + 1}`);
    const answers = await Promise.all(
      counters.map((counterId) =>
        api<CounterAnswer>("POST", `/offices/${officeId}/counters/${counterId}/call-next`, {
          body: {},
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(counters.map(() => 200));
    const called = answers.map((a) => a.body.counter.ticket?.id);
    expect(new Set(called).size).toBe(7);
    // The seven oldest were called, each to the counter that pressed.
    expect([...called].sort()).toEqual(issued.slice(0, 7).map((t) => t.ticket.id));
    answers.forEach((answer, index) => {
      expect(answer.body.counter.id).toBe(counters[index]);
      expect(answer.body.counter.ticket?.counterId).toBe(counters[index]);
    });
    const view = await getOffice(officeId);
    expect(view.queue.map((t) => t.id)).toEqual(issued.slice(7).map((t) => t.ticket.id));
    expect(view.counters.filter((c) => c.ticket !== null)).toHaveLength(7);
  });

  it("More counters than waiting tickets: each ticket is called once and the other counters hear queue_empty.", async () => {
    const officeId = await createOffice(testOfficeConfig({ frontCounters: 7 }));
    for (let i = 0; i < 3; i++) await issueTicket(officeId);
    const answers = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        api<CounterAnswer & { error?: { code: string } }>(
          "POST",
          `/offices/${officeId}/counters/desk-${i + 1}/call-next`,
          { body: {} },
        ),
      ),
    );
    const called = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(new Set(called.map((a) => a.body.counter.ticket?.id)).size).toBe(3);
    expect(called).toHaveLength(3);
    expect(refused.map((a) => [a.status, a.body.error?.code])).toEqual(
      Array.from({ length: 4 }, () => [409, "queue_empty"]),
    );
  });

  it("Twenty kiosks issuing at once get twenty consecutive numbers, none repeated.", async () => {
    const officeId = await createOffice();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api<IssuedTicket>("POST", `/offices/${officeId}/tickets`, {
          body: { serviceId: "general" },
        }),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const codes = answers.map((a) => a.body.ticket.code).sort();
    expect(codes).toEqual(
      Array.from({ length: 20 }, (_, i) => `A${String(i + 1).padStart(3, "0")}`),
    );
    expect(new Set(answers.map((a) => a.body.token)).size).toBe(20);
    // Each was told its true place at the moment it was issued.
    expect(answers.map((a) => a.body.peopleAhead).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
  });
});
