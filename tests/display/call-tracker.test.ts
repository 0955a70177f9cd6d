import { describe, expect, it } from "vitest";
import { CallTracker } from "../../display/model/call-tracker";
import type { DisplayCall } from "../../display/model/display-data";

const NOW = Date.parse("2026-11-23T09:00:00Z");

function call(code: string, at: number, recalls = 0): DisplayCall {
  return {
    ticketId: `2026-11-23-${code}`,
    code,
    counterId: "sportello-1",
    counterName: "Sportello 1",
    at,
    recalls,
    active: true,
  };
}

describe("Which calls the waiting-room screen announces", () => {
  it("On first load nothing is announced: the calls already on the board are history.", () => {
    const tracker = new CallTracker();
    expect(
      tracker.update([call("A002", NOW - 1000), call("A001", NOW - 5000)], "live", NOW),
    ).toEqual([]);
    expect(tracker.primed).toBe(true);
  });

  it("A live call is announced once, even if the same list arrives again.", () => {
    const tracker = new CallTracker();
    tracker.update([call("A001", NOW - 60_000)], "catch-up", NOW);
    const list = [call("A002", NOW), call("A001", NOW - 60_000)];
    expect(tracker.update(list, "live", NOW).map((c) => c.code)).toEqual(["A002"]);
    expect(tracker.update(list, "live", NOW)).toEqual([]);
  });

  it("A recall of the same ticket is announced again.", () => {
    const tracker = new CallTracker();
    tracker.update([call("A001", NOW - 60_000)], "catch-up", NOW);
    expect(tracker.update([call("A001", NOW, 1)], "live", NOW).map((c) => c.recalls)).toEqual([1]);
  });

  it("Several new calls in one batch are announced oldest first.", () => {
    const tracker = new CallTracker();
    tracker.update([], "catch-up", NOW);
    const announced = tracker.update([call("B001", NOW), call("A003", NOW - 500)], "live", NOW);
    expect(announced.map((c) => c.code)).toEqual(["A003", "B001"]);
  });

  it("After a reconnect, missed calls are shown but only those of the last 30 seconds are announced.", () => {
    const tracker = new CallTracker();
    tracker.update([call("A001", NOW - 600_000)], "live", NOW - 500_000);
    const missed = [
      call("A004", NOW - 5_000),
      call("A003", NOW - 45_000),
      call("A002", NOW - 120_000),
    ];
    expect(
      tracker.update([...missed, call("A001", NOW - 600_000)], "catch-up", NOW).map((c) => c.code),
    ).toEqual(["A004"]);
  });
});
