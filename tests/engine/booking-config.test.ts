import { describe, expect, it } from "vitest";
import { demoOfficeConfig } from "../../shared/demo-office";
import {
  type BookingConfigInput,
  OfficeConfig,
  type OfficeConfigInput,
  takesWalkIns,
} from "../../shared/protocol";
import { describeIssues, ISSUE_RULES } from "../../shared/protocol/issues";
import { demoConfig, Office } from "./helpers";

/** The demo office with one service's mode and booking settings replaced (edilizia: services[6], served by two counters). */
function withBooking(
  booking: BookingConfigInput | undefined,
  { serviceId = "edilizia", mode = "appointment" }: { serviceId?: string; mode?: string } = {},
  patch: Partial<OfficeConfigInput> = {},
): unknown {
  return {
    ...demoOfficeConfig,
    ...patch,
    services: demoOfficeConfig.services.map((s) =>
      s.id === serviceId ? { ...s, mode, ...(booking ? { booking } : {}) } : s,
    ),
  };
}

/** The issues a PUT of this configuration is answered with: path, rule and message. */
function issuesOf(input: unknown) {
  const result = OfficeConfig.safeParse(input);
  return result.success ? [] : describeIssues(result.error.issues);
}

const MON_MORNING = { start: "09:00", end: "12:00", seats: 2 };

