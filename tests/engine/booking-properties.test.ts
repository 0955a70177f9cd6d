import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Slot, slotsFor } from "../../shared/booking/slots";
import { demoOfficeConfig } from "../../shared/demo-office";
import { localDay, localTime, zoneOffset } from "../../shared/engine";
import { BookingConfig, type BookingWindow, OfficeConfig, WEEKDAYS } from "../../shared/protocol";
import {
  addDays,
  clockMinutes,
  clockTime,
  mergedSpans,
  weekdayOf,
  withinSpans,
} from "../../shared/protocol/wall-time";
import { BOOKED } from "./booking-helpers";
import { ALL_WEEK_HOURS, DAY, HOUR, MINUTE } from "./helpers";

// ---------------------------------------------------------------------------
// Random offices: a zone with a change of offset in 2026 (of an hour, of half
// an hour on Lord Howe, at midnight in Santiago), random opening hours and
// closed dates, and random booking windows that need not lie inside the hours
// (the generator must bound them itself). `now` falls in the days before a
// change of offset, so ranges often cross one.

/** Each zone with the days it changes its clock in 2026. */
const ZONES: Record<string, string[]> = {
  "Europe/Rome": ["2026-03-29", "2026-10-25"],
  "America/New_York": ["2026-03-08", "2026-11-01"],
  "Australia/Lord_Howe": ["2026-04-05", "2026-10-04"],
  "America/Santiago": ["2026-04-05", "2026-09-06"],
  "Asia/Kolkata": ["2026-06-15"],
};

/** Sorted distinct minutes of a day, paired into [start, end) spans. */
const spansArb = (max: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 2 * max }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const spans: [number, number][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i]!, sorted[i + 1]!]);
    return spans;
  });

const hoursArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(ALL_WEEK_HOURS) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(...WEEKDAYS.map(() => spansArb(3)))
      .map((days) =>
        Object.fromEntries(
          WEEKDAYS.map((weekday, i) => [
            weekday,
            days[i]!.map(([open, close]) => ({ open: clockTime(open), close: clockTime(close) })),
          ]),
        ),
      ),
  },
);

const windowsArb = spansArb(3).chain((spans) =>
  fc.tuple(...spans.map(() => fc.integer({ min: 1, max: 3 }))).map((seats) =>
    spans.map(([start, end], i) => ({
      start: clockTime(start),
      end: clockTime(end),
      seats: seats[i]!,
    })),
  ),
);

const officeArb = fc.record({
  zone: fc.constantFrom(...Object.keys(ZONES)),
  hours: hoursArb,
  week: fc.tuple(...WEEKDAYS.map(() => windowsArb)),
  exceptions: fc.array(
    fc.record({ offset: fc.integer({ min: -2, max: 20 }), windows: windowsArb }),
    {
      maxLength: 4,
    },
  ),
  closed: fc.array(fc.integer({ min: -2, max: 20 }), { maxLength: 4 }),
  slotMinutes: fc.integer({ min: 5, max: 120 }),
  daysAhead: fc.integer({ min: 1, max: 25 }),
  minNoticeMinutes: fc.integer({ min: 0, max: 3000 }),
  staffExtraSeats: fc.integer({ min: 0, max: 3 }),
  change: fc.nat({ max: 1 }),
  minutesBefore: fc.integer({ min: 0, max: 10 * 24 * 60 }),
  rangeStart: fc.integer({ min: -3, max: 12 }),
  rangeLength: fc.integer({ min: 0, max: 14 }),
  staff: fc.boolean(),
});
type OfficeCase = typeof officeArb extends fc.Arbitrary<infer T> ? T : never;

interface Scenario {
  config: OfficeConfig;
  booking: BookingConfig;
  now: number;
  range: { from: string; to: string };
  staff: boolean;
}

function scenario(c: OfficeCase): Scenario {
  const changes = ZONES[c.zone]!;
  const changeDay = changes[c.change % changes.length]!;
  const now = Date.parse(`${changeDay}T12:00:00Z`) - c.minutesBefore * MINUTE;
  const today = localDay(now, c.zone);
  const booking = BookingConfig.parse({
    windows: Object.fromEntries(WEEKDAYS.map((weekday, i) => [weekday, c.week[i]])),
    exceptions: [...new Map(c.exceptions.map((e) => [addDays(today, e.offset), e])).entries()].map(
      ([date, e]) => ({ date, windows: e.windows }),
    ),
    slotMinutes: c.slotMinutes,
    daysAhead: c.daysAhead,
    minNoticeMinutes: c.minNoticeMinutes,
    staffExtraSeats: c.staffExtraSeats,
  });
  const base = OfficeConfig.parse({
    ...demoOfficeConfig,
    timeZone: c.zone,
    openingHours: c.hours,
    closedDates: c.closed.map((offset) => addDays(today, offset)),
  });
  const config: OfficeConfig = {
    ...base,
    services: base.services.map((s) =>
      s.id === BOOKED ? { ...s, mode: "appointment", booking } : s,
    ),
  };
  const from = addDays(today, c.rangeStart);
  return {
    config,
    booking,
    now,
    range: { from, to: addDays(from, c.rangeLength) },
    staff: c.staff,
  };
}

