import * as z from "zod/mini";
import { LanguageCode, Slug } from "./config";

export const ACTIVE_STATUSES = ["waiting", "called", "serving"] as const;
export const TERMINAL_STATUSES = ["done", "no-show", "cancelled", "expired"] as const;
export const TicketStatus = z.enum([...ACTIVE_STATUSES, ...TERMINAL_STATUSES]);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketChannel = z.enum(["kiosk", "staff", "remote", "api"]);
export type TicketChannel = z.infer<typeof TicketChannel>;

/** Ticket ids are the business day plus the code: unique forever within an office. */
export const TicketId = z
  .string()
  .check(
    z.regex(
      /^\d{4}-\d{2}-\d{2}-[A-Z]\d{3,}$/,
      "not a ticket id (a day and a code, e.g. 2026-12-24-A001)",
    ),
  );

/**
 * The appointment a ticket was issued for at check-in: which booking, and the
 * slot's start (epoch ms), which orders it among the due appointments. No
 * name or contact: those stay with the booking.
 */
export const TicketAppointment = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  slotStart: z.number(),
});
export type TicketAppointment = z.infer<typeof TicketAppointment>;

/** A ticket as staff see it: no personal data, no token (the waiting room sees PublicTicket). */
export const Ticket = z.object({
  id: TicketId,
  code: z.string(),
  serviceId: Slug,
  priority: z.boolean(),
  status: TicketStatus,
  lang: z.nullable(LanguageCode),
  channel: TicketChannel,
  issuedAt: z.number(),
  /** Orders the queue; kept on transfer so a ticket keeps its place by original issue time. */
  queuedAt: z.number(),
  /** Set when the ticket was transferred to one counter: only that counter calls it. */
  targetCounterId: z.nullable(Slug),
  counterId: z.nullable(Slug),
  calledAt: z.nullable(z.number()),
  startedAt: z.nullable(z.number()),
  recalls: z.int(),
  transfers: z.int(),
  /** Set when the ticket was issued by checking in an appointment; kept through transfers. Null for walk-ins (and for tickets stored before appointments existed). */
  appointment: z._default(z.nullable(TicketAppointment), null),
});
export type Ticket = z.infer<typeof Ticket>;
