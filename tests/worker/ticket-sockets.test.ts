import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { localDay, startOfNextDay } from "../../shared/engine";
import {
  CLOSE_POLICY_VIOLATION,
  CLOSE_TICKET_ENDED,
  CLOSE_TOO_MANY_SOCKETS,
} from "../../shared/protocol/wire-constants";
import { TICKET_UPGRADES, takeTicketUpgrade } from "../../worker/live/ticket-upgrades";
import {
  DEFAULT_LIVE_LIMITS,
  MESSAGE_ALLOWANCES,
  MessageAllowances,
} from "../../worker/office/live-limits";
import { from, newAddress } from "./auth-helpers";
import {
  api,
  callNext,
  closeAllSockets,
  counterAction,
  createOffice,
  getOffice,
  issueTicket,
  LiveSocket,
  officeStub,
} from "./helpers";

/**
 * Ticket sockets cannot stall the office (issue 13, point 2): only today's
 * open tickets are followed, sockets are capped per ticket and per address,
 * messages per socket, and a phone's last frame survives hibernation.
 */

afterEach(closeAllSockets);

const follow = (officeId: string, token: string, address?: string) =>
  LiveSocket.open(
    officeId,
    `v=1&role=ticket&token=${token}`,
    "anonymous",
    address ? from(address) : {},
  );

describe("Only open tickets are followed", () => {
  it("A socket for a ticket finished today gets the ticket's last state, then close 4410, and the office keeps no socket for it.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    await counterAction(officeId, "desk-1", "complete");
    const phone = await follow(officeId, mine.token);
    expect((await phone.next("ticket")).ticket).toMatchObject({
      id: mine.ticket.id,
      status: "done",
    });
    expect((await phone.closedBy()).code).toBe(CLOSE_TICKET_ENDED);
    const open = await runInDurableObject(officeStub(officeId), (_o, state) =>
      state.getWebSockets("ticket").filter((ws) => ws.readyState === WebSocket.OPEN),
    );
    expect(open).toHaveLength(0);
  });

  it("A followed ticket that finishes gets its last frame, then its sockets are closed with 4410.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const phones = [await follow(officeId, mine.token), await follow(officeId, mine.token)];
    for (const phone of phones) await phone.next("ticket");
    expect((await api("DELETE", `/offices/${officeId}/tickets/${mine.token}`)).status).toBe(200);
    for (const phone of phones) {
      expect((await phone.next("ticket")).ticket.status).toBe("cancelled");
      expect((await phone.closedBy()).code).toBe(CLOSE_TICKET_ENDED);
    }
  });

  it("Yesterday's ticket, expired at midnight, is told it expired and closed with 4410, whoever holds its token.", async () => {
    const officeId = await createOffice();
    const old = await issueTicket(officeId);
    const phone = await follow(officeId, old.token);
    await phone.next("ticket");
    const before = await getOffice(officeId);
    const afterMidnight = startOfNextDay(before.day, before.timeZone) + 60_000;
    expect(localDay(afterMidnight, before.timeZone) > before.day).toBe(true);
    const stub = officeStub(officeId);
    await runInDurableObject(stub, (office) => {
      office.clock = () => afterMidnight;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await phone.next("ticket")).ticket.status).toBe("expired");
    expect((await phone.closedBy()).code).toBe(CLOSE_TICKET_ENDED);
    const later = await follow(officeId, old.token);
    expect((await later.next("ticket")).ticket.status).toBe("expired");
    expect((await later.closedBy()).code).toBe(CLOSE_TICKET_ENDED);
  });
});

describe("Sockets are capped", () => {
  it(`One ticket is followed on at most ${DEFAULT_LIVE_LIMITS.socketsPerTicket} sockets: the next is refused (too_many_sockets, 4429) until one closes.`, async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const phones: LiveSocket[] = [];
    for (let i = 0; i < DEFAULT_LIVE_LIMITS.socketsPerTicket; i++) {
      const phone = await follow(officeId, mine.token, newAddress());
      await phone.next("ticket");
      phones.push(phone);
    }
    const extra = await follow(officeId, mine.token, newAddress());
    expect((await extra.next("error")).error.code).toBe("too_many_sockets");
    expect((await extra.closedBy()).code).toBe(CLOSE_TOO_MANY_SOCKETS);
    expect(extra.received.some((m) => m.type === "ticket")).toBe(false);
    // The sockets already open still follow the ticket.
    await callNext(officeId, "desk-1");
    for (const phone of phones) expect((await phone.next("ticket")).ticket.status).toBe("called");

    phones[0]!.close();
    await phones[0]!.closedBy();
    const again = await follow(officeId, mine.token, newAddress());
    expect((await again.next("ticket")).ticket.status).toBe("called");
  });

  it(`One address follows at most ${DEFAULT_LIVE_LIMITS.ticketSocketsPerAddress} ticket sockets; another address still gets in.`, async () => {
    const officeId = await createOffice();
    const perTicket = DEFAULT_LIVE_LIMITS.socketsPerTicket;
    const tickets = DEFAULT_LIVE_LIMITS.ticketSocketsPerAddress / perTicket;
    const address = newAddress();
    for (let t = 0; t < tickets; t++) {
      const { token } = await issueTicket(officeId);
      const phones = await Promise.all(
        Array.from({ length: perTicket }, () => follow(officeId, token, address)),
      );
      for (const phone of phones) await phone.next("ticket");
    }
    const next = await issueTicket(officeId);
    const refused = await follow(officeId, next.token, address);
    expect((await refused.next("error")).error.code).toBe("too_many_sockets");
    expect((await refused.closedBy()).code).toBe(CLOSE_TOO_MANY_SOCKETS);
    const elsewhere = await follow(officeId, next.token, newAddress());
    expect((await elsewhere.next("ticket")).ticket.id).toBe(next.ticket.id);
  }, 60_000);
});

