import * as z from "zod/mini";
import { IsoDate, Slug } from "../protocol/config";
import { TicketAppointment, TicketChannel, TicketId, TicketStatus } from "../protocol/ticket";

/**
 * One ticket as the reports see it: its whole history flattened into a row, times in
 * epoch milliseconds. The office object builds these from its event log; reports never
 * read the live queue state.
 *
 * `status` reuses the queue's statuses, so "expired" (still waiting when the day closed)
 * is a valid value here too and is counted apart from cancellations.
 */
export const ReportTicket = z.object({
  id: TicketId,
  /** The office-local day of issue ("YYYY-MM-DD"): what the date range selects on. */
  day: IsoDate,
  code: z.string(),
  /** The service at the end (after any transfer). */
  serviceId: Slug,
  /** The counter that served the ticket or last called it. */
  counterId: z.nullable(Slug),
  /** Who called it (an account id and the name shown at that time). */
  clerkId: z.nullable(z.string().check(z.maxLength(80))),
  clerkName: z.nullable(z.string().check(z.maxLength(80))),
  status: TicketStatus,
  channel: TicketChannel,
  priority: z.boolean(),
  issuedAt: z.number(),
  /** The first call: the wait ends when the citizen is first called, not at a recall. */
  calledAt: z.nullable(z.number()),
  startedAt: z.nullable(z.number()),
  finishedAt: z.nullable(z.number()),
  transfers: z.int().check(z.gte(0)),
  recalls: z.int().check(z.gte(0)),
  /**
   * The appointment it was issued for at check-in (its id and slot start), null or absent
   * for a walk-in: the reports' punctuality reads it, and staffing counts such tickets as
   * booked minutes rather than walk-in arrivals.
   */
  appointment: z.optional(z.nullable(TicketAppointment)),
});
export type ReportTicket = z.infer<typeof ReportTicket>;

/** Tickets issued on a local day in [from, to]; ISO dates compare correctly as strings. */
export function ticketsInRange(
  tickets: readonly ReportTicket[],
  from: string,
  to: string,
): ReportTicket[] {
  return tickets.filter((ticket) => ticket.day >= from && ticket.day <= to);
}
