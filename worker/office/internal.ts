import * as z from "zod/mini";
import { BookAppointmentBody, BookingCode } from "../../shared/protocol/appointments";
import { Actor } from "../../shared/protocol/auth";
import { Command } from "../../shared/protocol/commands";
import {
  WebhookEndpointBody,
  WebhookEndpointId,
  WebhookEndpointPatch,
} from "../../shared/protocol/webhooks";
import { LiveRole } from "../../shared/protocol/wire";

/**
 * Requests from the Worker to an office object. The Worker has already
 * validated the public request; the object validates again because it is
 * the single writer and trusts no caller.
 */
export const INTERNAL_ORIGIN = "https://office.internal";

/** The office object's own routes: the client (client.ts) calls them, the router (office-requests.ts) serves them. */
export const OFFICE_PATHS = {
  view: "/view",
  ticket: "/ticket",
  /** POST: the holder's feedback after service, by the ticket's token. */
  feedback: "/ticket/feedback",
  audit: "/audit",
  revoke: "/revoke",
  history: "/history",
  report: "/reports/summary",
  ticketsCsv: "/reports/tickets.csv",
  appointmentsCsv: "/reports/appointments.csv",
  feedbackReport: "/reports/feedback",
  feedbackCsv: "/reports/feedback.csv",
  today: "/reports/today",
  slots: "/appointments/slots",
  /** POST books; GET lists a day's. */
  appointments: "/appointments",
  /** GET, PATCH (move), DELETE (cancel) one booking by its manage token. */
  appointment: "/appointment",
  appointmentCalendar: "/appointment/calendar.ics",
  checkIn: "/appointments/check-in",
  /** GET: the upcoming bookings in conflict; POST: keep or cancel one. */
  conflicts: "/appointments/conflicts",
  /** GET: the webhook endpoints; POST: a change to them (WebhookRequest). */
  webhooks: "/webhooks",
  /** GET: one endpoint's delivery log (?id=). */
  webhookDeliveries: "/webhooks/deliveries",
} as const;

/** A queue command, sent by RPC (Office.runCommand), not over these routes. */
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
/** An appointment's manage token: 128 random bits, base64url, like a ticket's. */
export const AppointmentToken = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{22}$/, "not an appointment link"));

const IdempotencyKey = z.optional(z.string().check(z.minLength(1), z.maxLength(128)));

/** A booking, from the booking page or from staff (the actor says which). */
export const BookRequest = z.object({
  booking: BookAppointmentBody,
  actor: Actor,
  /** A public booking's proof of work, checked by the Worker: the office refuses it a second time. */
  proof: z.optional(z.object({ id: z.string().check(z.maxLength(64)), expiresAt: z.number() })),
  origin: z.optional(z.url()),
  idempotencyKey: IdempotencyKey,
});
export type BookRequest = z.input<typeof BookRequest>;

export const MoveRequest = z.object({
  token: AppointmentToken,
  start: z.int(),
  origin: z.optional(z.url()),
  idempotencyKey: IdempotencyKey,
});
export type MoveRequest = z.input<typeof MoveRequest>;

/** A booking's id ("apt_" and 16 characters): staff name one by it, never by its manage token. */
export const AppointmentId = z
  .string()
  .check(z.regex(/^apt_[A-Za-z0-9_-]{16}$/, "not an appointment id"));

/** Staff keep or cancel a booking in conflict. */
export const ResolveConflictRequest = z.object({
  id: AppointmentId,
  action: z.enum(["keep", "cancel"]),
  actor: Actor,
});
export type ResolveConflictRequest = z.input<typeof ResolveConflictRequest>;

/** An arrival: by code at a kiosk or counter, or by the holder's own link. */
export const CheckInRequest = z
  .object({
    code: z.optional(BookingCode),
    token: z.optional(AppointmentToken),
    actor: Actor,
    origin: z.optional(z.url()),
    idempotencyKey: IdempotencyKey,
  })
  .check(
    z.refine((r) => (r.code === undefined) !== (r.token === undefined), {
      message: "give exactly one of code or token",
    }),
  );
export type CheckInRequest = z.input<typeof CheckInRequest>;

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
  session: z.optional(
    z.object({
      id: z.string().check(z.maxLength(64)),
      expiresAt: z.number(),
      /** When it ends if unused (the office then asks the Directory: session-watch.ts). */
      idleExpiresAt: z.optional(z.number()),
    }),
  ),
});
export type LiveGrant = z.infer<typeof LiveGrant>;

/**
 * An administrator's change to the office's webhooks; the Worker has checked
 * the URL against its deployment (worker/http/webhook-url.ts).
 */
export const WebhookRequest = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create"), endpoint: WebhookEndpointBody, actor: Actor }),
  z.object({
    op: z.literal("update"),
    id: WebhookEndpointId,
    change: WebhookEndpointPatch,
    actor: Actor,
  }),
  z.object({ op: z.literal("delete"), id: WebhookEndpointId, actor: Actor }),
  z.object({ op: z.literal("rotate"), id: WebhookEndpointId, actor: Actor }),
  z.object({ op: z.literal("test"), id: WebhookEndpointId, actor: Actor }),
]);
export type WebhookRequest = z.input<typeof WebhookRequest>;
