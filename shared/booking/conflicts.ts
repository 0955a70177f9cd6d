import { localTime } from "../engine/clock";
import type { BookingConfig, BookingWindow, ConflictReason } from "../protocol/booking";
import type { OfficeConfig } from "../protocol/config";
import { clockMinutes, mergedSpans, weekdayOf, withinSpans } from "../protocol/wall-time";

/*
 * Office changes never cancel silently (issue 12, point 7): after every
 * change of the configuration, each booking that still holds a seat is read
 * against the new one, and those the office could no longer receive are
 * flagged for staff to keep or cancel. Pure: the office object stores what
 * this says, in the same transaction as the change.
 */

/** A booking that holds a seat, as the check needs it. */
export interface SeatHolder {
  id: string;
  serviceId: string;
  start: number;
  /** Only booked ones can be in conflict; checked-in ones still count against the seats. */
  status: "booked" | "checked-in";
  /** Who booked first keeps the seat when there are fewer. */
  createdAt: number;
}

function bookingOf(config: OfficeConfig, serviceId: string): BookingConfig | null | undefined {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service) return undefined;
  return service.mode === "walk-in" ? null : (service.booking ?? null);
}

function windowsOn(booking: BookingConfig, day: string): readonly BookingWindow[] {
  const exception = booking.exceptions.find((e) => e.date === day);
  return exception ? exception.windows : booking.windows[weekdayOf(day)];
}

/** Why one booking's time does not fit the configuration (seats aside), or null. */
function placeConflict(config: OfficeConfig, holder: SeatHolder): ConflictReason | null {
  const booking = bookingOf(config, holder.serviceId);
  if (booking === undefined) return "service_removed";
  if (booking === null) return "no_bookings";
  const local = localTime(holder.start, config.timeZone);
  if (config.closedDates.includes(local.day)) return "closed_date";
  const start = local.minutes;
  const end = start + booking.slotMinutes;
  if (!withinSpans(mergedSpans(config.openingHours[weekdayOf(local.day)]), start, end))
    return "outside_hours";
  const fits = windowsOn(booking, local.day).some(
    (window) => start >= clockMinutes(window.start) && end <= clockMinutes(window.end),
  );
  return fits ? null : "no_window";
}

/** The seats a start has now, staff's extra seats included (what the office accepts at most). */
function seatsAt(config: OfficeConfig, holder: SeatHolder): number {
  const booking = bookingOf(config, holder.serviceId);
  if (!booking) return 0;
  const local = localTime(holder.start, config.timeZone);
  const window = windowsOn(booking, local.day).find(
    (w) => local.minutes >= clockMinutes(w.start) && local.minutes < clockMinutes(w.end),
  );
  return window ? window.seats + booking.staffExtraSeats : 0;
}

/**
 * The bookings in conflict with `config`, by id. A start with more people
 * than seats flags its latest bookings (checked-in ones keep theirs first:
 * they are already here); a booking flagged for its time is not counted
 * against the seats.
 */
export function appointmentConflicts(
  config: OfficeConfig,
  holders: readonly SeatHolder[],
): Map<string, ConflictReason> {
  const conflicts = new Map<string, ConflictReason>();
  const byStart = new Map<string, SeatHolder[]>();
  for (const holder of holders) {
    const reason = placeConflict(config, holder);
    if (reason) {
      if (holder.status === "booked") conflicts.set(holder.id, reason);
      continue;
    }
    const key = `${holder.serviceId} ${holder.start}`;
    const group = byStart.get(key);
    if (group) group.push(holder);
    else byStart.set(key, [holder]);
  }
  for (const group of byStart.values()) {
    const seats = seatsAt(config, group[0]!);
    if (group.length <= seats) continue;
    const ranked = [...group].sort(
      (a, b) =>
        (a.status === b.status ? 0 : a.status === "checked-in" ? -1 : 1) ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    for (const holder of ranked.slice(seats))
      if (holder.status === "booked") conflicts.set(holder.id, "over_seats");
  }
  return conflicts;
}
