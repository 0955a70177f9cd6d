import { signal } from "@preact/signals";
import { describe, expect, it } from "vitest";
import {
  addBookingException,
  addBookingWindow,
  bookingOf,
  changeBookingWindow,
  removeBookingException,
  removeBookingWindow,
  setBookingEnabled,
  setServiceMode,
  updateBooking,
  updateCheckIn,
} from "../../dashboard/model/booking-form";
import {
  draftOf,
  issueKind,
  issuesAt,
  issuesFromAnswer,
  validateDraft,
} from "../../dashboard/model/config-form";
import { createSetupModel } from "../../dashboard/model/setup-model";
import { issueText } from "../../dashboard/ui/setup/fields";
import type { HttpAnswer } from "../../shared/client/http";
import { demoOfficeConfig, demoOfficeWithBookings } from "../../shared/demo-office";
import { dashboardMessages } from "../../shared/i18n/dashboard";
import type { Grant } from "../../shared/protocol/auth";
import { OfficeConfig } from "../../shared/protocol/config";
import type { OfficeState } from "../../shared/protocol/state";
import { Office } from "../engine/helpers";

/** The demo office: school enrolment (scuola) is service 4, building permits (edilizia) 6. */
const SCUOLA = 4;
const EDILIZIA = 6;
const fresh = () => draftOf(demoOfficeConfig);
const en = dashboardMessages("en");
const it_ = dashboardMessages("it");

function issuesOf(draft: ReturnType<typeof fresh>) {
  const result = validateDraft(draft);
  if (result.ok) throw new Error("expected problems");
  return result.issues;
}

