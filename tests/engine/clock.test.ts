import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOpen, localDay, localTime, startOfNextDay } from "../../shared/engine";
import { demoConfig, HOUR, MINUTE, MONDAY_10 } from "./helpers";

const ROME = "Europe/Rome";

describe("Local time of the office", () => {
  it("localTime gives the office's local day, weekday and minutes since local midnight.", () => {
    expect(localTime(MONDAY_10, ROME)).toEqual({ day: "2026-11-23", weekday: "mon", minutes: 600 });
    expect(localTime(Date.parse("2026-11-29T22:59:00Z"), ROME)).toEqual({
      day: "2026-11-29",
      weekday: "sun",
      minutes: 23 * 60 + 59,
    });
    expect(localTime(Date.parse("2026-11-29T23:00:00Z"), ROME)).toEqual({
      day: "2026-11-30",
      weekday: "mon",
      minutes: 0,
    });
  });

  it("Readings are remembered per zone and per second: the same instant elsewhere, or the next second across midnight, is read afresh.", () => {
    const lastSecondOfSunday = Date.parse("2026-11-29T22:59:59Z");
    expect(localTime(lastSecondOfSunday, ROME)).toEqual({
      day: "2026-11-29",
      weekday: "sun",
      minutes: 1439,
    });
    expect(localTime(lastSecondOfSunday, "America/New_York")).toEqual({
      day: "2026-11-29",
      weekday: "sun",
      minutes: 17 * 60 + 59,
    });
    expect(localTime(lastSecondOfSunday + 999, ROME).day).toBe("2026-11-29");
    expect(localTime(lastSecondOfSunday + 1000, ROME)).toEqual({
      day: "2026-11-30",
      weekday: "mon",
      minutes: 0,
    });
    expect(localTime(lastSecondOfSunday, ROME).day).toBe("2026-11-29");
  });

  it("localTime applies Rome's winter offset (UTC+1) and summer offset (UTC+2).", () => {
    expect(localTime(Date.parse("2026-01-15T12:00:00Z"), ROME).minutes).toBe(13 * 60);
    expect(localTime(Date.parse("2026-07-15T12:00:00Z"), ROME).minutes).toBe(14 * 60);
  });

  it("On the last Sunday of March the clock jumps from 01:59 to 03:00 local time.", () => {
    expect(localTime(Date.parse("2026-03-29T00:59:00Z"), ROME).minutes).toBe(1 * 60 + 59);
    expect(localTime(Date.parse("2026-03-29T01:00:00Z"), ROME).minutes).toBe(3 * 60);
  });

  it("On the last Sunday of October 02:30 local time happens twice, an hour apart.", () => {
    const first = Date.parse("2026-10-25T00:30:00Z");
    const second = Date.parse("2026-10-25T01:30:00Z");
    expect(localTime(first, ROME)).toEqual({ day: "2026-10-25", weekday: "sun", minutes: 150 });
    expect(localTime(second, ROME)).toEqual({ day: "2026-10-25", weekday: "sun", minutes: 150 });
  });

  it("localDay handles year ends and leap days in the office's zone.", () => {
    expect(localDay(Date.parse("2026-12-31T23:00:00Z"), ROME)).toBe("2027-01-01");
    expect(localDay(Date.parse("2028-02-28T23:30:00Z"), ROME)).toBe("2028-02-29");
    expect(localDay(Date.parse("2026-12-31T23:00:00Z"), "UTC")).toBe("2026-12-31");
  });
});

