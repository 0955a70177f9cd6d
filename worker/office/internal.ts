import * as z from "zod/mini";
import { Command } from "../../shared/protocol/commands";

/**
 * Requests from the Worker to an office object. The Worker has already
 * validated the public request; the object validates again because it is
 * the single writer and trusts no caller.
 */
export const INTERNAL_ORIGIN = "https://office.internal";

export const CommandRequest = z.object({
  command: Command,
  idempotencyKey: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /** Public origin of the API, for links such as the ticket's tracking URL. */
  origin: z.optional(z.url()),
});
export type CommandRequest = z.input<typeof CommandRequest>;

export const TicketToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, "not a ticket token"));
