import { checkInWindow } from "../../shared/booking/check-in";
import { appointmentDueAt } from "../../shared/engine/routing";
import { format } from "../../shared/i18n";
import type { CounterMessages } from "../../shared/i18n/counter";
import { DEFAULT_CHECK_IN } from "../../shared/protocol/booking";
import type { OfficeConfig } from "../../shared/protocol/config";
import type { Ticket } from "../../shared/protocol/ticket";

/**
 * What the console shows of a ticket issued for an appointment: its booked
 * time on the office's clock, whether call-next may call it yet, and
 * whether its holder checked in after the window (the clerk decides).
 */
export interface AppointmentMarker {
  /** "10:30" on the office's clock. */
  time: string;
  /** Call-next calls it from a couple of minutes before its time; until then it waits for it. */
  due: boolean;
  /** Checked in after the check-in window closed (issued for the clerk to decide). */
  late: boolean;
}

/** "10:30": an instant on the office's wall clock, 24-hour. */
export function officeClockTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}

/** The marker of an appointment's ticket at `now`, or null for a walk-in. */
export function appointmentMarkerOf(
  ticket: Ticket,
  config: OfficeConfig,
  now: number,
): AppointmentMarker | null {
  const appointment = ticket.appointment;
  const dueAt = appointmentDueAt(ticket);
  if (!appointment || dueAt === null) return null;
  const service = config.services.find((s) => s.id === ticket.serviceId);
  const window = checkInWindow(
    appointment.slotStart,
    service?.booking?.checkIn ?? DEFAULT_CHECK_IN,
  );
  return {
    time: officeClockTime(appointment.slotStart, config.timeZone),
    due: dueAt <= now,
    late: ticket.issuedAt > window.closesAt,
  };
}

/** "appointment 10:30" / "appuntamento 10:30": beside the ticket's code, in the queue and at the counter. */
export function appointmentMarkerText(
  marker: AppointmentMarker,
  messages: CounterMessages,
): string {
  return format(messages.counter.appointment.marker, { time: marker.time });
}

/** "waiting for 10:30": an appointment call-next will not call yet. */
export function notDueText(marker: AppointmentMarker, messages: CounterMessages): string {
  return format(messages.counter.appointment.notDue, { time: marker.time });
}