/** Every offset a zone takes in 2026 and around it, read every six hours. */
const offsetsOf = (() => {
  const known = new Map<string, number[]>();
  return (zone: string): number[] => {
    let offsets = known.get(zone);
    if (!offsets) {
      const found = new Set<number>();
      const from = Date.parse("2025-12-01T00:00:00Z");
      for (let t = from; t < from + 400 * DAY; t += 6 * HOUR) found.add(zoneOffset(t, zone));
      offsets = [...found];
      known.set(zone, offsets);
    }
    return offsets;
  };
})();

/** The first instant whose wall clock reads `minutes` on `day`, found by trying every offset of the zone; null if none does. */
function firstInstantOf(day: string, minutes: number, zone: string): number | null {
  const asUtc = Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE;
  const readings = offsetsOf(zone)
    .map((offset) => asUtc - offset)
    .filter((t) => {
      const local = localTime(t, zone);
      return local.day === day && local.minutes === minutes;
    });
  return readings.length === 0 ? null : Math.min(...readings);
}

function windowsOn(booking: BookingConfig, day: string): BookingWindow[] {
  return booking.exceptions.find((e) => e.date === day)?.windows ?? booking.windows[weekdayOf(day)];
}

/** The slots the rules call for, worked out wall time by wall time: the generator's answer must be this. */
function expectedSlots({ config, booking, now, range, staff }: Scenario): Slot[] {
  const today = localDay(now, config.timeZone);
  const horizon = addDays(today, booking.daysAhead);
  const earliest = now + (staff ? 0 : booking.minNoticeMinutes * MINUTE);
  const slots: Slot[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    if (day < today || day > horizon || config.closedDates.includes(day)) continue;
    const open = mergedSpans(config.openingHours[weekdayOf(day)]);
    for (const window of windowsOn(booking, day)) {
      const end = clockMinutes(window.end);
      for (
        let m = clockMinutes(window.start);
        m + booking.slotMinutes <= end;
        m += booking.slotMinutes
      ) {
        if (!withinSpans(open, m, m + booking.slotMinutes)) continue;
        const start = firstInstantOf(day, m, config.timeZone);
        if (start === null || start < earliest) continue;
        slots.push({
          start,
          startLocal: `${day}T${clockTime(m)}`,
          seats: window.seats + (staff ? booking.staffExtraSeats : 0),
        });
      }
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

/** Long enough for fast-check to shrink a failure and report it, rather than a bare timeout. */
const PROPERTY_TIMEOUT = 120_000;

describe("Properties of the slot generator over random offices", () => {
  it(
    "Every slot lies inside a window and the opening hours of an open day within the range and the horizon, after the notice, aligned to slotMinutes from its window's start, with startLocal its own office-local time, and starts strictly increase.",
    () => {
      fc.assert(
        fc.property(officeArb, (c) => {
          const s = scenario(c);
          const { config, booking, now, range, staff } = s;
          const zone = config.timeZone;
          const today = localDay(now, zone);
          const slots = slotsFor(config, BOOKED, range, now, { staff });
          slots.forEach((slot, i) => {
            const local = localTime(slot.start, zone);
            expect(slot.startLocal).toBe(`${local.day}T${clockTime(local.minutes)}`);
            expect(slot.start % MINUTE).toBe(0);
            if (i > 0) expect(slot.start).toBeGreaterThan(slots[i - 1]!.start);
            expect(local.day >= range.from && local.day <= range.to).toBe(true);
            expect(local.day >= today && local.day <= addDays(today, booking.daysAhead)).toBe(true);
            expect(config.closedDates).not.toContain(local.day);
            expect(slot.start).toBeGreaterThanOrEqual(
              now + (staff ? 0 : booking.minNoticeMinutes * MINUTE),
            );
            const m = local.minutes;
            const end = m + booking.slotMinutes;
            expect(withinSpans(mergedSpans(config.openingHours[local.weekday]), m, end)).toBe(true);
            const window = windowsOn(booking, local.day).find(
              (w) =>
                clockMinutes(w.start) <= m &&
                end <= clockMinutes(w.end) &&
                (m - clockMinutes(w.start)) % booking.slotMinutes === 0,
            );
            expect(window, slot.startLocal).toBeDefined();
            expect(slot.seats).toBe(window!.seats + (staff ? booking.staffExtraSeats : 0));
            // The first of a repeated wall time: half an hour or an hour earlier reads differently.
            for (const back of [30 * MINUTE, HOUR]) {
              const earlier = localTime(slot.start - back, zone);
              expect(`${earlier.day} ${earlier.minutes}`).not.toBe(`${local.day} ${local.minutes}`);
            }
          });
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "No slot is missing: the generator gives exactly the slots worked out wall time by wall time, trying every offset the zone takes.",
    () => {
      fc.assert(
        fc.property(officeArb, (c) => {
          const s = scenario(c);
          expect(slotsFor(s.config, BOOKED, s.range, s.now, { staff: s.staff })).toEqual(
            expectedSlots(s),
          );
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("Properties of the notice and the horizon at their edges", () => {
  it(
    "A slot is offered to the public from exactly minNoticeMinutes before it and not a millisecond later, to staff until its start; its day is bookable from exactly daysAhead days before.",
    () => {
      fc.assert(
        fc.property(officeArb, fc.nat(), (c, pick) => {
          const s = scenario({ ...c, staff: false });
          const { config, booking } = s;
          const open = slotsFor(config, BOOKED, s.range, s.now, { staff: true });
          fc.pre(open.length > 0);
          const slot = open[pick % open.length]!;
          const notice = booking.minNoticeMinutes * MINUTE;
          const offered = (now: number, staff = false) =>
            slotsFor(config, BOOKED, s.range, now, { staff }).some((x) => x.start === slot.start);
          const day = slot.startLocal.slice(0, 10);
          // Measured from a `now` whose day is within the horizon of the slot's day.
          if (localDay(slot.start - notice, config.timeZone) >= addDays(day, -booking.daysAhead)) {
            expect(offered(slot.start - notice)).toBe(true);
            expect(offered(slot.start - notice + 1)).toBe(false);
          }
          expect(offered(slot.start, true)).toBe(true);
          expect(offered(slot.start + 1, true)).toBe(false);
          // The horizon: the first instant of the day daysAhead days before (or of the day after it, if that one is skipped).
          const opening = firstInstantOf(addDays(day, -booking.daysAhead), 0, config.timeZone);
          fc.pre(opening !== null && opening <= slot.start);
          expect(offered(opening!, true)).toBe(true);
          expect(offered(opening! - 1, true)).toBe(false);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------
// Rome's two nights, with windows crossing 02:00–03:00 and any slot length.

const ROME = "Europe/Rome";
const nightArb = fc.record({
  start: fc.integer({ min: 0, max: 2 * 60 + 59 }),
  end: fc.integer({ min: 3 * 60 + 1, max: 6 * 60 }),
  slotMinutes: fc.integer({ min: 5, max: 90 }),
});

function night(day: string, w: { start: number; end: number; slotMinutes: number }) {
  const booking = BookingConfig.parse({
    windows: { sun: [{ start: clockTime(w.start), end: clockTime(w.end), seats: 1 }] },
    slotMinutes: w.slotMinutes,
    minNoticeMinutes: 0,
  });
  const base = OfficeConfig.parse({ ...demoOfficeConfig, openingHours: ALL_WEEK_HOURS });
  const config: OfficeConfig = {
    ...base,
    services: base.services.map((s) =>
      s.id === BOOKED ? { ...s, mode: "appointment", booking } : s,
    ),
  };
  const now = Date.parse(`${addDays(day, -7)}T00:00:00Z`);
  const slots = slotsFor(config, BOOKED, { from: day, to: day }, now);
  const aligned: number[] = [];
  for (let m = w.start; m + w.slotMinutes <= w.end; m += w.slotMinutes) aligned.push(m);
  return { slots, aligned };
}

describe("Properties of the slots on Rome's nights of daylight saving time", () => {
  it("2026-03-29: no slot in the hour the clock skips, every other aligned start once, each at its own wall time.", () => {
    fc.assert(
      fc.property(nightArb, (w) => {
        const { slots, aligned } = night("2026-03-29", w);
        const existing = aligned.filter((m) => m < 2 * 60 || m >= 3 * 60);
        expect(slots.map((s) => s.startLocal)).toEqual(
          existing.map((m) => `2026-03-29T${clockTime(m)}`),
        );
        for (const slot of slots) {
          const local = localTime(slot.start, ROME);
          expect(`${local.day}T${clockTime(local.minutes)}`).toBe(slot.startLocal);
        }
        expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
      }),
      { numRuns: 300 },
    );
  });

  it("2026-10-25: the repeated hour is booked once, at its first occurrence (summer time, UTC+2).", () => {
    fc.assert(
      fc.property(nightArb, (w) => {
        const { slots, aligned } = night("2026-10-25", w);
        expect(slots.map((s) => s.startLocal)).toEqual(
          aligned.map((m) => `2026-10-25T${clockTime(m)}`),
        );
        slots.forEach((slot, i) => {
          const m = aligned[i]!;
          // Before 03:00 the day is still on summer time (UTC+2); from 03:00, winter time (UTC+1).
          const offset = m < 3 * 60 ? 2 * HOUR : HOUR;
          expect(slot.start).toBe(Date.parse("2026-10-25T00:00:00Z") + m * MINUTE - offset);
        });
        expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
      }),
      { numRuns: 300 },
    );
  });
});
