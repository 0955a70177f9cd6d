import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AuditEntry,
  ClientMessage,
  ErrorBody,
  type IssuedTicket,
  PING,
} from "../../shared/protocol";
import type { OfficeView } from "../../shared/protocol/responses";
import { allowanceOf } from "../../worker/office/live-limits";
import { type CommandPools, type Frame, frameArb } from "./fuzz-arbitraries";
import {
  COUNTERS,
  call,
  countRequests,
  excerpt,
  expectPlannedShare,
  type FUZZ_PLAN,
  mayRunOnSocket,
  Person,
  params,
  planFor,
  recordAnswer,
  SERVICES,
  type SocketRole,
  safeJson,
  sendFrame,
  sleep,
  TIMEOUT,
} from "./fuzz-harness";
import { Observer } from "./fuzz-invariants";
import {
  type Credentials,
  createOffice,
  getOffice,
  issueTicket,
  LiveSocket,
  newOfficeId,
  pairedDevice,
  signedIn,
} from "./helpers";

/**
 * The live socket fuzzed, shared by fuzz-live.test.ts and the per-role files
 * (fuzz-live-display, -kiosk, -counter, -ticket): random frames on a role's
 * sockets, from every kind of caller that may open one, each get an error
 * or a result; what the role may not send is answered 403 and changes
 * nothing; no socket dies with a server error (1011); and the offices'
 * queues are whole at the end.
 */

/** Staff of every office, for sockets of offices created as the properties run. */
export const staff: { clerk?: Person; supervisor?: Person } = {};

async function signInStaff(): Promise<void> {
  const clerk = await signedIn([{ office: "*", role: "clerk" }]);
  staff.clerk = new Person(clerk.username, clerk.as);
  const supervisor = await signedIn([{ office: "*", role: "supervisor" }]);
  staff.supervisor = new Person(supervisor.username, supervisor.as);
  countRequests(4);
}

export type SocketCaller = "display" | "kiosk" | "clerk" | "supervisor" | "operator" | "holder";

const RANK: Record<SocketCaller, number> = {
  display: 0,
  kiosk: 0,
  holder: 0,
  clerk: 1,
  supervisor: 2,
  operator: 3,
};

export const SOCKETS: { role: SocketRole; caller: SocketCaller }[] = [
  { role: "display", caller: "display" },
  { role: "display", caller: "clerk" },
  { role: "display", caller: "operator" },
  { role: "kiosk", caller: "kiosk" },
  { role: "kiosk", caller: "clerk" },
  { role: "kiosk", caller: "operator" },
  { role: "counter", caller: "clerk" },
  { role: "counter", caller: "supervisor" },
  { role: "counter", caller: "operator" },
  { role: "ticket", caller: "holder" },
];

export interface SocketOffice {
  id: string;
  kiosk: Credentials;
  display: Credentials;
  pools: CommandPools;
  seq: number;
  auditIds: Set<number>;
}

export interface SocketRun {
  office: number;
  socket: { role: SocketRole; caller: SocketCaller };
  /** Extra query parameters on the upgrade, including the socket library's own (`_pk` is its connection id). */
  extraQuery: string;
  frames: Frame[];
}

export const extraQueryArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant("") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "&_pk=role:kiosk",
      "&_pk=role:counter",
      "&_pk=stream",
      "&_pk=ticket:2020-01-01-A001",
      `&_pk=${"p".repeat(300)}`,
      "&role=counter",
      "&v=1&v=2",
    ),
  },
);

/** Three offices with tickets and paired devices, and staff, for socket runs. */
export async function socketOffices(): Promise<SocketOffice[]> {
  await signInStaff();
  const offices: SocketOffice[] = [];
  for (const label of ["fuzz-live-a", "fuzz-live-b", "fuzz-live-c"]) {
    const id = await createOffice(undefined, newOfficeId(label));
    const tickets = [await issueTicket(id), await issueTicket(id, "registry")];
    const kiosk = await pairedDevice(id, "kiosk");
    const display = await pairedDevice(id, "display");
    await sleep(50); // the devices' audit entries reach the office a moment later
    const view = await getOffice(id);
    const audit = await call<{ entries: AuditEntry[] }>("GET", `/offices/${id}/audit?limit=500`);
    offices.push({
      id,
      kiosk: kiosk.as,
      display: display.as,
      pools: {
        counters: COUNTERS,
        services: SERVICES,
        ticketIds: tickets.map((t) => t.ticket.id),
      },
      seq: view.seq,
      auditIds: new Set(audit.body.entries.map((e) => e.id)),
    });
    countRequests(6); // the office, two tickets, two devices, a look (the audit counts itself)
  }
  return offices;
}

