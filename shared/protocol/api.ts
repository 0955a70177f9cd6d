import { z } from "zod";
import { CounterMode, Slug } from "./config";
import { TicketId } from "./ticket";

/** Request bodies of the HTTP API. Unknown fields are rejected so typos surface at once. */
export const IssueTicketBody = z.strictObject({
  serviceId: Slug,
  priority: z.boolean().optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2}$/, "use a two-letter language code")
    .optional(),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const TransferBody = z
  .strictObject({ serviceId: Slug.optional(), counterId: Slug.optional() })
  .refine((b) => (b.serviceId === undefined) !== (b.counterId === undefined), {
    message: "give exactly one of serviceId or counterId",
  });
export type TransferBody = z.infer<typeof TransferBody>;

export const CallTicketBody = z.strictObject({ ticketId: TicketId });
export const SetModeBody = z.strictObject({ mode: CounterMode });
/** Counter actions that take no body accept an empty object (or nothing). */
export const EmptyBody = z.strictObject({});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.unknown()).optional(),
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
  peopleAhead: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().nullable(),
  counterId: Slug.nullable(),
  counterName: z.string().nullable(),
});
export type TicketView = z.infer<typeof TicketView>;
