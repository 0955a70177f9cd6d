import * as z from "zod/mini";
import { AppointmentStatus } from "../protocol/appointments";
import { Slug } from "../protocol/config";
import { TicketId } from "../protocol/ticket";

/**
 * One booking as the reports see it: the anonymous facts that stay after the day-after
 * erasure of name, contact, reason and address (issue 12, point 8). Reports never read the
 * personal columns, so a report over last year reads the same before and after erasure.
 * Times are epoch milliseconds; `start` is the slot as finally booked (after any move).
 */
export const ReportAppointment = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  serviceId: Slug,
  start: z.number(),
  /**
   * The service's slot length, from its booking settings when the report is made (the
   * booking itself does not keep it); null if the service no longer takes bookings, and
   * then its booked minutes are not counted.
   */
  slotMinutes: z.nullable(z.int().check(z.gte(1), z.lte(240))),
  status: AppointmentStatus,
  /** public: the booking page; staff: booked by a clerk on someone's behalf. */
  channel: z.enum(["public", "staff"]),
  /** When the booking was made: lead time is bookedAt → start. */
  bookedAt: z.number(),
  checkedInAt: z.nullable(z.number()),
  cancelledAt: z.nullable(z.number()),
  missedAt: z.nullable(z.number()),
  /** The ticket its check-in gave (for a late arrival sent to the walk-in queue, that ticket). */
  ticketId: z.nullable(TicketId),
});
export type ReportAppointment = z.infer<typeof ReportAppointment>;

/** A past booking brought in with a history import: the slot length comes from the office's settings. */
export const PastAppointment = z.omit(ReportAppointment, { slotMinutes: true });
export type PastAppointment = z.infer<typeof PastAppointment>;
