import { format } from "../../shared/i18n";
import type { KioskMessages } from "../../shared/i18n/kiosk";
import type { ShownRefusal } from "../model/appointment-check-in";
import type { AppointmentArrival } from "../model/kiosk-model";
import { clockTime } from "./format";

/**
 * The kiosk's words for a refused check-in, in the citizen's language: never
 * the server's English. "Too early" says from when, on the office's clock.
 */
export function checkInRefusalText(
  refusal: Pick<ShownRefusal, "code" | "opensAt">,
  messages: KioskMessages,
  timeZone: string,
  lang: string,
): string {
  const errors: Record<string, string> = messages.kiosk.checkIn.errors;
  if (refusal.code === "check_in_too_early") {
    return refusal.opensAt === null
      ? messages.kiosk.checkIn.errors.check_in_too_early_no_time
      : format(messages.kiosk.checkIn.errors.check_in_too_early, {
          time: clockTime(refusal.opensAt, timeZone, lang),
        });
  }
  return errors[refusal.code] ?? messages.kiosk.checkIn.errors.generic;
}

/** "Appointment 10:30", for the ticket screen and the receipt (null: not an appointment's ticket). */
export function appointmentTimeText(
  appointment: AppointmentArrival | null,
  messages: KioskMessages,
  timeZone: string,
  lang: string,
): string | null {
  if (!appointment || appointment.slotStart === null || appointment.arrival === "late-walk-in")
    return null;
  return format(messages.kiosk.checkIn.appointmentAt, {
    time: clockTime(appointment.slotStart, timeZone, lang),
  });
}

/** What a late arrival is told under their number (null: on time, or not an appointment). */
export function lateArrivalText(
  appointment: AppointmentArrival | null,
  messages: KioskMessages,
  timeZone: string,
  lang: string,
): string | null {
  if (!appointment) return null;
  const m = messages.kiosk.checkIn;
  switch (appointment.arrival) {
    case "on-time":
      return null;
    case "late-clerk-decides":
      return m.lateClerk;
    case "late-walk-in":
      return appointment.slotStart === null
        ? m.walkInInsteadNoTime
        : format(m.walkInInstead, {
            time: clockTime(appointment.slotStart, timeZone, lang),
          });
    default: {
      const unknown: never = appointment.arrival;
      return unknown;
    }
  }
}
