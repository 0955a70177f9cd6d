import { describe, expect, it } from "vitest";
import { localInstant, slotAt, slotsFor } from "../../shared/booking/slots";
import { BOOKED, bookingOffice, unvalidatedBookingOffice } from "./booking-helpers";
import { ALL_WEEK_HOURS, demoConfig, MINUTE, MONDAY, MONDAY_10 } from "./helpers";

const ROME = "Europe/Rome";
/** Monday 23 November 2026 in Rome (UTC+1): a wall time of that day as an instant. */
const mondayAt = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+01:00`);
const MONDAY_ONLY = { from: MONDAY, to: MONDAY };
const MORNING = { start: "09:00", end: "10:00", seats: 2 };
/** Early on the Sunday before: every Monday slot is far enough ahead. */
const SUNDAY_NIGHT = Date.parse("2026-11-22T03:00:00Z");

const times = (slots: { startLocal: string }[]) => slots.map((s) => s.startLocal.slice(11));

describe("Slots of a service", () => {
  it("Start every slotMinutes from each window's start, while the slot ends by the window's end.", () => {
    const config = bookingOffice({
      windows: {
        mon: [
          { start: "09:00", end: "10:10", seats: 2 },
          { start: "15:05", end: "16:00", seats: 1 },
        ],
      },
      slotMinutes: 20,
    });
    const slots = slotsFor(config, BOOKED, MONDAY_ONLY, SUNDAY_NIGHT);
    expect(slots).toEqual([
      { start: mondayAt("09:00"), startLocal: "2026-11-23T09:00", seats: 2 },
      { start: mondayAt("09:20"), startLocal: "2026-11-23T09:20", seats: 2 },
      { start: mondayAt("09:40"), startLocal: "2026-11-23T09:40", seats: 2 },
      { start: mondayAt("15:05"), startLocal: "2026-11-23T15:05", seats: 1 },
      { start: mondayAt("15:25"), startLocal: "2026-11-23T15:25", seats: 1 },
    ]);
  });

  it("Walk-in, unknown and not-configured services have no slots; a mixed one has them.", () => {
    const booking = { windows: { mon: [MORNING] } };
    expect(slotsFor(bookingOffice(booking), "urp", MONDAY_ONLY, SUNDAY_NIGHT)).toEqual([]);
    expect(slotsFor(bookingOffice(booking), "nope", MONDAY_ONLY, SUNDAY_NIGHT)).toEqual([]);
    expect(slotsFor(demoConfig(), BOOKED, MONDAY_ONLY, SUNDAY_NIGHT)).toEqual([]);
    const mixed = bookingOffice(booking, {}, "mixed");
    expect(times(slotsFor(mixed, BOOKED, MONDAY_ONLY, SUNDAY_NIGHT))).toEqual([
      "09:00",
      "09:20",
      "09:40",
    ]);
  });

  it("Gives nothing for a range backwards or of days not in the calendar.", () => {
    const config = bookingOffice({ windows: { mon: [MORNING] } });
    expect(slotsFor(config, BOOKED, { from: "2026-11-24", to: MONDAY }, SUNDAY_NIGHT)).toEqual([]);
    expect(
      slotsFor(config, BOOKED, { from: "2026-11-31", to: "2026-12-01" }, SUNDAY_NIGHT),
    ).toEqual([]);
  });

  it("No slots on a closed date or on a weekday without opening hours, whatever the windows say.", () => {
    const closed = bookingOffice({ windows: { mon: [MORNING] } }, { closedDates: [MONDAY] });
    expect(slotsFor(closed, BOOKED, MONDAY_ONLY, SUNDAY_NIGHT)).toEqual([]);
    const sundayWindows = unvalidatedBookingOffice({ windows: { sun: [MORNING] } });
    expect(
      slotsFor(sundayWindows, BOOKED, { from: "2026-11-29", to: "2026-11-29" }, SUNDAY_NIGHT),
    ).toEqual([]);
  });

  it("Shorter opening hours shrink the windows: a slot must fit inside the hours from start to end.", () => {
    const config = unvalidatedBookingOffice(
      { windows: { mon: [{ start: "07:00", end: "10:00", seats: 1 }] }, slotMinutes: 45 },
      {
        openingHours: {
          ...demoConfig().openingHours,
          mon: [
            { open: "08:00", close: "09:40" },
            { open: "09:40", close: "09:50" },
          ],
        },
      },
    );
    // 07:00 and 07:45 start before opening; 08:30 ends 09:15; 09:15 would end 10:00, after 09:50.
    expect(times(slotsFor(config, BOOKED, MONDAY_ONLY, SUNDAY_NIGHT))).toEqual(["08:30"]);
  });

  it("A date's exception replaces its weekday's windows; an empty one takes no bookings that day.", () => {
    const config = bookingOffice({
      windows: { mon: [MORNING], tue: [MORNING] },
      exceptions: [
        { date: MONDAY, windows: [{ start: "16:00", end: "16:40", seats: 1 }] },
        { date: "2026-11-24", windows: [] },
      ],
    });
    const slots = slotsFor(config, BOOKED, { from: MONDAY, to: "2026-11-24" }, SUNDAY_NIGHT);
    expect(slots.map((s) => s.startLocal)).toEqual(["2026-11-23T16:00", "2026-11-23T16:20"]);
  });

  it("The public books at least minNoticeMinutes ahead, to the millisecond; staff up to the start itself, with the extra seats.", () => {
    const config = bookingOffice({
      windows: { mon: [{ start: "10:00", end: "12:00", seats: 1 }] },
      slotMinutes: 30,
      minNoticeMinutes: 60,
      staffExtraSeats: 2,
    });
    const at = (now: number, staff = false) =>
      times(slotsFor(config, BOOKED, MONDAY_ONLY, now, { staff }));
    expect(at(mondayAt("09:30"))).toEqual(["10:30", "11:00", "11:30"]);
    expect(at(mondayAt("09:30") + 1)).toEqual(["11:00", "11:30"]);
    expect(at(mondayAt("10:30"), true)).toEqual(["10:30", "11:00", "11:30"]);
    expect(at(mondayAt("10:30") + 1, true)).toEqual(["11:00", "11:30"]);
    expect(slotsFor(config, BOOKED, MONDAY_ONLY, MONDAY_10, { staff: true })[0]?.seats).toBe(3);
    expect(slotsFor(config, BOOKED, MONDAY_ONLY, SUNDAY_NIGHT)[0]?.seats).toBe(1);
  });

  it("Bookable up to the office's today + daysAhead, today read in the office's zone.", () => {
    const config = bookingOffice({
      windows: { mon: [MORNING], tue: [MORNING], wed: [MORNING] },
      daysAhead: 1,
    });
    const days = (now: number) => [
      ...new Set(
        slotsFor(config, BOOKED, { from: "2026-11-01", to: "2026-12-31" }, now).map((s) =>
          s.startLocal.slice(0, 10),
        ),
      ),
    ];
    // Sunday 23:30 in Rome is Sunday 22:30 UTC: today is Sunday, the horizon Monday.
    expect(days(Date.parse("2026-11-22T22:30:00Z"))).toEqual([MONDAY]);
    // Half an hour later it is Monday in Rome (still Sunday in UTC): Tuesday comes in.
    expect(days(Date.parse("2026-11-22T23:00:00Z"))).toEqual([MONDAY, "2026-11-24"]);
  });

  it("slotAt finds the slot that starts exactly then, under the same rules, or null.", () => {
    const config = bookingOffice({ windows: { mon: [MORNING] }, minNoticeMinutes: 0 });
    expect(slotAt(config, BOOKED, mondayAt("09:20"), SUNDAY_NIGHT)).toEqual({
      start: mondayAt("09:20"),
      startLocal: "2026-11-23T09:20",
      seats: 2,
    });
    expect(slotAt(config, BOOKED, mondayAt("09:20") + MINUTE, SUNDAY_NIGHT)).toBeNull();
    expect(slotAt(config, BOOKED, mondayAt("09:40"), mondayAt("09:41"))).toBeNull();
    expect(slotAt(config, BOOKED, mondayAt("10:00"), SUNDAY_NIGHT)).toBeNull();
    expect(slotAt(config, BOOKED, Number.NaN, SUNDAY_NIGHT)).toBeNull();
  });
});

describe("Slots across the changes of daylight saving time (Europe/Rome)", () => {
  const nightWindow = { sun: [{ start: "01:00", end: "04:00", seats: 1 }] };
  const allNight = (slotMinutes: number) =>
    bookingOffice(
      { windows: nightWindow, slotMinutes, minNoticeMinutes: 0, daysAhead: 180 },
      { openingHours: ALL_WEEK_HOURS },
    );
  /** Local midnight starting 1 March and 1 October 2026: both DST nights lie within the horizon. */
  const MARCH = Date.parse("2026-02-28T23:00:00Z");
  const OCTOBER = Date.parse("2026-09-30T22:00:00Z");

  it("On 2026-03-29 the clock skips 02:00–02:59: no slot there, the others at their true instants.", () => {
    const day = { from: "2026-03-29", to: "2026-03-29" };
    expect(slotsFor(allNight(30), BOOKED, day, MARCH)).toEqual([
      { start: Date.parse("2026-03-29T00:00:00Z"), startLocal: "2026-03-29T01:00", seats: 1 },
      { start: Date.parse("2026-03-29T00:30:00Z"), startLocal: "2026-03-29T01:30", seats: 1 },
      { start: Date.parse("2026-03-29T01:00:00Z"), startLocal: "2026-03-29T03:00", seats: 1 },
      { start: Date.parse("2026-03-29T01:30:00Z"), startLocal: "2026-03-29T03:30", seats: 1 },
    ]);
  });

  it("On 2026-10-25 02:00–02:59 happens twice: each of its slots once, at the first 02:xx.", () => {
    const day = { from: "2026-10-25", to: "2026-10-25" };
    const slots = slotsFor(allNight(30), BOOKED, day, OCTOBER);
    expect(slots.map((s) => [s.startLocal.slice(11), new Date(s.start).toISOString()])).toEqual([
      ["01:00", "2026-10-24T23:00:00.000Z"],
      ["01:30", "2026-10-24T23:30:00.000Z"],
      ["02:00", "2026-10-25T00:00:00.000Z"],
      ["02:30", "2026-10-25T00:30:00.000Z"],
      ["03:00", "2026-10-25T02:00:00.000Z"],
      ["03:30", "2026-10-25T02:30:00.000Z"],
    ]);
    // The second 02:00 (01:00 UTC) is not a start one can book.
    expect(slotAt(allNight(30), BOOKED, Date.parse("2026-10-25T01:00:00Z"), OCTOBER)).toBeNull();
    expect(
      slotAt(allNight(30), BOOKED, Date.parse("2026-10-25T00:00:00Z"), OCTOBER),
    ).not.toBeNull();
  });

  it("localInstant: null for a wall time that does not exist, the first of two that exist twice.", () => {
    expect(localInstant("2026-03-29", 2 * 60 + 30, ROME)).toBeNull();
    expect(localInstant("2026-03-29", 1 * 60 + 59, ROME)).toBe(Date.parse("2026-03-29T00:59:00Z"));
    expect(localInstant("2026-03-29", 3 * 60, ROME)).toBe(Date.parse("2026-03-29T01:00:00Z"));
    expect(localInstant("2026-10-25", 2 * 60 + 30, ROME)).toBe(Date.parse("2026-10-25T00:30:00Z"));
    expect(localInstant("2026-10-25", 3 * 60, ROME)).toBe(Date.parse("2026-10-25T02:00:00Z"));
    expect(localInstant("2026-11-23", 10 * 60, ROME)).toBe(MONDAY_10);
    // Lord Howe Island moves its clock by half an hour: 02:00–02:29 is skipped on 2026-10-04.
    expect(localInstant("2026-10-04", 2 * 60 + 15, "Australia/Lord_Howe")).toBeNull();
    expect(localInstant("2026-10-04", 2 * 60 + 30, "Australia/Lord_Howe")).toBe(
      Date.parse("2026-10-03T15:30:00Z"),
    );
  });

  it("Half a year of 20-minute slots all day is computed quickly enough to answer on read.", () => {
    const config = bookingOffice(
      {
        windows: Object.fromEntries(
          ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [
            d,
            [{ start: "00:00", end: "24:00", seats: 1 }],
          ]),
        ),
        daysAhead: 180,
        minNoticeMinutes: 0,
      },
      { openingHours: ALL_WEEK_HOURS },
    );
    const started = performance.now();
    const slots = slotsFor(config, BOOKED, { from: "2026-01-01", to: "2027-12-31" }, MARCH);
    const elapsed = performance.now() - started;
    expect(slots).toHaveLength(181 * 72 - 3); // the spring night loses its three 02:xx slots
    expect(elapsed).toBeLessThan(3000);
    console.log(`${slots.length} slots in ${elapsed.toFixed(0)} ms`);
  });
});
