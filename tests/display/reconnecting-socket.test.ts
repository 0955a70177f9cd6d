import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openReconnectingSocket } from "../../shared/client/reconnecting-socket";

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const target = {
  host: "turno.example",
  path: "api/offices/scandicci/live",
  query: { v: "1", role: "display" },
};

function open(onClose?: (code: number | undefined) => void) {
  const events: string[] = [];
  const socket = openReconnectingSocket(
    target,
    {
      open: () => events.push("open"),
      message: (data) => events.push(`message ${data}`),
      close: (code) => {
        events.push(code === undefined ? "close" : `close ${code}`);
        onClose?.(code);
      },
    },
    { WebSocket: FakeSocket as unknown as typeof WebSocket },
  );
  return { socket, events };
}

describe("The display's reconnecting WebSocket (ES5, no partysocket)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5); // no jitter: delays are exact
    FakeSocket.all = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("Connects to the office's live URL and passes frames on.", () => {
    const { events } = open();
    expect(FakeSocket.all[0]?.url).toBe(
      "ws://turno.example/api/offices/scandicci/live?v=1&role=display",
    );
    FakeSocket.all[0]?.open();
    FakeSocket.all[0]?.onmessage?.({ data: "hello" });
    expect(events).toEqual(["open", "message hello"]);
  });

  it("Reconnects forever, backing off from 1 s up to 10 s.", () => {
    open();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const count = FakeSocket.all.length;
      FakeSocket.all[count - 1]?.drop();
      let waited = 0;
      while (FakeSocket.all.length === count) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1000, 1600, 2600, 4100, 6600, 10_000, 10_000, 10_000]);
  });

  it("Abandons a socket that never opens and tries again.", () => {
    const { events } = open();
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(["close"]);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("Pings an idle link and drops it when nothing answers.", () => {
    const { events } = open();
    const first = FakeSocket.all[0]!;
    first.open();
    vi.advanceTimersByTime(12_000); // the shared watchdog's timings: link-watchdog.ts
    expect(first.sent).toEqual(["ping"]);
    first.onmessage?.({ data: "pong" });
    expect(events).toEqual(["open"]); // a pong is not a frame for the office
    vi.advanceTimersByTime(12_000);
    expect(first.sent).toEqual(["ping", "ping"]);
    vi.advanceTimersByTime(12_000);
    expect(events).toEqual(["open", "close"]);
  });

  it("reconnect() tries at once instead of waiting for the next backoff step.", () => {
    const { socket } = open();
    FakeSocket.all[0]?.drop();
    socket.reconnect();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("Passes the server's close code on, and stays closed when the handler closes it (a 4401).", () => {
    const { socket, events } = open((code) => {
      if (code === 4401) socket.close();
    });
    FakeSocket.all[0]?.open();
    FakeSocket.all[0]?.drop(4401);
    expect(events).toEqual(["open", "close 4401"]);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    socket.reconnect();
    expect(FakeSocket.all).toHaveLength(1);
  });
});