describe("Start of the next local day", () => {
  it.each([
    ["an ordinary winter day", "2026-11-23", "2026-11-23T23:00:00Z"],
    ["an ordinary summer day", "2026-07-13", "2026-07-13T22:00:00Z"],
    ["the Saturday before summer time starts", "2026-03-28", "2026-03-28T23:00:00Z"],
    ["the 23-hour Sunday when summer time starts", "2026-03-29", "2026-03-29T22:00:00Z"],
    ["the Saturday before winter time returns", "2026-10-24", "2026-10-24T22:00:00Z"],
    ["the 25-hour Sunday when winter time returns", "2026-10-25", "2026-10-25T23:00:00Z"],
    ["New Year's Eve", "2026-12-31", "2026-12-31T23:00:00Z"],
    ["28 February of a leap year", "2028-02-28", "2028-02-28T23:00:00Z"],
    ["the end of a 30-day month", "2026-04-30", "2026-04-30T22:00:00Z"],
    ["the last Sunday of March 2027", "2027-03-28", "2027-03-28T22:00:00Z"],
    ["the last Sunday of October 2027", "2027-10-31", "2027-10-31T23:00:00Z"],
  ])(
    "In Rome, after %s (%s) the next day starts at %s, the real local midnight.",
    (_label, day, expected) => {
      expect(new Date(startOfNextDay(day, ROME)).toISOString()).toBe(
        new Date(expected).toISOString(),
      );
    },
  );

  it.each([
    ["America/Santiago", "2026-09-05", "2026-09-06T04:00:00Z", 60],
    ["America/Havana", "2026-03-07", "2026-03-08T05:00:00Z", 60],
    ["Asia/Beirut", "2026-03-28", "2026-03-28T22:00:00Z", 60],
  ])(
    "Where midnight itself is skipped by summer time (%s, after %s) the next day starts at its first real instant, 01:00.",
    (zone, day, expected, minutes) => {
      const start = startOfNextDay(day, zone);
      expect(new Date(start).toISOString()).toBe(new Date(expected).toISOString());
      expect(localTime(start, zone).minutes).toBe(minutes);
      expect(localDay(start - 1, zone)).toBe(day);
    },
  );

  it.each([
    ["Europe/Rome", "9999-12-31", "9999-12-31T23:00:00Z"],
    ["Pacific/Kiritimati", "9999-12-31", "9999-12-31T10:00:00Z"],
    ["UTC", "0999-12-31", "1000-01-01T00:00:00Z"],
  ])(
    "Around five-digit and three-digit years (%s, after %s) the next day is found too: days are compared as numbers, not as text.",
    (zone, day, expected) => {
      expect(startOfNextDay(day, zone)).toBe(Date.parse(expected));
    },
  );

  it.each([
    ["Asia/Kolkata", "2026-01-01", "2026-01-01T18:30:00Z"],
    ["Asia/Kathmandu", "2026-01-01", "2026-01-01T18:15:00Z"],
    ["Australia/Lord_Howe", "2026-10-03", "2026-10-03T13:30:00Z"],
    ["Pacific/Chatham", "2026-06-01", "2026-06-01T11:15:00Z"],
  ])(
    "Zones with half- and quarter-hour offsets (%s) get their exact local midnight.",
    (zone, day, expected) => {
      expect(new Date(startOfNextDay(day, zone)).toISOString()).toBe(
        new Date(expected).toISOString(),
      );
    },
  );

  it("Where a whole calendar day was skipped (Samoa, 30 December 2011) the next day to start is the one that exists.", () => {
    const start = startOfNextDay("2011-12-29", "Pacific/Apia");
    expect(localDay(start - 1, "Pacific/Apia")).toBe("2011-12-29");
    expect(localTime(start, "Pacific/Apia")).toMatchObject({ day: "2011-12-31", minutes: 0 });
  });

  it("For any day and zone, the next day starts at the first instant whose local day is later than that day.", () => {
    const zones = [
      ROME,
      "UTC",
      "America/New_York",
      "America/Santiago",
      "America/Havana",
      "Asia/Beirut",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "Pacific/Apia",
    ];
    const first = Date.UTC(1995, 0, 1);
    const last = Date.UTC(2060, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: (last - first) / 86_400_000 }),
        fc.constantFrom(...zones),
        (dayIndex, zone) => {
          const day = new Date(first + dayIndex * 86_400_000).toISOString().slice(0, 10);
          const start = startOfNextDay(day, zone);
          expect(localDay(start, zone) > day).toBe(true);
          expect(localDay(start - 1, zone) <= day).toBe(true);
          // Never more than 48 hours away from the UTC midnight of the next calendar day.
          expect(Math.abs(start - (Date.parse(day) + 86_400_000))).toBeLessThanOrEqual(48 * HOUR);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("For any instant, the start of the next day is in the future and is a local midnight or the first instant after a skipped one.", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) }),
        (instant) => {
          const day = localDay(instant, ROME);
          const start = startOfNextDay(day, ROME);
          expect(start).toBeGreaterThan(instant);
          expect(start - instant).toBeLessThanOrEqual(25 * HOUR);
          expect(localTime(start, ROME).minutes).toBe(0);
          expect(start % MINUTE).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Opening hours", () => {
  const config = demoConfig();
  const rome = (local: string, offset = "+01:00") => Date.parse(`${local}${offset}`);

  it("The demo office is open Monday to Friday 08:00–18:30 and Saturday 08:00–12:30, local time.", () => {
    expect(isOpen(config, rome("2026-11-23T07:59:59"))).toBe(false);
    expect(isOpen(config, rome("2026-11-23T08:00:00"))).toBe(true);
    expect(isOpen(config, rome("2026-11-27T18:29:59"))).toBe(true);
    expect(isOpen(config, rome("2026-11-27T18:30:00"))).toBe(false);
    expect(isOpen(config, rome("2026-11-28T12:29:00"))).toBe(true);
    expect(isOpen(config, rome("2026-11-28T12:30:00"))).toBe(false);
  });

  it("The demo office is closed all day on Sundays.", () => {
    for (let hour = 0; hour < 24; hour++) {
      expect(isOpen(config, rome(`2026-11-29T${String(hour).padStart(2, "0")}:15:00`))).toBe(false);
    }
  });

  it("Opening hours are local: 08:00 in Rome is 07:00 UTC in winter and 06:00 UTC in summer.", () => {
    expect(isOpen(config, Date.parse("2026-01-12T07:00:00Z"))).toBe(true);
    expect(isOpen(config, Date.parse("2026-01-12T06:59:00Z"))).toBe(false);
    expect(isOpen(config, Date.parse("2026-07-13T06:00:00Z"))).toBe(true);
    expect(isOpen(config, Date.parse("2026-07-13T05:59:00Z"))).toBe(false);
  });

  it("A closed date shuts the office all day, even on a weekday.", () => {
    const closed = demoConfig({ closedDates: ["2026-12-08"] });
    expect(isOpen(closed, rome("2026-12-08T10:00:00"))).toBe(false);
    expect(isOpen(closed, rome("2026-12-09T10:00:00"))).toBe(true);
  });

  it("An office with several intervals a day is closed between them.", () => {
    const split = demoConfig({
      openingHours: {
        mon: [
          { open: "08:30", close: "12:00" },
          { open: "14:00", close: "17:00" },
        ],
      },
    });
    expect(isOpen(split, rome("2026-11-23T11:59:00"))).toBe(true);
    expect(isOpen(split, rome("2026-11-23T12:00:00"))).toBe(false);
    expect(isOpen(split, rome("2026-11-23T13:59:00"))).toBe(false);
    expect(isOpen(split, rome("2026-11-23T14:00:00"))).toBe(true);
    expect(isOpen(split, rome("2026-11-24T10:00:00"))).toBe(false);
  });
});
