import { localDay, startOfNextDay } from "../../shared/engine";
import type { OfficeConfig } from "../../shared/protocol/config";
import { addDays } from "../../shared/protocol/wall-time";
import { checkInSettings } from "./appointment-views";
import type { AppointmentsTable } from "./store/appointments-table";
import type { WebhookPublisher } from "./webhooks/publisher";

const MINUTE = 60_000;

/*
 * What the office's one alarm does for appointments, read from the rows
 * each time (never from a schedule of its own): a booking not checked in by
 * the end of its grace period is missed and frees its seat; the personal
 * data of an appointment (name, contact, reason, address) is erased the day
 * after it, or after its cancellation. Both are safe to run twice.
 */

/** The instant after which a booking not checked in is missed: its check-in window has closed. */
function graceEnd(config: OfficeConfig, serviceId: string, start: number): number {
  return start + checkInSettings(config, serviceId).lateMinutes * MINUTE;
}

/** The start of the office's local day that `instant` falls in. */
function startOfDayOf(instant: number, timeZone: string): number {
  return startOfNextDay(addDays(localDay(instant, timeZone), -1), timeZone);
}

/** When the alarm next has appointment work, or null when there is none. */
export function nextAppointmentWork(
  appointments: AppointmentsTable,
  config: OfficeConfig,
): number | null {
  const due = appointments
    .earliestBookedByService()
    .map(({ serviceId, start }) => graceEnd(config, serviceId, start) + 1);
  const toErase = appointments.earliestToErase();
  if (toErase !== null)
    due.push(startOfNextDay(localDay(toErase, config.timeZone), config.timeZone));
  return due.length === 0 ? null : Math.min(...due);
}

/** Marks what is missed (telling webhooks of each) and erases what is due, as of `now`. */
export function runAppointmentWork(
  appointments: AppointmentsTable,
  config: OfficeConfig,
  now: number,
  webhooks: WebhookPublisher,
): { missed: number; erased: number } {
  let missed = 0;
  for (const { serviceId } of appointments.earliestBookedByService()) {
    const lateMs = checkInSettings(config, serviceId).lateMinutes * MINUTE;
    const ids = appointments.markMissed(serviceId, now - lateMs, now);
    missed += ids.length;
    for (const id of ids) {
      const row = appointments.byId(id);
      if (row) webhooks.appointment(row, { type: "appointment.missed" }, now);
    }
  }
  const erased = appointments.eraseBefore(startOfDayOf(now, config.timeZone), now);
  return { missed, erased };
}