describe("Booking settings of a service", () => {
  it("Every existing configuration parses as before: walk-in by default, no booking settings added.", () => {
    const config = demoConfig();
    expect(config.services.map((s) => s.mode)).toEqual([
      "walk-in",
      "walk-in",
      "walk-in",
      "walk-in",
      "walk-in",
      "walk-in",
      "appointment",
    ]);
    expect(config.services.every((s) => !("booking" in s))).toBe(true);
    expect(OfficeConfig.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it("An empty booking object takes every default.", () => {
    const config = OfficeConfig.parse(withBooking({}));
    expect(config.services[6]?.booking).toEqual({
      windows: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      slotMinutes: 20,
      daysAhead: 30,
      minNoticeMinutes: 60,
      checkIn: { earlyMinutes: 30, lateMinutes: 10 },
      lateArrivals: "walk-in",
      staffExtraSeats: 0,
      maxActivePerContact: 1,
      exceptions: [],
    });
    const partial = OfficeConfig.parse(withBooking({ checkIn: { earlyMinutes: 180 } }));
    expect(partial.services[6]?.booking?.checkIn).toEqual({ earlyMinutes: 180, lateMinutes: 10 });
  });

  it("A mixed or appointment service may go without booking settings (booked elsewhere).", () => {
    expect(issuesOf(withBooking(undefined, { mode: "mixed" }))).toEqual([]);
    expect(issuesOf(withBooking(undefined, { mode: "appointment" }))).toEqual([]);
  });

  it("A mixed service takes walk-ins: the kiosk issues its tickets; an appointment-only one still refuses them.", () => {
    expect([takesWalkIns("walk-in"), takesWalkIns("mixed"), takesWalkIns("appointment")]).toEqual([
      true,
      true,
      false,
    ]);
    const mixed = new Office(
      OfficeConfig.parse(withBooking({ windows: { mon: [MON_MORNING] } }, { mode: "mixed" })),
    );
    expect(mixed.issue("edilizia").code).toBe("G001");
    new Office().refuse(
      { type: "issueTicket", serviceId: "edilizia", channel: "kiosk" },
      "service_appointment_only",
    );
  });

  it("Windows inside the opening hours, seats up to the counters serving the service, and exceptions pass.", () => {
    const booking: BookingConfigInput = {
      windows: {
        mon: [MON_MORNING, { start: "14:00", end: "18:30", seats: 1 }],
        sat: [{ start: "08:00", end: "12:30", seats: 2 }],
      },
      exceptions: [
        { date: "2026-12-24", windows: [{ start: "09:00", end: "11:00", seats: 1 }] },
        { date: "2026-12-31", windows: [] },
      ],
    };
    expect(issuesOf(withBooking(booking))).toEqual([]);
    expect(issuesOf(withBooking(booking, { mode: "mixed" }))).toEqual([]);
  });

  it("Each booking rule has its own name and the path of the field that breaks it.", () => {
    const cases: [BookingConfigInput, { serviceId?: string; mode?: string }, object][] = [
      [
        { windows: { mon: [{ start: "12:00", end: "09:00", seats: 1 }] } },
        {},
        {
          path: "services.6.booking.windows.mon.0",
          rule: "start_before_end",
          message: "start must be before end (got 12:00–09:00)",
        },
      ],
      [
        { windows: { mon: [{ start: "07:00", end: "09:00", seats: 1 }] } },
        {},
        {
          path: "services.6.booking.windows.mon.0",
          rule: "booking_outside_hours",
          message: "07:00–09:00 is outside the opening hours of mon (08:00–18:30)",
        },
      ],
      [
        { windows: { sun: [{ start: "09:00", end: "10:00", seats: 1 }] } },
        {},
        {
          path: "services.6.booking.windows.sun.0",
          rule: "booking_outside_hours",
          message: "09:00–10:00 is outside the opening hours of sun (closed)",
        },
      ],
      [
        {
          windows: {
            tue: [
              { start: "10:00", end: "12:00", seats: 1 },
              { start: "09:00", end: "10:20", seats: 1 },
            ],
          },
        },
        {},
        {
          path: "services.6.booking.windows.tue.0",
          rule: "booking_windows_overlap",
          message: "10:00–12:00 overlaps 09:00–10:20 on tue",
        },
      ],
      [
        { windows: { wed: [{ start: "09:00", end: "10:00", seats: 3 }] } },
        {},
        {
          path: "services.6.booking.windows.wed.0.seats",
          rule: "seats_over_counters",
          message:
            "3 seats, but 2 counters serve this service: at most one person per counter at once",
        },
      ],
      [
        {},
        { serviceId: "urp", mode: "walk-in" },
        {
          path: "services.0.booking",
          rule: "booking_on_walk_in",
          message:
            'a walk-in service takes no bookings: set mode to "appointment" or "mixed", or remove booking',
        },
      ],
      [
        {
          exceptions: [
            { date: "2026-12-24", windows: [] },
            { date: "2026-12-24", windows: [] },
          ],
        },
        {},
        {
          path: "services.6.booking.exceptions.1.date",
          rule: "duplicate_exception_date",
          message: "2026-12-24 already has its exception: one per date",
        },
      ],
      [
        { exceptions: [{ date: "2026-02-30", windows: [] }] },
        {},
        {
          path: "services.6.booking.exceptions.0.date",
          rule: "date",
          message: "2026-02-30 is not a day of the calendar",
        },
      ],
      [
        // 2026-12-05 is a Saturday: open 08:00–12:30.
        {
          exceptions: [
            { date: "2026-12-05", windows: [{ start: "12:00", end: "13:00", seats: 1 }] },
          ],
        },
        {},
        {
          path: "services.6.booking.exceptions.0.windows.0",
          rule: "booking_outside_hours",
          message: "12:00–13:00 is outside the opening hours of 2026-12-05 (sat) (08:00–12:30)",
        },
      ],
    ];
    for (const [booking, service, expected] of cases) {
      const issues = issuesOf(withBooking(booking, service));
      expect(issues, JSON.stringify(booking)).toEqual([expect.objectContaining(expected)]);
      expect(ISSUE_RULES).toContain(issues[0]?.rule);
    }
  });

  it("Numbers out of their bounds and unknown choices are named by the generic rules.", () => {
    const issues = issuesOf(
      withBooking({
        windows: { mon: [{ start: "09:00", end: "10:00", seats: 21 }] },
        slotMinutes: 4,
        daysAhead: 181,
        minNoticeMinutes: 10081,
        checkIn: { earlyMinutes: 241, lateMinutes: 121 },
        lateArrivals: "maybe" as "clerk",
        staffExtraSeats: 11,
        maxActivePerContact: 0,
        exceptions: Array.from({ length: 367 }, () => ({ date: "2026-12-24", windows: [] })),
      }),
    );
    const at = (path: string) => issues.find((i) => i.path === `services.6.booking.${path}`)?.rule;
    expect(at("windows.mon.0.seats")).toBe("too_large");
    expect(at("slotMinutes")).toBe("too_small");
    expect(at("daysAhead")).toBe("too_large");
    expect(at("minNoticeMinutes")).toBe("too_large");
    expect(at("checkIn.earlyMinutes")).toBe("too_large");
    expect(at("checkIn.lateMinutes")).toBe("too_large");
    expect(at("lateArrivals")).toBe("not_one_of");
    expect(at("staffExtraSeats")).toBe("too_large");
    expect(at("maxActivePerContact")).toBe("too_small");
    expect(at("exceptions")).toBe("too_many");
    expect(
      issuesOf(withBooking({ windows: { mon: [{ start: "9:00", end: "10:00", seats: 1 }] } })),
    ).toEqual([
      expect.objectContaining({
        path: "services.6.booking.windows.mon.0.start",
        rule: "clock_time",
      }),
    ]);
  });

  it("Each window overlapping an earlier one is named, also past a shorter one in between.", () => {
    const issues = issuesOf(
      withBooking({
        windows: {
          thu: [
            { start: "09:00", end: "12:00", seats: 1 },
            { start: "09:30", end: "10:00", seats: 1 },
            { start: "10:30", end: "11:00", seats: 1 },
            { start: "12:00", end: "13:00", seats: 1 },
          ],
        },
      }),
    );
    expect(issues.map((i) => [i.path, i.rule, i.message])).toEqual([
      [
        "services.6.booking.windows.thu.1",
        "booking_windows_overlap",
        "09:30–10:00 overlaps 09:00–12:00 on thu",
      ],
      [
        "services.6.booking.windows.thu.2",
        "booking_windows_overlap",
        "10:30–11:00 overlaps 09:00–12:00 on thu",
      ],
    ]);
  });

  it("A window may span opening intervals that touch, not a break between them.", () => {
    const openingHours = {
      ...demoOfficeConfig.openingHours,
      mon: [
        { open: "08:00", close: "12:00" },
        { open: "12:00", close: "13:00" },
        { open: "14:00", close: "18:00" },
      ],
    };
    const across = { windows: { mon: [{ start: "11:00", end: "13:00", seats: 1 }] } };
    expect(issuesOf(withBooking(across, {}, { openingHours }))).toEqual([]);
    const overLunch = { windows: { mon: [{ start: "12:00", end: "15:00", seats: 1 }] } };
    expect(issuesOf(withBooking(overLunch, {}, { openingHours }))).toEqual([
      expect.objectContaining({
        path: "services.6.booking.windows.mon.0",
        rule: "booking_outside_hours",
        message: "12:00–15:00 is outside the opening hours of mon (08:00–13:00, 14:00–18:00)",
      }),
    ]);
  });

  it("Shorter hours or fewer counters that would leave a window outside them are refused with the window's path.", () => {
    const booking = { windows: { fri: [{ start: "16:00", end: "18:00", seats: 2 }] } };
    expect(issuesOf(withBooking(booking))).toEqual([]);
    const shorter = {
      openingHours: { ...demoOfficeConfig.openingHours, fri: [{ open: "08:00", close: "14:00" }] },
    };
    expect(issuesOf(withBooking(booking, {}, shorter)).map((i) => i.path)).toEqual([
      "services.6.booking.windows.fri.0",
    ]);
    const oneCounter = {
      counters: demoOfficeConfig.counters.map((c) =>
        c.id === "sportello-6"
          ? { ...c, serviceIds: c.serviceIds.filter((s) => s !== "edilizia") }
          : c,
      ),
    };
    expect(issuesOf(withBooking(booking, {}, oneCounter))).toEqual([
      expect.objectContaining({
        path: "services.6.booking.windows.fri.0.seats",
        rule: "seats_over_counters",
        message:
          "2 seats, but 1 counter serves this service: at most one person per counter at once",
      }),
    ]);
  });
});