describe("A service's booking settings in the setup form", () => {
  it("A walk-in service turned mixed gets the default settings; turned back to walk-in, they go (a walk-in service takes no bookings).", () => {
    const draft = fresh();
    const mixed = setServiceMode(draft, SCUOLA, "mixed");
    expect(draft.services[SCUOLA]!.booking).toBeUndefined(); // edits never touch their draft
    expect(mixed.services[SCUOLA]).toMatchObject({
      mode: "mixed",
      booking: { slotMinutes: 20, daysAhead: 30, minNoticeMinutes: 60, lateArrivals: "walk-in" },
    });
    expect(validateDraft(mixed).ok).toBe(true);
    const back = setServiceMode(mixed, SCUOLA, "walk-in");
    expect(back.services[SCUOLA]!.booking).toBeUndefined();
    expect(validateDraft(back).ok).toBe(true);
    // An appointment service may be booked elsewhere: Turno's settings are switched off and on.
    const elsewhere = setBookingEnabled(mixed, SCUOLA, false);
    expect(elsewhere.services[SCUOLA]!.booking).toBeUndefined();
    expect(setBookingEnabled(elsewhere, SCUOLA, true).services[SCUOLA]!.booking).toBeDefined();
  });

  it("Every setting is edited and saved as the schema reads it: windows per weekday, slot, days ahead, notice, check-in, late rule, staff seats, exceptions.", () => {
    let draft = setServiceMode(fresh(), SCUOLA, "mixed");
    draft = addBookingWindow(draft, SCUOLA, { day: "mon" });
    // A day without windows starts from its first opening hours, one seat.
    expect(bookingOf(draft.services[SCUOLA]!).windows.mon).toEqual([
      { start: "08:00", end: "18:30", seats: 1 },
    ]);
    draft = changeBookingWindow(draft, SCUOLA, { day: "mon" }, 0, { end: "12:00", seats: 3 });
    draft = addBookingWindow(draft, SCUOLA, { day: "mon" });
    expect(bookingOf(draft.services[SCUOLA]!).windows.mon[1]).toEqual({
      start: "12:00",
      end: "18:30",
      seats: 3,
    });
    draft = removeBookingWindow(draft, SCUOLA, { day: "mon" }, 1);
    draft = updateBooking(draft, SCUOLA, {
      slotMinutes: 15,
      daysAhead: 45,
      minNoticeMinutes: 120,
      lateArrivals: "refuse",
      staffExtraSeats: 1,
      maxActivePerContact: 2,
    });
    draft = updateCheckIn(draft, SCUOLA, { earlyMinutes: 45 });
    draft = addBookingException(draft, SCUOLA, "2026-12-28");
    draft = addBookingException(draft, SCUOLA, "2026-12-21");
    draft = addBookingException(draft, SCUOLA, "2026-12-28"); // once per date
    draft = addBookingWindow(draft, SCUOLA, { exception: 1 });
    const result = validateDraft(draft);
    if (!result.ok) throw new Error(JSON.stringify([...result.issues]));
    expect(result.config.services[SCUOLA]!.booking).toEqual({
      windows: {
        mon: [{ start: "08:00", end: "12:00", seats: 3 }],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      },
      slotMinutes: 15,
      daysAhead: 45,
      minNoticeMinutes: 120,
      checkIn: { earlyMinutes: 45, lateMinutes: 10 },
      lateArrivals: "refuse",
      staffExtraSeats: 1,
      maxActivePerContact: 2,
      exceptions: [
        { date: "2026-12-21", windows: [] },
        // 2026-12-28 is a Monday: its own window starts from Monday's hours.
        { date: "2026-12-28", windows: [{ start: "08:00", end: "18:30", seats: 1 }] },
      ],
    });
    expect(
      removeBookingException(draft, SCUOLA, 0).services[SCUOLA]!.booking!.exceptions,
    ).toHaveLength(1);
  });

  it("A window outside the opening hours, overlapping another or ending before it starts is marked at that window, in the reader's words.", () => {
    let draft = addBookingWindow(setServiceMode(fresh(), SCUOLA, "mixed"), SCUOLA, { day: "sat" });
    draft = changeBookingWindow(draft, SCUOLA, { day: "sat" }, 0, { start: "07:00" });
    draft = addBookingWindow(draft, SCUOLA, { day: "tue" });
    draft = addBookingWindow(draft, SCUOLA, { day: "tue" });
    draft = changeBookingWindow(draft, SCUOLA, { day: "tue" }, 1, { start: "10:00", end: "11:00" });
    draft = addBookingWindow(draft, SCUOLA, { day: "wed" });
    draft = changeBookingWindow(draft, SCUOLA, { day: "wed" }, 0, { start: "12:00", end: "11:00" });
    const issues = issuesOf(draft);
    const outside = issuesAt(issues, "services.4.booking.windows.sat.0")[0]!;
    expect(issueKind(outside)).toBe("bookingOutsideHours");
    expect(issueText(outside, it_)).toBe(
      "Questa fascia è fuori dall'orario di apertura di quel giorno.",
    );
    expect(issueKind(issuesAt(issues, "services.4.booking.windows.tue.1")[0]!)).toBe(
      "windowsOverlap",
    );
    const backwards = issuesAt(issues, "services.4.booking.windows.wed.0")[0]!;
    expect(issueKind(backwards)).toBe("startBeforeEnd");
    expect(issueText(backwards, en)).toBe("The start must come before the end.");
  });

  it("More seats than counters serving the service is marked at the seats, with how many counters there are.", () => {
    const draft = changeBookingWindow(
      draftOf(demoOfficeWithBookings),
      EDILIZIA,
      { day: "tue" },
      0,
      {
        seats: 3,
      },
    );
    const seats = issuesAt(issuesOf(draft), "services.6.booking.windows.tue.0.seats")[0]!;
    expect(issueKind(seats)).toBe("seatsOverCounters");
    expect(issueText(seats, en)).toBe(
      "At most 2 at once: that is how many counters serve this service.",
    );
    const zero = changeBookingWindow(draftOf(demoOfficeWithBookings), EDILIZIA, { day: "tue" }, 0, {
      seats: 0,
    });
    expect(
      issueText(issuesAt(issuesOf(zero), "services.6.booking.windows.tue.0.seats")[0]!, en),
    ).toBe("Enter at least 1.");
    const slot = updateBooking(draftOf(demoOfficeWithBookings), EDILIZIA, { slotMinutes: 1 });
    expect(issueKind(issuesAt(issuesOf(slot), "services.6.booking.slotMinutes")[0]!)).toBe(
      "atLeast",
    );
  });

  it("The server's refusal of a booking rule is worded as the form's own and shown at its field.", () => {
    const issues = issuesFromAnswer({
      error: {
        code: "invalid_request",
        message: "services[6].booking.windows.tue.0.seats: 3 seats, but 2 counters serve",
        issues: [
          {
            path: "services.6.booking.windows.tue.0.seats",
            code: "custom",
            rule: "seats_over_counters",
            message:
              "3 seats, but 2 counters serve this service: at most one person per counter at once",
          },
          {
            path: "services.6.booking.windows.thu.0",
            code: "custom",
            rule: "booking_outside_hours",
            message: "07:00–12:30 is outside the opening hours of thu (08:00–18:30)",
          },
          {
            path: "services.6.booking.daysAhead",
            code: "too_big",
            rule: "too_large",
            maximum: 180,
            message: "at most 180 (got 200)",
          },
        ],
      },
    });
    const seats = issuesAt(issues, "services.6.booking.windows.tue.0.seats")[0]!;
    expect(issueText(seats, it_)).toBe(
      "Al massimo 2 insieme: tanti sono gli sportelli che trattano questo servizio.",
    );
    expect(issueKind(issuesAt(issues, "services.6.booking.windows.thu.0")[0]!)).toBe(
      "bookingOutsideHours",
    );
    expect(issueText(issuesAt(issues, "services.6.booking.daysAhead")[0]!, it_)).toBe(
      "Inserisci al massimo 180.",
    );
  });
});

