import { describe, expect, it } from "vitest";
import type { DisplayData } from "../../display/model/display-data";
import { hoursLine } from "../../display/model/office-hours";
import { formatClock, officeWallClock } from "../../display/model/office-time";
import { demoOfficeConfig } from "../../shared/demo-office";
import { localTime } from "../../shared/engine";
import { displayMessages } from "../../shared/i18n/display";

/** The demo office (Mon–Fri 8:00–18:30, Sat 8:00–12:30, Rome), closed on 8 December. */
const office = {
  officeName: demoOfficeConfig.name,
  timeZone: "Europe/Rome",
  languages: ["it", "en"],
  openingHours: demoOfficeConfig.openingHours,
  closedDates: ["2026-12-08"],
  services: [],
  counters: [],
  calls: [],
} as unknown as DisplayData;

const it_ = displayMessages("it");
const en = displayMessages("en");
const line = (iso: string, messages = it_) => hoursLine(office, Date.parse(iso), messages).text;

describe("The opening-hours line of the waiting-room screen", () => {
  it("Says the office is open and today's hours while it is open.", () => {
    expect(line("2026-11-26T09:00:00Z")).toBe("Aperto · Oggi 08:00–18:30");
    expect(line("2026-11-26T09:00:00Z", en)).toBe("Open · Today 08:00–18:30");
  });

  it("Before opening, says it is closed and gives today's hours.", () => {
    expect(line("2026-11-26T06:30:00Z")).toBe("Chiuso · Oggi 08:00–18:30");
  });

  it("After closing, says when it reopens: tomorrow, or the next open weekday.", () => {
    expect(line("2026-11-26T17:31:00Z")).toBe("Chiuso · riapre domani alle 08:00");
    expect(line("2026-11-28T12:00:00Z")).toBe("Chiuso · riapre lunedì alle 08:00");
    expect(line("2026-11-28T12:00:00Z", en)).toBe("Closed · reopens on Monday at 08:00");
  });

  it("On a closed day says so, and skips closed dates when it looks for the reopening.", () => {
    expect(line("2026-11-29T12:00:00Z")).toBe("Oggi chiuso · riapre domani alle 08:00");
    expect(line("2026-12-07T18:00:00Z")).toBe("Chiuso · riapre mercoledì alle 08:00");
  });
});

describe("The office's wall clock without Intl formatToParts (Chromium 47)", () => {
  it("Agrees with the engine's clock across the DST change and midnight.", () => {
    const start = Date.parse("2026-03-28T20:00:00Z");
    for (let t = start; t < start + 30 * 3600_000; t += 17 * 60_000) {
      const mine = officeWallClock(t, "Europe/Rome");
      const engine = localTime(t, "Europe/Rome");
      expect(mine.isoDay).toBe(engine.day);
      expect(mine.weekday).toBe(engine.weekday);
      expect(mine.hour * 60 + mine.minute).toBe(engine.minutes);
    }
  });

  it("Shows 24-hour time in the office's zone, whatever the machine's zone.", () => {
    expect(formatClock(officeWallClock(Date.parse("2026-11-26T23:05:00Z"), "Europe/Rome"))).toBe(
      "00:05",
    );
    expect(
      formatClock(officeWallClock(Date.parse("2026-11-26T23:05:00Z"), "America/New_York")),
    ).toBe("18:05");
  });
});
