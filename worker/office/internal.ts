import * as z from "zod/mini";
import { Actor } from "../../shared/protocol/auth";
import { Command } from "../../shared/protocol/commands";
import { LiveRole } from "../../shared/protocol/wire";

/**
 * Requests from the Worker to an office object. The Worker has already
 * validated the public request; the object validates again because it is
 * the single writer and trusts no caller.
 */
export const INTERNAL_ORIGIN = "https://office.internal";

/** The office object's own routes: the client (client.ts) calls them, the router (office-requests.ts) serves them. */
export const OFFICE_PATHS = {
  command: "/command",
  view: "/view",
  ticket: "/ticket",
  audit: "/audit",
  revoke: "/revoke",
  history: "/history",
  report: "/reports/summary",
  ticketsCsv: "/reports/tickets.csv",
  today: "/reports/today",
} as const;

export const CommandRequest = z.object({
  command: Command,
  idempotencyKey: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /** Public origin of the API, for links such as the ticket's tracking URL. */
  origin: z.optional(z.url()),
  /** Who asked: recorded in the audit log, and the key of the issuing limits. */
  actor: z.optional(Actor),
});
export type CommandRequest = z.input<typeof CommandRequest>;

export const TicketToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, "not a ticket token"));

/** A staff action recorded by the Directory (logins, pairing) into this office's audit log. */
export const AuditRequest = z.object({
  at: z.number(),
  actor: Actor,
  action: z.string().check(z.maxLength(64)),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRequest = z.infer<typeof AuditRequest>;

/**
 * Close the sockets tagged `tag`, telling them why (`errorCode`) when they
 * must sign in or pair again; a revoked device is also refused from then on.
 */
export const RevokeRequest = z.object({
  tag: z.string().check(z.maxLength(128)),
  code: z.int(),
  reason: z.string().check(z.maxLength(100)),
  errorCode: z.optional(z.enum(["not_signed_in", "device_revoked"])),
  revokedDeviceId: z.optional(z.string().check(z.maxLength(64))),
});
export type RevokeRequest = z.infer<typeof RevokeRequest>;

/**
 * Header the Worker sets on a live socket's upgrade after checking the
 * caller: the role it may use and who it is. Only the Worker reaches the
 * object, and it always replaces this header, so a client cannot forge it.
 */
export const LIVE_GRANT_HEADER = "x-turno-live-grant";
export const LiveGrant = z.object({
  role: LiveRole,
  actor: Actor,
  /** Staff rank in this office: 0 none, 1 clerk, 2 supervisor, 3 admin. */
  rank: z.int(),
  /** acct:…, sess:…, dev:… — what a revocation closes. */
  tags: z.array(z.string().check(z.maxLength(128))).check(z.maxLength(4)),
  /** A person's session: its socket ends with it (absolute expiry, or idle as the Directory says). */
  session: z.optional(z.object({ id: z.string().check(z.maxLength(64)), expiresAt: z.number() })),
});
export type LiveGrant = z.infer<typeof LiveGrant>;