describe("Messages are rate-limited per socket", () => {
  it(`A phone sending more than ${MESSAGE_ALLOWANCES.ticket.burst} messages at once is closed with 1008; its ticket is untouched.`, async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const phone = await follow(officeId, mine.token);
    await phone.next("ticket");
    const filler = "x".repeat(15 * 1024);
    for (let i = 0; i <= MESSAGE_ALLOWANCES.ticket.burst + 5; i++)
      phone.send({ type: "sync", filler });
    expect((await phone.closedBy()).code).toBe(CLOSE_POLICY_VIOLATION);
    expect(
      phone.received.filter((m) => m.type === "error" && m.error.code === "too_many_messages"),
    ).toHaveLength(1);
    const again = await follow(officeId, mine.token);
    expect((await again.next("ticket")).ticket.status).toBe("waiting");
  });

  it("A socket over its allowance is told once; what it sends after is dropped unread, even once its bucket has refilled.", () => {
    const allowances = new MessageAllowances();
    const { burst } = MESSAGE_ALLOWANCES.ticket;
    const flooding = {};
    const verdicts = Array.from({ length: burst + 3 }, () =>
      allowances.take(flooding, MESSAGE_ALLOWANCES.ticket, 0),
    );
    expect(verdicts.slice(0, burst).every((v) => v === "ok")).toBe(true);
    expect(verdicts.slice(burst)).toEqual(["over", "silenced", "silenced"]);
    expect(allowances.take(flooding, MESSAGE_ALLOWANCES.ticket, 10 * 60_000)).toBe("silenced");
    expect(allowances.isSilenced(flooding)).toBe(true);
    // Another socket, and one the office refused (silence), are judged on their own.
    expect(allowances.take({}, MESSAGE_ALLOWANCES.ticket, 0)).toBe("ok");
    const refused = {};
    allowances.silence(refused);
    expect(allowances.take(refused, MESSAGE_ALLOWANCES.ticket, 0)).toBe("silenced");
  });

  it("A counter socket sending a clerk's burst of commands is not limited.", async () => {
    const officeId = await createOffice();
    const counter = await LiveSocket.open(officeId, "v=1&role=counter");
    await counter.next("snapshot");
    for (let i = 0; i < 30; i++) counter.send({ type: "sync" });
    for (let i = 0; i < 30; i++) await counter.next("snapshot");
    expect(counter.closed).toBeNull();
  });
});

describe("A phone's last frame survives hibernation", () => {
  it("After the office sleeps and wakes, a change that does not move my ticket sends me nothing again.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    const phone = await follow(officeId, mine.token);
    await phone.next("ticket");
    await evictDurableObject(officeStub(officeId)); // sockets hibernate, they are not closed
    // Someone behind me in my queue, someone in another: my place and wait do not move.
    await issueTicket(officeId);
    await issueTicket(officeId, "registry");
    expect(await phone.unreadAfter(200)).toEqual([]);
    await callNext(officeId, "desk-1");
    expect((await phone.next("ticket")).ticket.status).toBe("called");
    expect(phone.closed).toBeNull();
  });
});

describe("Ticket-socket attempts are counted in the Worker, before the office", () => {
  it(`An address gets ${TICKET_UPGRADES.max} ticket-socket attempts an office in ${TICKET_UPGRADES.windowMs / 1000} s; the next is refused by the Worker (too_many_sockets, 4429) without reaching the office, and another address still gets in.`, async () => {
    const officeId = await createOffice();
    const address = newAddress();
    const attempt = async (from: string) => {
      const phone = await follow(officeId, "not-a-ticket-token", from);
      const frame = await phone.next("error");
      const closed = await phone.closedBy();
      phone.close();
      return { error: frame.error, closed };
    };
    // The office answers a few itself (no such ticket); the rest of the window's budget is
    // spent directly, as fast as a flooding client would (the Worker is this isolate).
    for (let i = 0; i < 20; i++) {
      const { error } = await attempt(address);
      expect(error.code).not.toBe("too_many_sockets");
    }
    for (let i = 20; i < TICKET_UPGRADES.max; i++)
      expect(takeTicketUpgrade(officeId, address)).toBe(true);
    const refused = await attempt(address);
    expect(refused.error).toMatchObject({ code: "too_many_sockets" });
    expect(refused.error.message).toMatch(/network/);
    expect(refused.closed.code).toBe(CLOSE_TOO_MANY_SOCKETS);
    expect((await attempt(newAddress())).error.code).not.toBe("too_many_sockets");
    // The window passes: the address gets in again.
    expect(takeTicketUpgrade(officeId, address, Date.now() + TICKET_UPGRADES.windowMs)).toBe(true);
  }, 60_000);
});
