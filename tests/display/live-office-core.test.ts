import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  denialOf,
  LiveOfficeCore,
  type LiveSocketHandlers,
  type LiveSocketTarget,
} from "../../shared/client/live-office-core";
import { checkServerMessage } from "../../shared/client/server-message-check";
import type { OfficeEvent } from "../../shared/protocol";
import { Office } from "../engine/helpers";

/** A socket the test drives: it records what the client sends and delivers what the test says. */
function harness() {
  const sent: unknown[] = [];
  let handlers: LiveSocketHandlers | undefined;
  let target: LiveSocketTarget | undefined;
  const socketCalls: string[] = [];
  const batches: { events: OfficeEvent[]; replayed: boolean }[] = [];
  const live = new LiveOfficeCore(
    {
      host: "turno.example",
      officeId: "scandicci",
      role: "display",
      onEvents: (events, info) => batches.push({ events, replayed: info.replayed }),
    },
    {
      parseMessage: checkServerMessage,
      openSocket: (t, h) => {
        target = t;
        handlers = h;
        return {
          readyState: 1,
          send: (data) => sent.push(JSON.parse(data)),
          reconnect: () => socketCalls.push("reconnect"),
          close: () => socketCalls.push("close"),
        };
      },
    },
  );
  const deliver = (frame: unknown) =>
    handlers?.message(typeof frame === "string" ? frame : JSON.stringify(frame));
  return {
    live,
    sent,
    batches,
    deliver,
    socketCalls,
    handlers: () => handlers!,
    target: () => target!,
  };
}

