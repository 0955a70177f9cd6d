import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalClock } from "../../shared/reports";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What Intl itself says the local wall clock reads, "YYYY-MM-DD HH:mm:ss". */
function intlDateTime(instant: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

// Zones with summer time on either hemisphere, half- and quarter-hour offsets, a
// half-hour summer shift (Lord Howe), and none at all.
const ZONES = [
  "Europe/Rome",
  "America/New_York",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "UTC",
];

describe("The cached local clock", () => {
  it("reads the same wall-clock time as Intl for any instant of 2000–2040 in varied zones.", () => {
    const clocks = new Map(ZONES.map((zone) => [zone, new LocalClock(zone)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, instant) => {
          expect(clocks.get(zone)!.dateTime(instant)).toBe(intlDateTime(instant, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads the same as Intl minute by minute across every 2025 switch of Rome and Lord Howe.", () => {
    const switches: [string, string][] = [
      ["Europe/Rome", "2025-03-30T00:00:00Z"],
      ["Europe/Rome", "2025-10-26T00:00:00Z"],
      ["Australia/Lord_Howe", "2025-04-05T14:00:00Z"], // 02:00 LHDT → 01:30 LHST
      ["Australia/Lord_Howe", "2025-10-04T15:00:00Z"], // 02:00 LHST → 02:30 LHDT
    ];
    for (const [zone, around] of switches) {
      const clock = new LocalClock(zone);
      const start = Date.parse(around);
      for (let instant = start; instant < start + 3 * 3_600_000; instant += 60_000) {
        expect(clock.dateTime(instant), `${zone} at ${new Date(instant).toISOString()}`).toBe(
          intlDateTime(instant, zone),
        );
      }
    }
  });

  it("gives the heatmap cell of an instant: Monday 10:00 in Rome is cell 10, Sunday 23:00 is 167.", () => {
    const rome = new LocalClock("Europe/Rome");
    expect(rome.weekHour(Date.parse("2025-03-03T10:00:00+01:00"))).toBe(10);
    expect(rome.weekHour(Date.parse("2025-03-09T23:59:59+01:00"))).toBe(6 * 24 + 23);
    expect(rome.offsetAt(Date.parse("2025-07-01T12:00:00Z"))).toBe(2 * 3_600_000);
  });
});
