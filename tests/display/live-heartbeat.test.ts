import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveOffice } from "../../shared/client/live-office";
import { LiveOfficeCore, type LiveOfficeOptions } from "../../shared/client/live-office-core";
import { openReconnectingSocket } from "../../shared/client/reconnecting-socket";
import { checkServerMessage } from "../../shared/client/server-message-check";
import { Office } from "../engine/helpers";

/**
 * A WebSocket the test drives, usable by both transports: partysocket listens
 * with addEventListener, the display's socket with the on… properties. Its
 * close() starts a close handshake that never ends, as on a half-open link.
 */
class FakeWebSocket extends EventTarget {
  static all: FakeWebSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(public url: string) {
    super();
    FakeWebSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error("InvalidStateError");
    this.sent.push(data);
  }
  close() {
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    const event = new Event("open");
    this.onopen?.(event);
    this.dispatchEvent(event);
  }
  deliver(frame: unknown) {
    const event = new MessageEvent("message", {
      data: typeof frame === "string" ? frame : JSON.stringify(frame),
    });
    this.onmessage?.(event);
    this.dispatchEvent(event);
  }
  /** The frames the client sent, ping aside, read back as JSON. */
  messages(): unknown[] {
    return this.sent.filter((text) => text !== "ping").map((text) => JSON.parse(text));
  }
}

const options = (role: LiveOfficeOptions["role"]): LiveOfficeOptions => ({
  host: "turno.example",
  officeId: "scandicci",
  role,
  WebSocket: FakeWebSocket as unknown as typeof WebSocket,
});

const transports: [string, () => LiveOfficeCore][] = [
  [
    "partysocket (kiosk, counter, ticket page, dashboard)",
    () => new LiveOffice(options("counter")),
  ],
  [
    "the display's own socket",
    () =>
      new LiveOfficeCore(options("display"), {
        parseMessage: checkServerMessage,
        openSocket: (target, handlers) =>
          openReconnectingSocket(target, handlers, {
            WebSocket: FakeWebSocket as unknown as typeof WebSocket,
          }),
      }),
  ],
];

/** Advances the fake clock in small steps until `done`, and says how long that took. */
async function waitUntil(done: () => boolean, limitMs: number): Promise<number> {
  let waited = 0;
  while (!done() && waited < limitMs) {
    await vi.advanceTimersByTimeAsync(250);
    waited += 250;
  }
  return waited;
}

function snapshotOf(office: Office, seq: number) {
  return {
    type: "snapshot",
    v: 1,
    seq,
    serverTime: office.now,
    state: structuredClone(office.state),
  };
}

describe.each(transports)("The live link over %s (issue 9)", (_name, connect) => {
  let live: LiveOfficeCore;
  let office: Office;

  /** Connects, opens the first socket and brings the client live with a snapshot. */
  async function connectLive(): Promise<FakeWebSocket> {
    live = connect();
    await waitUntil(() => FakeWebSocket.all.length > 0, 5000);
    const first = FakeWebSocket.all[0]!;
    first.open();
    first.deliver(snapshotOf(office, office.log.length));
    expect(live.status.value).toBe("live");
    return first;
  }

  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    FakeWebSocket.all = [];
    office = new Office();
  });
  afterEach(() => {
    live?.close();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("notices a silent, never-closing link within 30 s, shows it, reconnects and is live again after a fresh snapshot.", async () => {
    const first = await connectLive();

    const noticedAfter = await waitUntil(() => live.status.value !== "live", 60_000);
    expect(noticedAfter).toBeLessThanOrEqual(30_000);
    expect(first.sent).toEqual(["ping"]);
    expect(live.status.value).toBe("reconnecting");

    // Meanwhile the office went on without this client.
    office.ok({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
    await waitUntil(() => FakeWebSocket.all.length > 1, 15_000);
    expect(FakeWebSocket.all).toHaveLength(2);
    const second = FakeWebSocket.all[1]!;
    second.open();
    expect(live.status.value).toBe("reconnecting");
    second.deliver(snapshotOf(office, office.log.length));
    expect(live.status.value).toBe("live");
    expect(live.state.value).toEqual(office.state);

    // Exactly one new socket: our retry and the transport's own did not both fire.
    await vi.advanceTimersByTimeAsync(8000);
    expect(FakeWebSocket.all).toHaveLength(2);
  });

  it("gives up on a link stuck closing (its close event never comes) and reports it itself.", async () => {
    const first = await connectLive();
    first.readyState = 2;
    const noticedAfter = await waitUntil(() => live.status.value !== "live", 60_000);
    expect(noticedAfter).toBeLessThanOrEqual(30_000);
    expect(live.status.value).toBe("reconnecting");
    await waitUntil(() => FakeWebSocket.all.length > 1, 15_000);
    FakeWebSocket.all[1]?.open();
    FakeWebSocket.all[1]?.deliver(snapshotOf(office, office.log.length));
    expect(live.status.value).toBe("live");
  });

  it("answers a command sent over the dead link at once when it gives up, not after its own timeout.", async () => {
    await connectLive();
    await vi.advanceTimersByTimeAsync(17_000); // the ping is out, unanswered; a timeout would come at 25 s
    const answer = live.command({ type: "callNext", counterId: "sportello-1" });
    await waitUntil(() => live.status.value !== "live", 30_000);
    expect(await answer).toMatchObject({ status: 0, body: { error: { code: "offline" } } });
  });

  it("keeps a quiet link that answers its pings, and never hands a pong to the office model.", async () => {
    const first = await connectLive();
    let answered = 0;
    for (let second = 0; second < 300; second++) {
      await vi.advanceTimersByTimeAsync(1000);
      const pings = first.sent.filter((text) => text === "ping").length;
      for (; answered < pings; answered++) first.deliver("pong");
    }
    expect(answered).toBeGreaterThan(0);
    expect(live.status.value).toBe("live");
    expect(FakeWebSocket.all).toHaveLength(1);
    // A pong read as an office frame would be unreadable and answered with a sync.
    expect(first.messages()).toEqual([]);
  });

  it("sends no ping while frames keep flowing.", async () => {
    const first = await connectLive();
    for (let i = 0; i < 24; i++) {
      await vi.advanceTimersByTimeAsync(5000);
      const seq = office.log.length + 1;
      const events = office.ok({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
      first.deliver({ type: "events", seq, events });
    }
    expect(first.sent).toEqual([]);
    expect(live.status.value).toBe("live");
    expect(live.state.value).toEqual(office.state);
  });
});