describe("LiveOfficeCore, the one client model (here with the display's light frame check)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("Connects to the office's live path with the protocol version and role.", () => {
    const { target } = harness();
    expect(target()).toEqual({
      host: "turno.example",
      path: "api/offices/scandicci/live",
      query: { v: "1", role: "display" },
    });
  });

  it("Shows the snapshot, then folds each event with the engine and reports it as live.", () => {
    const office = new Office();
    const { live, deliver, batches } = harness();
    deliver({
      type: "snapshot",
      v: 1,
      seq: 1,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    expect(live.status.value).toBe("live");
    const issued = office.ok({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
    const called = office.ok({ type: "callNext", counterId: "sportello-1" });
    deliver({ type: "events", seq: 2, events: [...issued, ...called] });
    expect(live.state.value).toEqual(office.state);
    expect(live.seq).toBe(3);
    expect(batches.map((b) => b.replayed)).toEqual([false]);
  });

  it("Asks for a fresh snapshot on a gap, and reports what the new snapshot caught up as replayed.", () => {
    const office = new Office();
    const { live, deliver, sent, batches } = harness();
    deliver({
      type: "snapshot",
      v: 1,
      seq: 1,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    const issued = office.ok({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
    deliver({ type: "events", seq: 5, events: issued });
    expect(sent).toEqual([{ type: "sync" }]);
    deliver({
      type: "snapshot",
      v: 1,
      seq: 5,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    expect(live.state.value).toEqual(office.state);
    expect(batches).toEqual([{ events: [], replayed: true }]);
  });

  it("Answers an unreadable frame with a sync, at most once every 10 seconds.", () => {
    const office = new Office();
    const { deliver, sent } = harness();
    deliver({
      type: "snapshot",
      v: 1,
      seq: 1,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    deliver("not json");
    deliver({ type: "events", seq: 2, events: [{ type: "ticketTeleported", at: 1 }] });
    expect(sent).toEqual([{ type: "sync" }]);
    vi.advanceTimersByTime(10_000);
    deliver("not json");
    expect(sent).toEqual([{ type: "sync" }, { type: "sync" }]);
  });

  it("Says it is reconnecting when the socket closes, and live again at the next snapshot.", () => {
    const office = new Office();
    const { live, deliver, handlers } = harness();
    deliver({
      type: "snapshot",
      v: 1,
      seq: 1,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    handlers().close();
    expect(live.status.value).toBe("reconnecting");
    handlers().open();
    expect(live.status.value).toBe("reconnecting");
    deliver({
      type: "snapshot",
      v: 1,
      seq: 1,
      serverTime: office.now,
      state: structuredClone(office.state),
    });
    expect(live.status.value).toBe("live");
  });

  it("Stops for good when the server closes with 4401, and says why.", () => {
    const { live, deliver, handlers, socketCalls } = harness();
    handlers().open();
    deliver({ type: "error", error: { code: "device_revoked", message: "Revoked." } });
    handlers().close(4401);
    expect(live.status.value).toBe("denied");
    expect(live.denial.value).toEqual({ kind: "unauthenticated", code: "device_revoked" });
    expect(socketCalls).toEqual(["close"]);
    live.reconnectNow();
    expect(socketCalls).toEqual(["close"]);
  });

  it("Stops for good when a ticket's socket is closed with 4410 (the ticket ended), and says so.", () => {
    let ended = 0;
    const socketCalls: string[] = [];
    let handlers: LiveSocketHandlers | undefined;
    const live = new LiveOfficeCore(
      {
        host: "turno.example",
        officeId: "scandicci",
        role: "ticket",
        token: "t".repeat(22),
        onTicketEnded: () => ended++,
      },
      {
        parseMessage: checkServerMessage,
        openSocket: (_t, h) => {
          handlers = h;
          return {
            readyState: 1,
            send: () => undefined,
            reconnect: () => socketCalls.push("reconnect"),
            close: () => socketCalls.push("close"),
          };
        },
      },
    );
    handlers!.open();
    handlers!.close(4410);
    expect(ended).toBe(1);
    expect(socketCalls).toEqual(["close"]);
    expect(live.status.value).not.toBe("reconnecting");
  });

  it("Tells a 4403 (signed in, not allowed here) from a 4401.", () => {
    const { live, handlers } = harness();
    handlers().close(4403);
    expect(live.denial.value).toEqual({ kind: "forbidden", code: "forbidden" });
    expect(live.status.value).toBe("denied");
  });

  it("Trusts the error frame when the close code is lost (1006), but only on that connection.", () => {
    const first = harness();
    first.deliver({ type: "error", error: { code: "not_signed_in", message: "Sign in." } });
    first.handlers().close(1006);
    expect(first.live.denial.value).toEqual({ kind: "unauthenticated", code: "not_signed_in" });

    const second = harness();
    second.deliver({ type: "error", error: { code: "not_signed_in", message: "Sign in." } });
    second.handlers().open();
    second.handlers().close(1006);
    expect(second.live.status.value).toBe("reconnecting");
    expect(second.live.denial.value).toBeNull();
  });

  it("Keeps reconnecting after an ordinary close or an unknown office.", () => {
    const { live, deliver, handlers, socketCalls } = harness();
    deliver({ type: "error", error: { code: "unknown_office", message: "No such office." } });
    handlers().close(1011);
    handlers().close();
    expect(live.status.value).toBe("reconnecting");
    expect(socketCalls).toEqual([]);
  });

  it("Answers the commands still waiting when it is denied, so no button stays busy.", async () => {
    const { live, handlers } = harness();
    const answer = live.command({ type: "callNext", counterId: "sportello-1" });
    handlers().close(4401);
    expect((await answer).status).toBe(0);
  });
});

describe("A close asking for a new connection (1012)", () => {
  it("reconnects as usual and tells the app, which reads the person's rights again.", () => {
    let asked = 0;
    let handlers: LiveSocketHandlers | undefined;
    const live = new LiveOfficeCore(
      {
        host: "turno.example",
        officeId: "scandicci",
        role: "counter",
        onReconnectAsked: () => asked++,
      },
      {
        parseMessage: checkServerMessage,
        openSocket: (_target, h) => {
          handlers = h;
          return {
            readyState: 1,
            send: () => undefined,
            reconnect: () => undefined,
            close: () => undefined,
          };
        },
      },
    );
    handlers?.close(1012);
    expect(live.status.value).toBe("reconnecting");
    expect(asked).toBe(1);
    handlers?.close(1006);
    expect(asked).toBe(1);
  });
});

describe("denialOf, what a live socket's close means", () => {
  it("reads the close code first, then the error frame before it.", () => {
    expect(denialOf(4401, null)).toEqual({ kind: "unauthenticated", code: "" });
    expect(denialOf(4403, { code: "forbidden" })).toEqual({ kind: "forbidden", code: "forbidden" });
    expect(denialOf(1006, { code: "forbidden" })).toBeNull();
    expect(denialOf(1006, { code: "not_paired" })).toEqual({
      kind: "unauthenticated",
      code: "not_paired",
    });
    expect(denialOf(1000, { code: "unknown_office" })).toBeNull();
    expect(denialOf(undefined, null)).toBeNull();
  });
});
