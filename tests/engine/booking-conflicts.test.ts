import { describe, expect, it } from "vitest";
import { appointmentConflicts, type SeatHolder } from "../../shared/booking/conflicts";
import { localInstant } from "../../shared/booking/slots";
import { BOOKED, bookingOffice } from "./booking-helpers";

/*
 * Which bookings a configuration no longer fits (issue 12, point 7): every
 * reason on its own, the order of reasons, and who keeps a seat when there
 * are fewer.
 */

const ROME = "Europe/Rome";
/** Tuesday 1 December 2026 and Thursday 3 December, Tuesday's and Thursday's mornings. */
const TUESDAY = "2026-12-01";
const THURSDAY = "2026-12-03";
const at = (day: string, hhmm: string) =>
  localInstant(day, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), ROME)!;

const MORNING = [{ start: "09:00", end: "12:30", seats: 2 }];
const settings = (patch = {}) => ({
  windows: { tue: MORNING, thu: MORNING },
  slotMinutes: 30,
  ...patch,
});

let n = 0;
function holder(start: number, patch: Partial<SeatHolder> = {}): SeatHolder {
  n++;
  return { id: `apt_${n}`, serviceId: BOOKED, start, status: "booked", createdAt: n, ...patch };
}

describe("Bookings a configuration no longer fits", () => {
  it("A booking inside its window, hours and seats is not in conflict.", () => {
    const config = bookingOffice(settings());
    const holders = [
      holder(at(TUESDAY, "09:00")),
      holder(at(TUESDAY, "09:00")),
      holder(at(THURSDAY, "12:00")),
    ];
    expect(appointmentConflicts(config, holders).size).toBe(0);
  });

  it("Each change gives its own reason: service removed, walk-in, closed date, shorter hours, no window.", () => {
    const tuesday = holder(at(TUESDAY, "11:00"));
    const thursday = holder(at(THURSDAY, "12:00"));
    const base = bookingOffice(settings());
    expect(
      appointmentConflicts({ ...base, services: base.services.filter((s) => s.id !== BOOKED) }, [
        tuesday,
      ]).get(tuesday.id),
    ).toBe("service_removed");
    expect(
      appointmentConflicts(
        {
          ...base,
          services: base.services.map((s) =>
            s.id === BOOKED ? { ...s, mode: "walk-in" as const, booking: undefined } : s,
          ),
        },
        [tuesday],
      ).get(tuesday.id),
    ).toBe("no_bookings");
    expect(appointmentConflicts({ ...base, closedDates: [TUESDAY] }, [tuesday, thursday])).toEqual(
      new Map([[tuesday.id, "closed_date"]]),
    );
    const shorter = {
      ...base,
      openingHours: { ...base.openingHours, thu: [{ open: "08:00", close: "12:00" }] },
    };
    expect(appointmentConflicts(shorter, [tuesday, thursday])).toEqual(
      new Map([[thursday.id, "outside_hours"]]),
    );
    const earlier = bookingOffice(
      settings({ windows: { tue: [{ start: "09:00", end: "11:00", seats: 2 }], thu: MORNING } }),
    );
    expect(appointmentConflicts(earlier, [tuesday, thursday])).toEqual(
      new Map([[tuesday.id, "no_window"]]),
    );
    // A longer slot no longer ends inside the window.
    expect(appointmentConflicts(bookingOffice(settings({ slotMinutes: 60 })), [thursday])).toEqual(
      new Map([[thursday.id, "no_window"]]),
    );
    // A date's own windows replace its weekday's: none, no bookings.
    const exception = bookingOffice(settings({ exceptions: [{ date: TUESDAY, windows: [] }] }));
    expect(appointmentConflicts(exception, [tuesday, thursday])).toEqual(
      new Map([[tuesday.id, "no_window"]]),
    );
  });

  it("Fewer seats flag the latest bookings of a start; checked-in ones keep theirs first, and staff's extra seats count.", () => {
    const nine = at(TUESDAY, "09:00");
    const first = holder(nine);
    const second = holder(nine);
    const arrived = holder(nine, { status: "checked-in" });
    const oneSeat = bookingOffice(
      settings({ windows: { tue: [{ start: "09:00", end: "12:30", seats: 1 }] } }),
    );
    expect(appointmentConflicts(oneSeat, [first, second, arrived])).toEqual(
      new Map([
        [first.id, "over_seats"],
        [second.id, "over_seats"],
      ]),
    );
    expect(appointmentConflicts(oneSeat, [first, second])).toEqual(
      new Map([[second.id, "over_seats"]]),
    );
    const withExtra = bookingOffice(
      settings({
        windows: { tue: [{ start: "09:00", end: "12:30", seats: 1 }] },
        staffExtraSeats: 1,
      }),
    );
    expect(appointmentConflicts(withExtra, [first, second]).size).toBe(0);
    // A booking flagged for its time does not take a seat from another.
    const closedAndFull = { ...oneSeat, closedDates: [TUESDAY] };
    expect(appointmentConflicts(closedAndFull, [first, second])).toEqual(
      new Map([
        [first.id, "closed_date"],
        [second.id, "closed_date"],
      ]),
    );
  });
});
