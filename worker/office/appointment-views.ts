import { checkInWindow } from "../../shared/booking/check-in";
import { localTime } from "../../shared/engine";
import type {
  AppointmentConflicts,
  AppointmentView,
  DayAppointments,
  HeldAppointment,
} from "../../shared/protocol/appointments";
import { DEFAULT_CHECK_IN } from "../../shared/protocol/booking";
import type { OfficeConfig } from "../../shared/protocol/config";
import { clockTime } from "../../shared/protocol/wall-time";
import type { AppointmentRow } from "./store/appointments-table";

/** The links of a booking: both carry its manage token. */
export interface AppointmentLinks {
  manageUrl: string;
  calendarUrl: string;
}

export function appointmentLinks(
  origin: string | undefined,
  officeId: string,
  token: string,
): AppointmentLinks {
  const base = origin ?? "";
  return {
    manageUrl: `${base}/a/${officeId}/${token}`,
    calendarUrl: `${base}/api/offices/${officeId}/appointments/${token}/calendar.ics`,
  };
}

/** Where someone refused at check-in books again. */
export function rebookUrl(origin: string | undefined, officeId: string, serviceId: string): string {
  return `${origin ?? ""}/book/?office=${officeId}&service=${serviceId}`;
}

/** "YYYY-MM-DDTHH:MM" of an instant on the office's wall clock. */
export function localStart(start: number, timeZone: string): string {
  const local = localTime(start, timeZone);
  return `${local.day}T${clockTime(local.minutes)}`;
}

/** Ticket ids are the day and the code ("2026-12-24-A001"). */
const codeOfTicket = (ticketId: string | null) => (ticketId ? ticketId.slice(11) : null);

export function appointmentView(row: AppointmentRow, config: OfficeConfig): AppointmentView {
  return {
    id: row.id,
    code: row.code,
    serviceId: row.service_id,
    start: row.start,
    startLocal: localStart(row.start, config.timeZone),
    status: row.status,
    ticketCode: codeOfTicket(row.ticket_id),
  };
}

/** The check-in settings of a service (the defaults if it no longer takes bookings). */
export function checkInSettings(config: OfficeConfig, serviceId: string) {
  return config.services.find((s) => s.id === serviceId)?.booking?.checkIn ?? DEFAULT_CHECK_IN;
}

/** What the holder of the manage link sees: their own name, contact and reason too. */
export function heldAppointment(
  row: AppointmentRow,
  config: OfficeConfig,
  links: AppointmentLinks,
  view: AppointmentView = appointmentView(row, config),
  /** Where to book again, said when the office cancelled it. */
  rebook?: string,
): HeldAppointment {
  const byOffice = row.status === "cancelled" && row.cancelled_by === "office";
  return {
    appointment: {
      ...view,
      name: row.name,
      contact: {
        ...(row.email !== null ? { email: row.email } : {}),
        ...(row.phone !== null ? { phone: row.phone } : {}),
      },
      ...(row.reason ? { reason: row.reason } : {}),
    },
    ...links,
    checkIn: checkInWindow(row.start, checkInSettings(config, row.service_id)),
    ...(row.status === "cancelled" && row.cancelled_by ? { cancelledBy: row.cancelled_by } : {}),
    ...(byOffice && row.cancel_reason ? { cancelReason: row.cancel_reason } : {}),
    ...(byOffice && rebook ? { rebookUrl: rebook } : {}),
  };
}

/** One line of a day's list for staff: the name, and how to reach the person, not the contact itself. */
export function dayListEntry(
  row: AppointmentRow,
  config: OfficeConfig,
): DayAppointments["appointments"][number] {
  return {
    ...appointmentView(row, config),
    name: row.name,
    contactKind: row.email !== null ? "email" : row.phone !== null ? "phone" : null,
    conflict: row.status === "booked" ? row.conflict : null,
  };
}

/** A booking in conflict as staff see it: whom to tell and how (the contact itself, for this only). */
export function conflictEntry(
  row: AppointmentRow,
  config: OfficeConfig,
  rebook: string,
): AppointmentConflicts["conflicts"][number] {
  return {
    ...appointmentView(row, config),
    conflict: row.conflict ?? "no_window",
    conflictAt: row.conflict_at ?? row.updated_at,
    name: row.name,
    contact: {
      ...(row.email !== null ? { email: row.email } : {}),
      ...(row.phone !== null ? { phone: row.phone } : {}),
    },
    lang: row.lang,
    rebookUrl: rebook,
  };
}
