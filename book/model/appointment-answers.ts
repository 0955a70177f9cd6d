import * as z from "zod/mini";
import { IssuedTicket } from "../../shared/protocol/responses";

/*
 * The answers of the appointment routes as the booking page reads them, in
 * the shapes of the API contract (README, "HTTP API"). Objects are not
 * strict, and the personal fields may come back empty once the office has
 * erased them, so a page opened late still shows the booking itself.
 */

export const APPOINTMENT_STATUSES = ["booked", "checked-in", "missed", "cancelled"] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** One booking as anyone holding it may see it: no name, no contact. */
export const AppointmentView = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: z.string(),
  start: z.number(),
  startLocal: z.string(),
  status: AppointmentStatus,
  ticketCode: z.nullable(z.string()),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

/** A start of a service, with the seats still free (0: shown as full). */
export const FreeSlot = z.object({ start: z.number(), startLocal: z.string(), seatsLeft: z.int() });
export type FreeSlot = z.infer<typeof FreeSlot>;

export const SlotsAnswer = z.object({ slots: z.array(FreeSlot) });
export type SlotsAnswer = z.infer<typeof SlotsAnswer>;

/** 201 of POST …/appointments: the booking, its manage link and its calendar file. */
export const BookedAnswer = z.object({
  appointment: AppointmentView,
  token: z.string(),
  manageUrl: z.string(),
  calendarUrl: z.string(),
});
export type BookedAnswer = z.infer<typeof BookedAnswer>;

const Erasable = z.optional(z.nullable(z.string()));

/** GET and PATCH …/appointments/{token}: the holder's own booking, with their details. */
export const HeldAppointment = z.object({
  appointment: z.extend(AppointmentView, {
    name: Erasable,
    contact: z.optional(z.nullable(z.object({ email: Erasable, phone: Erasable }))),
    reason: Erasable,
  }),
  manageUrl: z.string(),
  calendarUrl: z.string(),
  checkIn: z.object({ opensAt: z.number(), closesAt: z.number() }),
});
export type HeldAppointment = z.infer<typeof HeldAppointment>;

/** DELETE …/appointments/{token}. */
export const CancelledAnswer = z.object({ appointment: AppointmentView });
export type CancelledAnswer = z.infer<typeof CancelledAnswer>;

/**
 * 201 of "I'm here": the ticket as the kiosk's answer gives it, the booking,
 * and whether the person came late (then the ticket may be a walk-in's).
 */
export const CheckedInAnswer = z.extend(IssuedTicket, {
  appointment: AppointmentView,
  lateArrival: z.optional(z.boolean()),
});
export type CheckedInAnswer = z.infer<typeof CheckedInAnswer>;

/** The body of POST …/appointments. */
export interface BookingRequest {
  serviceId: string;
  start: number;
  name: string;
  email?: string;
  phone?: string;
  reason?: string;
  lang?: string;
}
