import {
  type BookingConfigInput,
  type BookingWindow,
  DEFAULT_CHECK_IN,
  type LateArrivalRule,
  type ServiceMode,
} from "../../shared/protocol/booking";
import { everyWeekday, WEEKDAYS } from "../../shared/protocol/weekdays";
import { type ConfigDraft, edit, type ServiceDraft, type Weekday } from "./config-form";

/*
 * A service's booking settings (shared/protocol/booking.ts) in the setup
 * form's draft: edited as the rest of the configuration (config-form.ts),
 * each edit a new draft.
 */

type BookingDraft = BookingConfigInput;
type WindowDraft = BookingWindow;

/** Which windows an edit is about: a weekday's, or those of one exception (by its index). */
export type WindowsAt = { day: Weekday } | { exception: number };

const emptyWeek = (): Record<Weekday, WindowDraft[]> => everyWeekday((): WindowDraft[] => []);

/** The booking settings a service starts with: every default, no windows yet. */
export function defaultBooking(): BookingDraft {
  return {
    windows: emptyWeek(),
    slotMinutes: 20,
    daysAhead: 30,
    minNoticeMinutes: 60,
    checkIn: { ...DEFAULT_CHECK_IN },
    lateArrivals: "walk-in",
    staffExtraSeats: 0,
    maxActivePerContact: 1,
    exceptions: [],
  };
}

/** A service's booking settings as the form shows them: each one its own or the default. */
export function bookingOf(service: ServiceDraft): Required<BookingDraft> & {
  windows: Record<Weekday, WindowDraft[]>;
  checkIn: { earlyMinutes: number; lateMinutes: number };
} {
  const defaults = defaultBooking() as Required<BookingDraft>;
  const booking = service.booking ?? {};
  return {
    ...defaults,
    ...booking,
    windows: { ...emptyWeek(), ...(booking.windows as Partial<Record<Weekday, WindowDraft[]>>) },
    checkIn: { ...DEFAULT_CHECK_IN, ...booking.checkIn },
    exceptions: booking.exceptions ?? [],
  } as ReturnType<typeof bookingOf>;
}

function bookingDraftOf(copy: ConfigDraft, index: number): BookingDraft | null {
  const service = copy.services[index];
  if (!service?.booking) return null;
  const full = bookingOf(service);
  service.booking = full;
  return full;
}

/**
 * Walk-in, appointment or mixed. A walk-in service takes no bookings, so its
 * settings go; one that starts taking appointments gets the defaults, to fill in.
 */
export function setServiceMode(draft: ConfigDraft, index: number, mode: ServiceMode): ConfigDraft {
  return edit(draft, (copy) => {
    const service = copy.services[index];
    if (!service) return;
    const before = service.mode ?? "walk-in";
    service.mode = mode;
    if (mode === "walk-in") delete service.booking;
    else if (before === "walk-in" && !service.booking) service.booking = defaultBooking();
  });
}

/** Whether Turno takes the service's bookings (else it is booked elsewhere, as before). */
export function setBookingEnabled(draft: ConfigDraft, index: number, on: boolean): ConfigDraft {
  return edit(draft, (copy) => {
    const service = copy.services[index];
    if (!service) return;
    if (!on) delete service.booking;
    else service.booking ??= defaultBooking();
  });
}

export type BookingPatch = Partial<{
  slotMinutes: number;
  daysAhead: number;
  minNoticeMinutes: number;
  lateArrivals: LateArrivalRule;
  staffExtraSeats: number;
  maxActivePerContact: number;
}>;

export function updateBooking(draft: ConfigDraft, index: number, patch: BookingPatch): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    if (booking) Object.assign(booking, patch);
  });
}

export function updateCheckIn(
  draft: ConfigDraft,
  index: number,
  patch: Partial<{ earlyMinutes: number; lateMinutes: number }>,
): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    if (booking) booking.checkIn = { ...DEFAULT_CHECK_IN, ...booking.checkIn, ...patch };
  });
}

function windowsOf(booking: BookingDraft, at: WindowsAt): WindowDraft[] | null {
  if ("day" in at) {
    const week = booking.windows as Record<Weekday, WindowDraft[]>;
    week[at.day] ??= [];
    return week[at.day];
  }
  return booking.exceptions?.[at.exception]?.windows ?? null;
}

/** The path of a list of windows, as issues name it ("services.2.booking.windows.mon"). */
export function windowsPath(serviceIndex: number, at: WindowsAt): string {
  return "day" in at
    ? `services.${serviceIndex}.booking.windows.${at.day}`
    : `services.${serviceIndex}.booking.exceptions.${at.exception}.windows`;
}

/** The weekday whose opening hours bound a list of windows. */
function weekdayOfWindows(booking: BookingDraft, at: WindowsAt): Weekday | null {
  if ("day" in at) return at.day;
  const date = booking.exceptions?.[at.exception]?.date;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return WEEKDAYS[(day + 6) % 7] ?? null;
}

/**
 * One more booking window: after the day's last one, up to closing; on a day
 * without any, the day's first opening hours; one seat, to raise.
 */
export function addBookingWindow(draft: ConfigDraft, index: number, at: WindowsAt): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    const windows = booking ? windowsOf(booking, at) : null;
    if (!booking || !windows) return;
    const weekday = weekdayOfWindows(booking, at);
    const hours = weekday
      ? ((copy.openingHours as Record<Weekday, { open: string; close: string }[]> | undefined)?.[
          weekday
        ] ?? [])
      : [];
    const last = windows[windows.length - 1];
    if (last) {
      const later = hours.find((h) => h.close > last.end);
      windows.push({ start: last.end, end: later?.close ?? "24:00", seats: last.seats });
    } else {
      const first = hours[0];
      windows.push({ start: first?.open ?? "09:00", end: first?.close ?? "12:00", seats: 1 });
    }
  });
}

export function removeBookingWindow(
  draft: ConfigDraft,
  index: number,
  at: WindowsAt,
  windowIndex: number,
): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    const windows = booking ? windowsOf(booking, at) : null;
    windows?.splice(windowIndex, 1);
  });
}

export function changeBookingWindow(
  draft: ConfigDraft,
  index: number,
  at: WindowsAt,
  windowIndex: number,
  patch: Partial<WindowDraft>,
): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    const window = booking ? windowsOf(booking, at)?.[windowIndex] : undefined;
    if (window) Object.assign(window, patch);
  });
}

/**
 * A date with its own windows, in place of its weekday's: none at first (no
 * bookings that day), windows to add. Kept in date order; a date already
 * there is not added twice.
 */
export function addBookingException(draft: ConfigDraft, index: number, date: string): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    if (!booking) return;
    const exceptions = booking.exceptions ?? [];
    if (exceptions.some((e) => e.date === date)) return;
    booking.exceptions = [...exceptions, { date, windows: [] }].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
  });
}

export function removeBookingException(
  draft: ConfigDraft,
  index: number,
  exceptionIndex: number,
): ConfigDraft {
  return edit(draft, (copy) => {
    const booking = bookingDraftOf(copy, index);
    booking?.exceptions?.splice(exceptionIndex, 1);
  });
}
