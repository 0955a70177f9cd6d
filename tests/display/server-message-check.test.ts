import { describe, expect, it } from "vitest";
import { checkServerMessage } from "../../shared/client/server-message-check";
import { ServerMessage } from "../../shared/protocol/wire";
import { Office } from "../engine/helpers";

/** Real frames, as the office object sends them. */
function frames() {
  const office = new Office();
  const snapshot = {
    type: "snapshot",
    v: 1,
    seq: 3,
    serverTime: office.now,
    state: structuredClone(office.state),
  };
  const issued = office.ok({ type: "issueTicket", serviceId: "urp", channel: "kiosk" });
  const called = office.ok({ type: "callNext", counterId: "sportello-1" });
  const recalled = office.ok({ type: "recall", counterId: "sportello-1" });
  const events = { type: "events", seq: 4, events: [...issued, ...called, ...recalled] };
  return { snapshot, events };
}

describe("The display's light check of server frames (no zod in its ES5 bundle)", () => {
  it("Accepts every real frame the zod schemas accept.", () => {
    const { snapshot, events } = frames();
    for (const frame of [
      snapshot,
      events,
      { type: "error", error: { code: "unknown_office", message: "No such office." } },
      { type: "incompatible", supported: [1], message: "Reload." },
      { type: "result", requestId: "r1", status: 200, body: {} },
    ]) {
      expect(ServerMessage.safeParse(frame).success).toBe(true);
      expect(checkServerMessage(JSON.stringify(frame))).toEqual(frame);
    }
  });

  it("Drops frames it cannot fold: unknown types, unknown events, missing fields.", () => {
    const { snapshot, events } = frames();
    const broken = [
      { type: "party" },
      { ...events, seq: "4" },
      { ...events, events: [] },
      { ...events, events: [{ type: "ticketTeleported", at: 1 }] },
      { ...events, events: [{ type: "constructor", at: 1 }] },
      { ...events, events: [{ type: "toString", at: 1 }] },
      { ...events, events: [{ type: "ticketCalled", at: 1, ticketId: "x" }] },
      { ...snapshot, state: { ...snapshot.state, recentCalls: [{ code: "A001" }] } },
      {
        ...snapshot,
        state: { ...snapshot.state, config: { ...snapshot.state.config, languages: [] } },
      },
      [],
      null,
    ];
    for (const frame of broken) expect(checkServerMessage(JSON.stringify(frame))).toBeNull();
  });

  it("Checks the notice and the services finished for today, in snapshots and in events.", () => {
    const office = new Office();
    const closed = office.ok({ type: "setServiceToday", serviceId: "urp", open: false });
    const notice = office.ok({ type: "setNotice", text: "Chiusura anticipata alle 12:00." });
    const snapshot = {
      type: "snapshot",
      v: 1,
      seq: 3,
      serverTime: office.now,
      state: structuredClone(office.state),
    };
    const events = { type: "events", seq: 4, events: [...closed, ...notice] };
    for (const frame of [snapshot, events]) {
      expect(ServerMessage.safeParse(frame).success).toBe(true);
      expect(checkServerMessage(JSON.stringify(frame))).toEqual(frame);
    }
    const broken = [
      { ...snapshot, state: { ...snapshot.state, closedForToday: ["urp", 7] } },
      { ...snapshot, state: { ...snapshot.state, closedForToday: "urp" } },
      { ...snapshot, state: { ...snapshot.state, notice: "Chiusura" } },
      { ...snapshot, state: { ...snapshot.state, notice: { text: 12, at: 1 } } },
      { ...events, events: [{ type: "serviceTodayChanged", at: 1, serviceId: "urp" }] },
      { ...events, events: [{ type: "noticeChanged", at: 1, notice: { text: "x" } }] },
      { ...events, events: [{ type: "noticeChanged", at: 1 }] },
    ];
    for (const frame of broken) expect(checkServerMessage(JSON.stringify(frame))).toBeNull();
  });
});
