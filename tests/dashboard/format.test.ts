import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatCount,
  formatDay,
  formatDecimal,
  formatElapsed,
  formatHour,
  formatReportMinutes,
  formatShare,
  formatTimeOfDay,
  formatWaitMinutes,
  shortWeekday,
} from "../../dashboard/model/format";

describe("Times and numbers on the dashboard", () => {
  it("ticks timers as m:ss, then h:mm:ss, never below zero.", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(65_000)).toBe("1:05");
    expect(formatClock(59 * 60_000 + 59_999)).toBe("59:59");
    expect(formatClock(3_600_000 + 2 * 60_000 + 9_000)).toBe("1:02:09");
    expect(formatClock(-500)).toBe("0:00");
  });

  it("writes time gone by in words, so it is never read as a time of day.", () => {
    expect(formatElapsed(35_400)).toBe("35 s");
    expect(formatElapsed(4 * 60_000 + 7_000)).toBe("4 min 07 s");
    expect(formatElapsed(62 * 60_000 + 9_000)).toBe("1 h 02 min");
    expect(formatElapsed(-1)).toBe("0 s");
  });

  it("writes a live estimate to the minute, and a dash when no desk is open.", () => {
    expect(formatWaitMinutes(null, "en")).toBe("—");
    expect(formatWaitMinutes(20, "en")).toBe("less than a minute");
    expect(formatWaitMinutes(20, "it")).toBe("meno di un minuto");
    expect(formatWaitMinutes(12 * 60 + 29, "it")).toBe("12 min");
  });

  it("writes report seconds as minutes with one decimal, in the reader's style.", () => {
    expect(formatReportMinutes(570, "en")).toBe("9.5");
    expect(formatReportMinutes(570, "it")).toBe("9,5");
    expect(formatReportMinutes(600, "it")).toBe("10,0");
    expect(formatReportMinutes(null, "en")).toBe("—");
    expect(formatDecimal(59.84, "en")).toBe("59.8");
    expect(formatCount(12345, "en")).toBe("12,345");
    expect(formatCount(12345, "it")).toBe("12.345");
  });

  it("writes shares as whole percentages.", () => {
    expect(formatShare(0.874, "en")).toBe("87%");
    expect(formatShare(1, "it")).toBe("100%");
    expect(formatShare(null, "en")).toBe("—");
  });

  it("writes hours, office times, days and weekdays.", () => {
    expect(formatHour(9)).toBe("09:00");
    // 09:24 UTC is 10:24 in Rome in November.
    expect(formatTimeOfDay(Date.parse("2026-11-23T09:24:00Z"), "Europe/Rome", "it")).toBe("10:24");
    expect(formatDay("2026-11-23", "en", true)).toBe("Nov 23, 2026");
    expect(formatDay("2026-11-23", "it", true)).toBe("23 nov 2026");
    expect(shortWeekday(0, "en")).toBe("Mon");
    expect(shortWeekday(6, "it")).toBe("dom");
  });
});
