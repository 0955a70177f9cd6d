import { describe, expect, it } from "vitest";
import { fromOfficeState, fromOfficeView } from "../../display/model/display-data";
import { checkServerMessage } from "../../shared/client/server-message-check";
import { evolve } from "../../shared/engine";
import {
  type OfficeEvent,
  type OfficeState,
  publicEvents,
  publicOfficeState,
} from "../../shared/protocol";
import { officeView } from "../../worker/office/views";
import { demoConfig, MINUTE, Office } from "../engine/helpers";

describe("What the screen shows is the same from the socket and from polling", () => {
  it("The office view (GET /api/offices/{office}) and the live state give the same picture.", () => {
    const office = new Office();
    for (const service of ["urp", "urp", "anagrafe", "scuola"]) office.issue(service);
    office.callNext("sportello-1");
    office.callNext("sportello-3");
    const view = JSON.parse(JSON.stringify(officeView("scandicci", office.state, 9, office.now)));
    const polled = fromOfficeView(view);
    const live = fromOfficeState(office.state);
    expect(polled).toEqual(live);
    expect(live.calls.map((c) => `${c.code} ${c.counterName}`)).toEqual([
      "B001 Sportello 3",
      "A001 Sportello 1",
    ]);
    expect(live.services.map((s) => s.id)).not.toContain("edilizia"); // appointment-only: no queue in the room
    expect(live.services.find((s) => s.id === "urp")?.waiting).toBe(1);
  });

  it("A mixed service (appointments and walk-ins) shows its queue in the room, from either source.", () => {
    const base = demoConfig();
    const office = new Office(
      demoConfig({
        services: base.services.map((s) => (s.id === "anagrafe" ? { ...s, mode: "mixed" } : s)),
      }),
    );
    office.issue("anagrafe");
    const view = JSON.parse(JSON.stringify(officeView("scandicci", office.state, 2, office.now)));
    const live = fromOfficeState(office.state);
    expect(fromOfficeView(view)).toEqual(live);
    expect(live.services.find((s) => s.id === "anagrafe")?.waiting).toBe(1);
  });

  it("An answer that is not an office view gives nothing to show.", () => {
    expect(fromOfficeView({ error: { code: "unknown_office" } })).toBeNull();
    expect(fromOfficeView(null)).toBeNull();
  });
});

describe("The public state a display's socket carries (issue 9) is enough for the screen", () => {
  /** A morning with priority tickets in two languages, a transfer to one desk, a served ticket and a recall. */
  function morning(): { office: Office; snapshotAt: number } {
    const office = new Office();
    office.issue("urp", { priority: true, lang: "en" });
    office.issue("urp", { channel: "staff", lang: "it" });
    const snapshotAt = office.log.length;
    office.issue("anagrafe", { priority: true, lang: "en" });
    office.issue("urp");
    office.issue("anagrafe", { lang: "en" });
    office.callNext("sportello-1");
    office.ok({ type: "startService", counterId: "sportello-1" });
    office.advance(7 * MINUTE);
    office.ok({ type: "complete", counterId: "sportello-1" });
    office.callNext("sportello-3");
    office.ok({ type: "recall", counterId: "sportello-3" });
    office.callNext("sportello-2");
    office.ok({ type: "transfer", counterId: "sportello-2", toCounterId: "sportello-4" });
    return { office, snapshotAt };
  }

  it("Counts, estimated waits and calls come out the same from the public state as from the whole one.", () => {
    const { office } = morning();
    const whole = fromOfficeState(office.state);
    expect(fromOfficeState(publicOfficeState(office.state))).toEqual(whole);
    expect(whole.services.some((s) => s.waiting > 0 && s.estimatedWaitSeconds !== null)).toBe(true);
    expect(whole.calls.length).toBeGreaterThan(1);
  });

  it("Folding the public events onto a public snapshot, as the display does, ends on the same picture.", () => {
    const { office, snapshotAt } = morning();
    const replay = new Office();
    for (const event of office.log.slice(1, snapshotAt)) replay.state = evolve(replay.state, event);
    let state = JSON.parse(JSON.stringify(publicOfficeState(replay.state))) as OfficeState;
    for (const event of publicEvents(office.log.slice(snapshotAt)))
      state = evolve(state, event as OfficeEvent);
    expect(fromOfficeState(state)).toEqual(fromOfficeState(office.state));
  });

  it("A display built before the public frames reads them: its frame check accepts them, without the fields it never used.", () => {
    const { office } = morning();
    const snapshot = JSON.stringify({
      type: "snapshot",
      v: 1,
      seq: office.log.length,
      serverTime: office.now,
      state: publicOfficeState(office.state),
    });
    const events = JSON.stringify({ type: "events", seq: 2, events: publicEvents(office.log) });
    expect(checkServerMessage(snapshot)).not.toBeNull();
    expect(checkServerMessage(events)).not.toBeNull();
    for (const frame of [snapshot, events]) expect(frame).not.toMatch(/"(priority|lang|channel)":/);
    expect(snapshot).toContain('"code":"A002"');
    expect(events).toContain('"ticketIssued"');
  });
});
