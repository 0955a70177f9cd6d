import type { CommandAnswer } from "./responses";

/**
 * Refusals of the appointment routes, each in one place: the contract's
 * codes (slot_full, slot_unavailable, too_many_bookings, …) with the extra
 * fields a client acts on (opensAt, rebookUrl).
 */
export function refusal(
  status: number,
  code: string,
  message: string,
  extra: { opensAt?: number; rebookUrl?: string } = {},
): CommandAnswer {
  return { status, body: { error: { code, message, ...extra } } };
}

export const unknownAppointment = (): CommandAnswer =>
  refusal(404, "unknown_appointment", "No appointment has this link or code.");

export const unknownService = (serviceId: string): CommandAnswer =>
  refusal(404, "unknown_service", `There is no service "${serviceId.slice(0, 60)}".`);

/** What an appointment that is no longer booked answers to a move, a cancellation or a check-in. */
export function notBooked(status: "checked-in" | "missed" | "cancelled"): CommandAnswer {
  switch (status) {
    case "checked-in":
      return refusal(409, "appointment_checked_in", "This appointment is already checked in.");
    case "missed":
      return refusal(409, "appointment_missed", "This appointment was missed.");
    case "cancelled":
      return refusal(409, "appointment_cancelled", "This appointment was cancelled.");
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}