/** Frames per socket run of a role: a ticket socket may send 10 messages (live-limits.ts), so some of its runs go past them. */
const FRAMES_PER_RUN: Record<SocketRole, { minLength: number; maxLength: number }> = {
  display: { minLength: 30, maxLength: 50 },
  kiosk: { minLength: 30, maxLength: 50 },
  counter: { minLength: 30, maxLength: 50 },
  ticket: { minLength: 6, maxLength: 13 },
};

/**
 * A per-role fuzz file: `runs` sockets of `role`, each opened by a caller
 * that may open one (SOCKETS) and sent random frames, then the offices'
 * queues checked whole and the file's share of inputs proved.
 */
export function fuzzSocketRole(file: keyof typeof FUZZ_PLAN, role: SocketRole, runs: number) {
  planFor(file);
  const offices: SocketOffice[] = [];
  const observers: Observer[] = [];

  beforeAll(async () => {
    offices.push(...(await socketOffices()));
    for (const office of offices) observers.push(await Observer.open(office.id));
  }, TIMEOUT);

  describe(`The ${role} socket, fuzzed`, () => {
    it(
      `${runs} ${role} sockets, random frames: an error or result for each, 403 and no change for what the role may not send, never a 1011.`,
      async () => {
        const arb: fc.Arbitrary<SocketRun> = fc.record({
          office: fc.nat({ max: 2 }),
          socket: fc.constantFrom(...SOCKETS.filter((socket) => socket.role === role)),
          extraQuery: extraQueryArb,
          frames: fc.array(
            fc.oneof(...[0, 1, 2].map((i) => frameArb(offices[i]!.pools))),
            FRAMES_PER_RUN[role],
          ),
        });
        await fc.assert(
          fc.asyncProperty(arb, (run) => socketRun(offices[run.office]!, run)),
          params(runs),
        );
      },
      TIMEOUT,
    );

    it("After them all, the offices' queues are whole: their events fold into their state, every invariant holds.", async () => {
      for (const [index, observer] of observers.entries()) {
        await observer.expectWhole(offices[index]!.seq);
      }
    });
  });
  expectPlannedShare(file);
}

/**
 * A ticket still open, for a ticket socket: the runs' counters may have
 * finished the office's first tickets, and a finished ticket's socket is
 * closed at once (4410). Its issue is noted as the office's own change.
 */
