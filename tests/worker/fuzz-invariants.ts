import { expect } from "vitest";
import { evolve } from "../../shared/engine";
import { ACTIVE_STATUSES, type OfficeState } from "../../shared/protocol";
import type { OfficeView } from "../../shared/protocol/responses";
import { COUNTERS, countRequests, sendFrame } from "./fuzz-harness";
import { type Credentials, getOffice, LiveSocket } from "./helpers";

/**
 * The queue's invariants, checked by every fuzz file once its random inputs
 * are sent: an observer socket folds the office's events from before the
 * first input, and at the end its state must be the server's and whole.
 */

/** A counter named, or the n-th busy one (whichever is busy when the step runs). */
export type Target = { counter: string } | { busy: number };

/** The state a socket has folded from its snapshot and events, with the seq it is at. */
export class Observer {
  state: OfficeState;
  seq: number;
  readonly issuedCodes: string[] = [];

  private constructor(
    readonly officeId: string,
    readonly socket: LiveSocket,
    snapshot: { seq: number; state: OfficeState },
  ) {
    this.state = structuredClone(snapshot.state);
    this.seq = snapshot.seq;
  }

  static async open(officeId: string, as: Credentials = "operator"): Promise<Observer> {
    countRequests();
    const socket = await LiveSocket.open(officeId, "v=1&role=counter", as);
    return new Observer(officeId, socket, await socket.next("snapshot"));
  }

  /** Folds events frames until `seq`, checking they are numbered without gaps. */
  async catchUp(seq: number): Promise<void> {
    while (this.seq < seq) {
      const frame = await this.socket.next("events");
      expect(frame.seq, "events frames numbered without gaps").toBe(this.seq + 1);
      for (const event of frame.events) {
        this.state = evolve(this.state, event);
        if (event.type === "ticketIssued") this.issuedCodes.push(event.ticket.code);
      }
      this.seq += frame.events.length;
    }
  }

  counterAt(target: Target): string {
    if ("counter" in target) return target.counter;
    const busy = Object.keys(this.state.counters).filter((c) => this.state.counters[c]?.ticketId);
    return busy.length > 0 ? busy[target.busy % busy.length]! : COUNTERS[target.busy % 3]!;
  }

  /**
   * After the fuzz: the events this socket folded are the server's state
   * (asked again with a `sync`), its seq is the office view's, and the queue
   * is whole. Answers the view, for more checks.
   */
  async expectWhole(expectedSeq?: number): Promise<OfficeView> {
    const view = await getOffice(this.officeId);
    countRequests();
    if (expectedSeq !== undefined) expect(view.seq).toBe(expectedSeq);
    await this.catchUp(view.seq);
    sendFrame(this.socket, { type: "sync" });
    const snapshot = await this.socket.next("snapshot");
    expect(snapshot.seq).toBe(view.seq);
    expect(this.state, "the events fold into the server's state").toEqual(snapshot.state);
    expectQueueInvariants(snapshot.state, view, this.issuedCodes);
    return view;
  }
}

/** The queue's invariants (as in tests/engine/properties.test.ts), on the full state and on the public view. */
export function expectQueueInvariants(state: OfficeState, view: OfficeView, issuedCodes: string[]) {
  const active = new Set<string>(ACTIVE_STATUSES);
  expect(Object.keys(state.counters).sort()).toEqual(state.config.counters.map((c) => c.id).sort());
  const held = new Set<string>();
  for (const [counterId, counter] of Object.entries(state.counters)) {
    if (counter.ticketId === null) continue;
    expect(held.has(counter.ticketId), `two counters hold ${counter.ticketId}`).toBe(false);
    held.add(counter.ticketId);
    const ticket = state.tickets[counter.ticketId];
    expect(ticket, `${counterId} holds a ticket that is not live`).toBeDefined();
    expect(["called", "serving"]).toContain(ticket!.status);
    expect(ticket!.counterId).toBe(counterId);
  }
  const codes = new Set<string>();
  for (const ticket of Object.values(state.tickets)) {
    const where = JSON.stringify(ticket);
    expect(active.has(ticket.status), where).toBe(true);
    expect(codes.has(ticket.code), `code ${ticket.code} twice`).toBe(false);
    codes.add(ticket.code);
    if (ticket.status === "waiting") {
      expect(held.has(ticket.id), `waiting and at a counter: ${where}`).toBe(false);
      expect(ticket.counterId, where).toBeNull();
    } else {
      expect(state.counters[ticket.counterId!]?.ticketId, `not held by its counter: ${where}`).toBe(
        ticket.id,
      );
    }
    expect(state.lastNumbers[ticket.code[0]!] ?? 0).toBeGreaterThanOrEqual(
      Number(ticket.code.slice(1)),
    );
  }
  expect(new Set(issuedCodes).size, "a code issued twice").toBe(issuedCodes.length);

  // The public view says the same: the queue is the waiting tickets in order of arrival (not of
  // calling, which would tell who has priority: issue 9), none at a counter.
  const waiting = Object.values(state.tickets)
    .filter((t) => t.status === "waiting")
    .sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  expect(view.queue.map((t) => t.id)).toEqual(waiting.map((t) => t.id));
  const atCounters = view.counters.map((c) => c.ticket?.id ?? null);
  expect(atCounters).toEqual(view.counters.map((c) => state.counters[c.id]?.ticketId ?? null));
  for (const ticket of view.queue) expect(atCounters).not.toContain(ticket.id);
  for (const service of view.services) {
    const count = view.queue.filter(
      (t) => t.serviceId === service.id && t.targetCounterId === null,
    ).length;
    expect(service.waiting, `waiting count of ${service.id}`).toBe(count);
  }
}