describe("Saving booking settings", () => {
  it("PUTs a mixed service with its window, and puts a server refusal at the window's seats.", async () => {
    const office = new Office();
    const state = signal<OfficeState | null>(office.state);
    const calls: { method: string; body: unknown }[] = [];
    const answers: HttpAnswer[] = [
      {
        status: 400,
        body: {
          error: {
            code: "invalid_request",
            message: "bad",
            issues: [
              {
                path: "services.0.booking.windows.mon.0.seats",
                code: "custom",
                rule: "seats_over_counters",
                message: "2 seats, but 1 counter serves this service",
              },
            ],
          },
        },
        retryAfterSeconds: null,
      },
      { status: 200, body: {}, retryAfterSeconds: null },
    ];
    const model = createSetupModel({
      officeId: "scandicci",
      state,
      myGrants: signal<readonly Grant[]>([{ office: "scandicci", role: "admin" }]),
      myAccountId: signal("acc_AAAAAAAAAAAAAAAA"),
      onUnauthorized: () => {},
      onForbidden: () => {},
      request: (method, _path, body) => {
        calls.push({ method, body });
        return Promise.resolve(answers.shift()!);
      },
    });
    let draft = setServiceMode(model.draft.value!, 0, "mixed");
    draft = addBookingWindow(draft, 0, { day: "mon" });
    draft = changeBookingWindow(draft, 0, { day: "mon" }, 0, { start: "09:00", end: "12:00" });
    model.edit(draft);
    expect(await model.save()).toBe(false);
    const seats = issuesAt(model.issues.value, "services.0.booking.windows.mon.0.seats")[0]!;
    expect(issueText(seats, en)).toBe(
      "At most 1 at once: that is how many counters serve this service.",
    );
    expect(await model.save()).toBe(true);
    const sent = OfficeConfig.parse(calls[1]!.body);
    expect(sent.services[0]).toMatchObject({
      mode: "mixed",
      booking: { windows: { mon: [{ start: "09:00", end: "12:00", seats: 1 }] } },
    });
  });
});