export async function openTicketToken(office: SocketOffice): Promise<string> {
  const issued = await call<IssuedTicket>("POST", `/offices/${office.id}/tickets`, {
    body: { serviceId: "general" },
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const { token } = issued.body;
  const audit = await call<{ entries: AuditEntry[] }>(
    "GET",
    `/offices/${office.id}/audit?limit=500`,
  );
  for (const entry of audit.body.entries) office.auditIds.add(entry.id);
  office.seq++;
  return token;
}

export async function socketRun(office: SocketOffice, run: SocketRun): Promise<void> {
  const { role, caller } = run.socket;
  const as: Credentials =
    caller === "display"
      ? office.display
      : caller === "kiosk"
        ? office.kiosk
        : caller === "clerk"
          ? staff.clerk!.as
          : caller === "supervisor"
            ? staff.supervisor!.as
            : caller === "operator"
              ? "operator"
              : "anonymous";
  const query = `v=1&role=${role}${role === "ticket" ? `&token=${await openTicketToken(office)}` : ""}${run.extraQuery}`;
  const where = `${role} socket of ${caller} (?${excerpt(query, 80)})`;
  countRequests();
  const socket = await LiveSocket.open(office.id, query, as);
  await socket.next(role === "ticket" ? "ticket" : "snapshot");
  const rank = RANK[caller];
  const isStaff = caller === "clerk" || caller === "supervisor" || caller === "operator";
  let changes = 0;
  let audited = 0;
  const countEvents = () => socket.received.filter((m) => m.type === "events").length;

  // What reaches the office counts against the socket's allowance (pings are answered before
  // it); past the most the allowance can have given since the socket opened, a message closes
  // the socket (1008), never with a server error.
  const allowance = allowanceOf(role);
  const openedAt = Date.now();
  let messages = 0;
  let cutOff = false;
  for (const frame of run.frames) {
    const what = `${where}, frame ${excerpt("text" in frame ? frame.text : `bytes ${frame.bytes}`, 200)}`;
    const eventsBefore = countEvents();
    if (!("text" in frame && frame.text === PING) && ++messages > allowance.burst) {
      // Whole messages the bucket may have regained (a second's slack for the office's clock).
      const refilled = Math.floor(((Date.now() - openedAt + 1000) * allowance.perMinute) / 60_000);
      if (messages <= allowance.burst + refilled) break; // the bucket may have refilled: unsure
      sendFrame(socket, "text" in frame ? frame.text : new Uint8Array(frame.bytes));
      expect((await socket.next("error")).error.code, what).toBe("too_many_messages");
      expect((await socket.closedBy()).code, what).toBe(1008);
      recordAnswer("frame→too_many_messages");
      cutOff = true;
      break;
    }
    if ("bytes" in frame) {
      sendFrame(socket, new Uint8Array(frame.bytes));
      expect((await socket.next("error")).error.code, what).toBe("invalid_message");
      recordAnswer("frame→error");
      continue;
    }
    sendFrame(socket, frame.text);
    if (frame.text === PING) {
      const pongs = socket.pongs;
      await socket.until(() => socket.pongs > pongs, `pong (${what})`);
      recordAnswer("frame→pong");
      continue;
    }
    const parsed = ClientMessage.safeParse(safeJson(frame.text));
    if (frame.text.length > 16 * 1024 || !parsed.success) {
      const error = await socket.next("error").catch((e: Error) => {
        throw new Error(`${e.message}: ${what}`);
      });
      expect(["invalid_message", "malformed_json"], what).toContain(error.error.code);
      recordAnswer("frame→error");
      continue;
    }
    if (parsed.data.type === "sync") {
      if (role !== "ticket") await socket.next("snapshot");
      recordAnswer("frame→sync");
      continue;
    }
    const result = await socket.next("result").catch((e: Error) => {
      throw new Error(`${e.message}: ${what}`);
    });
    recordAnswer(`frame→${result.status}`);
    const got = `${what} → ${result.status} ${excerpt(JSON.stringify(result.body))}`;
    expect(result.requestId, got).toBe(parsed.data.requestId);
    expect(result.status, `a server error: ${got}`).toBeLessThan(500);
    if (result.status >= 300) expect(ErrorBody.safeParse(result.body).success, got).toBe(true);
    const newEvents = countEvents() - eventsBefore;
    if (!mayRunOnSocket(role, rank, parsed.data.command.type)) {
      expect(result.status, `a command this socket may not send: ${got}`).toBe(403);
      expect(newEvents, `a refused command changed the queue: ${got}`).toBe(0);
    } else if (newEvents > 0) {
      changes++;
      if (isStaff) audited++;
    }
  }

  if (cutOff) expect(socket.closed?.code, where).toBe(1008);
  else expect(socket.closed, `${where} was closed`).toBeNull();
  // Stream sockets saw every change; a ticket socket sees none, so the office tells.
  const view = (await call<OfficeView>("GET", `/offices/${office.id}`)).body;
  const audit = await call<{ entries: AuditEntry[] }>(
    "GET",
    `/offices/${office.id}/audit?limit=500`,
  );
  if (role === "ticket") expect(view.seq, `${where} changed the queue`).toBe(office.seq);
  else {
    await socket.unreadAfter(20);
    const events = socket.received.flatMap((m) => (m.type === "events" ? m.events : []));
    expect(view.seq, where).toBe(office.seq + events.length);
    expect(changes > 0 || events.length === 0, where).toBe(true);
  }
  const added = audit.body.entries.filter((e) => !office.auditIds.has(e.id));
  expect(added.length, `audit entries added: ${JSON.stringify(added.map((e) => e.action))}`).toBe(
    audited,
  );
  for (const entry of added) {
    expect(mayRunOnSocket(role, rank, entry.action), `audited ${entry.action} by ${where}`).toBe(
      true,
    );
    office.auditIds.add(entry.id);
  }
  office.seq = view.seq;
  socket.close();
}
