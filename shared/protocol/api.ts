import * as z from "zod/mini";
import { CounterMode, LanguageCode, Slug } from "./config";
import { FeedbackState } from "./feedback";
import { TicketId } from "./ticket";

/** Request bodies of the HTTP API. Unknown fields are rejected so typos surface at once. */
export const IssueTicketBody = z.strictObject({
  serviceId: Slug,
  priority: z.optional(z.boolean()),
  lang: z.optional(LanguageCode),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const TransferBody = z
  .strictObject({ serviceId: z.optional(Slug), counterId: z.optional(Slug) })
  .check(
    z.refine((b) => (b.serviceId === undefined) !== (b.counterId === undefined), {
      message: "give exactly one of serviceId or counterId",
    }),
  );
export type TransferBody = z.infer<typeof TransferBody>;

export const CallTicketBody = z.strictObject({ ticketId: TicketId });
export const SetModeBody = z.strictObject({ mode: CounterMode });
/** Counter actions that take no body accept an empty object (or nothing). */
export const EmptyBody = z.strictObject({});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.unknown())),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Where a ticket holder can follow their place: position and wait, nothing about anyone else. */
export const TicketView = z.object({
  id: TicketId,
  code: z.string(),
  serviceId: Slug,
  status: z.string(),
  priority: z.boolean(),
  issuedAt: z.number(),
  peopleAhead: z.nullable(z.int()),
  estimatedWaitSeconds: z.nullable(z.number()),
  counterId: z.nullable(Slug),
  counterName: z.nullable(z.string()),
  /** The language the holder took the ticket in (their own page opens in it); absent when none was given. */
  lang: z.optional(LanguageCode),
  /** For a served ticket: whether its holder may still give feedback (absent on live frames). */
  feedback: z.optional(FeedbackState),
});
export type TicketView = z.infer<typeof TicketView>;
