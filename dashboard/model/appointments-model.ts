import { computed, effect, type ReadonlySignal, signal } from "@preact/signals";
import { DayAppointments } from "../../shared/client/appointment-answers";
import type { OfficeState } from "../../shared/protocol/state";
import { officePath, outcomeOf, type Request } from "./api";
import { appointmentRows, seatWarnings, statusCounts } from "./day-appointments";

/** Bookings made on the public page change no live state: the list is read again this often anyway. */
export const APPOINTMENTS_POLL_MS = 60_000;
/** A change of the live state (a check-in, a call) reads the list again this long after it… */
export const REFRESH_AFTER_CHANGE_MS = 1_500;
/** …but never sooner than this after the last read: a busy office changes every few seconds. */
export const MIN_REFRESH_GAP_MS = 5_000;

export interface AppointmentsModelOptions {
  officeId: string;
  request: Request;
  state: ReadonlySignal<OfficeState | null>;
  /** The server's time, ticking. */
  now: ReadonlySignal<number>;
  lang: ReadonlySignal<string>;
  /** A request answered 401: the session ended. */
  onUnauthorized: () => void;
  /** A request answered 403: read the rights again. */
  onForbidden: () => void;
}

/**
 * Today's appointments in the live view: read from
 * GET /api/offices/{office}/appointments?date={the office's day} when the
 * live state changes (throttled) and every minute, only while some service
 * takes appointments. Names are staff-only and stay on this screen.
 */
export function createAppointmentsModel(options: AppointmentsModelOptions) {
  const { state, now, lang, request } = options;
  const list = signal<DayAppointments | null>(null);
  /** Why the last read failed (an error code), or null. */
  const problem = signal<string | null>(null);

  const takesAppointments = computed(
    () => state.value?.config.services.some((s) => s.mode !== "walk-in") ?? false,
  );
  const day = computed(() => state.value?.day ?? null);
  /** The list only counts for the office's current day (after midnight, yesterday's is gone). */
  const current = computed(() => {
    const read = list.value;
    return read && read.date === day.value ? read.appointments : null;
  });
  const rows = computed(() => {
    const appointments = current.value;
    return appointments && state.value
      ? appointmentRows(appointments, state.value, lang.value)
      : [];
  });
  const counts = computed(() => (current.value ? statusCounts(current.value) : null));
  const warnings = computed(() => {
    const appointments = current.value;
    return appointments && state.value ? seatWarnings(appointments, state.value, now.value) : [];
  });

  let disposed = false;
  let inFlight = false;
  let again = false;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the scheduled read is due (epoch ms). */
  let timerAt = Number.POSITIVE_INFINITY;

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    timerAt = Date.now() + Math.max(0, delayMs);
    timer = setTimeout(read, Math.max(0, delayMs));
  }

  function read(): void {
    clearTimeout(timer);
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    const date = day.peek();
    if (disposed || !date || !takesAppointments.peek()) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    lastReadAt = Date.now();
    const path = officePath(options.officeId, `/appointments?date=${encodeURIComponent(date)}`);
    void request("GET", path).then((answer) => {
      inFlight = false;
      if (disposed) return;
      if (answer.status === 200) {
        const parsed = DayAppointments.safeParse(answer.body);
        list.value = parsed.success ? parsed.data : list.peek();
        problem.value = parsed.success ? null : "generic";
      } else {
        problem.value = outcomeOf(answer).code;
        if (answer.status === 401) return options.onUnauthorized();
        if (answer.status === 403) return options.onForbidden();
      }
      if (again) {
        again = false;
        schedule(MIN_REFRESH_GAP_MS);
      } else schedule(APPOINTMENTS_POLL_MS);
    });
  }

  // The first read as soon as the office is known, again at once when its day changes.
  const stopDayEffect = effect(() => {
    if (day.value && takesAppointments.value) read();
  });

  // Any change of the live state may be a check-in or a missed appointment's seat going to walk-ins.
  let seenState: OfficeState | null = null;
  const stopStateEffect = effect(() => {
    const latest = state.value;
    if (!seenState) {
      seenState = latest;
      return;
    }
    seenState = latest;
    if (!takesAppointments.peek()) return;
    const delay = Math.max(REFRESH_AFTER_CHANGE_MS, lastReadAt + MIN_REFRESH_GAP_MS - Date.now());
    if (inFlight) again = true;
    // A read already due sooner stays: a stream of changes must not keep putting it off.
    else if (Date.now() + delay < timerAt) schedule(delay);
  });

  return {
    takesAppointments,
    rows,
    counts,
    warnings,
    problem: problem as ReadonlySignal<string | null>,
    /** Whether the day's list has been read (else the panel says it is loading). */
    loaded: computed(() => current.value !== null),
    refresh: read,
    dispose(): void {
      disposed = true;
      clearTimeout(timer);
      stopDayEffect();
      stopStateEffect();
    },
  };
}
