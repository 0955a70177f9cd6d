import { describe, expect, it } from "vitest";
import {
  CALLABLE_BEFORE_START_MS,
  callableFrom,
  checkInTiming,
  checkInWindow,
} from "../../shared/booking/check-in";
import { MINUTE, MONDAY_10 } from "./helpers";

const SLOT = MONDAY_10;
const DEFAULTS = { earlyMinutes: 30, lateMinutes: 10 };

describe("Check-in window of an appointment", () => {
  it("Opens earlyMinutes before the slot and closes lateMinutes after it, both ends on time.", () => {
    expect(checkInWindow(SLOT, DEFAULTS)).toEqual({
      opensAt: SLOT - 30 * MINUTE,
      closesAt: SLOT + 10 * MINUTE,
    });
    expect(checkInTiming(SLOT, DEFAULTS, SLOT - 30 * MINUTE)).toEqual({
      timing: "on-time",
      closesAt: SLOT + 10 * MINUTE,
    });
    expect(checkInTiming(SLOT, DEFAULTS, SLOT + 10 * MINUTE).timing).toBe("on-time");
  });

  it("Too early says when check-in opens; too late says when it closed.", () => {
    expect(checkInTiming(SLOT, DEFAULTS, SLOT - 30 * MINUTE - 1)).toEqual({
      timing: "early",
      opensAt: SLOT - 30 * MINUTE,
    });
    expect(checkInTiming(SLOT, DEFAULTS, SLOT + 10 * MINUTE + 1)).toEqual({
      timing: "late",
      closedAt: SLOT + 10 * MINUTE,
    });
  });

  it("With no early or late allowance only the slot's own instant is on time.", () => {
    const strict = { earlyMinutes: 0, lateMinutes: 0 };
    expect(checkInTiming(SLOT, strict, SLOT - 1).timing).toBe("early");
    expect(checkInTiming(SLOT, strict, SLOT).timing).toBe("on-time");
    expect(checkInTiming(SLOT, strict, SLOT + 1).timing).toBe("late");
  });

  it("A checked-in appointment's ticket is callable two minutes before its slot.", () => {
    expect(CALLABLE_BEFORE_START_MS).toBe(2 * MINUTE);
    expect(callableFrom(SLOT)).toBe(SLOT - 2 * MINUTE);
  });
});
