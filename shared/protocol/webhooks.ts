import * as z from "zod/mini";
import { AppointmentStatus } from "./appointments";
import { ConflictReason } from "./booking";
import { CounterMode, IsoDate, LanguageCode, Slug } from "./config";
import { TicketId } from "./ticket";

/*
 * Signed webhooks (issue 15): what an office sends to the HTTPS endpoints
 * its administrators configure, by the Standard Webhooks scheme. Every body
 * is `{ id, type, occurredAt, officeId, seq, data }`; `data` carries codes,
 * services, counters and times, never who a ticket or booking is for: no
 * name, no priority flag, no language, no channel. An appointment's contact
 * goes only to endpoints that opt in (`includeContact`), under `data.contact`.
 */

const at = z.number();
const CounterRef = z.object({ counterId: Slug });
const TicketRef = z.object({ ticketId: TicketId, code: z.string(), serviceId: Slug });

/** A booking as integrators see it: which, for what and when, never for whom. */
const AppointmentRef = z.object({
  appointmentId: z.string(),
  serviceId: Slug,
  /** The slot's start, epoch ms. */
  start: z.number(),
  status: AppointmentStatus,
});

/**
 * Who booked, for reminders by SMS or e-mail: only to endpoints that opt in,
 * and only while the office still holds it (erased the day after the
 * appointment; README "Personal data").
 */
export const WebhookContact = z.object({
  name: z.nullable(z.string()),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  language: z.nullable(LanguageCode),
  /** The booking code, which checks the appointment in at a kiosk. */
  code: z.string(),
});
export type WebhookContact = z.infer<typeof WebhookContact>;

const withContact = <S extends z.ZodMiniObject>(schema: S) =>
  z.extend(schema, { contact: z.optional(WebhookContact) });

/** Each event type with the schema of its `data`; GET /api/webhooks/events lists them. */
export const WEBHOOK_EVENT_DATA = {
  "ticket.issued": z.extend(TicketRef, { appointmentId: z.nullable(z.string()) }),
  "ticket.called": z.extend(TicketRef, { counterId: Slug, chosen: z.boolean() }),
  "ticket.recalled": z.extend(TicketRef, { counterId: Slug }),
  "ticket.started": z.extend(TicketRef, { counterId: Slug }),
  "ticket.served": z.extend(TicketRef, { counterId: Slug, serviceSeconds: z.number() }),
  "ticket.no_show": z.extend(TicketRef, { counterId: Slug }),
  "ticket.transferred": z.extend(TicketRef, {
    fromCounterId: Slug,
    toServiceId: Slug,
    toCounterId: z.nullable(Slug),
  }),
  "ticket.cancelled": TicketRef,
  "counter.mode_changed": z.extend(CounterRef, { mode: CounterMode }),
  "service.closed_for_today": z.object({ serviceId: Slug }),
  "service.reopened_for_today": z.object({ serviceId: Slug }),
  "day.rolled_over": z.object({
    fromDay: IsoDate,
    toDay: IsoDate,
    /** Tickets still waiting or called at the end of the day, now expired. */
    expiredTickets: z.int(),
  }),
  "appointment.booked": withContact(AppointmentRef),
  "appointment.moved": withContact(z.extend(AppointmentRef, { previousStart: z.number() })),
  "appointment.cancelled": withContact(
    z.extend(AppointmentRef, {
      cancelledBy: z.enum(["holder", "office"]),
      reason: z.nullable(ConflictReason),
    }),
  ),
  "appointment.checked_in": withContact(
    z.extend(AppointmentRef, { ticketId: TicketId, lateArrival: z.boolean() }),
  ),
  "appointment.missed": withContact(AppointmentRef),
  "appointment.conflict": withContact(z.extend(AppointmentRef, { reason: ConflictReason })),
  /** Sent by "send a test event" to one endpoint. */
  "webhook.test": z.object({ endpointId: z.string() }),
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_DATA;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_DATA) as WebhookEventType[];
/** What an endpoint may subscribe to: every type but the test, which goes to whoever asks. */
export const SUBSCRIBABLE_TYPES = WEBHOOK_EVENT_TYPES.filter((type) => type !== "webhook.test");
export const WebhookEventTypeName = z.enum(SUBSCRIBABLE_TYPES as [string, ...string[]]);

export type WebhookData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENT_DATA)[T]>;
export type AppointmentWebhookType = Extract<WebhookEventType, `appointment.${string}`>;

/** The body of every delivery, exactly as signed. */
export const WebhookBody = z.object({
  /** The same on every retry: the `webhook-id` header, for the receiver's idempotency. */
  id: z.string(),
  type: z.string(),
  occurredAt: at,
  officeId: Slug,
  /** The office's webhook sequence number: one per event, increasing; an endpoint receives its events in this order. */
  seq: z.int(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

export const MAX_WEBHOOK_ENDPOINTS = 10;

export const WebhookUrl = z.string().check(z.minLength(1), z.maxLength(2000));

/** An endpoint as an administrator sets it; PATCH takes any part of it. */
export const WebhookEndpointBody = z.strictObject({
  url: WebhookUrl,
  events: z.array(WebhookEventTypeName).check(z.minLength(1), z.maxLength(40)),
  includeContact: z._default(z.boolean(), false),
  description: z._default(z.string().check(z.trim(), z.maxLength(200)), ""),
});
export type WebhookEndpointBody = z.input<typeof WebhookEndpointBody>;

export const WebhookEndpointPatch = z.strictObject({
  url: z.optional(WebhookUrl),
  events: z.optional(z.array(WebhookEventTypeName).check(z.minLength(1), z.maxLength(40))),
  includeContact: z.optional(z.boolean()),
  description: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  enabled: z.optional(z.boolean()),
});
export type WebhookEndpointPatch = z.input<typeof WebhookEndpointPatch>;

export const WebhookEndpointId = z
  .string()
  .check(z.regex(/^ep_[A-Za-z0-9_-]{16}$/, "not a webhook endpoint id"));

/** An endpoint as the dashboard shows it: never its secret, which is shown once. */
export const WebhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  includeContact: z.boolean(),
  description: z.string(),
  enabled: z.boolean(),
  /** "failing": switched off after 3 days of failed deliveries; "admin": by an administrator. */
  disabledReason: z.nullable(z.enum(["admin", "failing"])),
  /** Since when every attempt has failed (null when the last one succeeded). */
  failingSince: z.nullable(z.number()),
  /** While a rotation lasts, the previous secret signs too, until this time. */
  previousSecretUntil: z.nullable(z.number()),
  pending: z.int(),
  nextAttemptAt: z.nullable(z.number()),
  createdAt: z.number(),
});
export type WebhookEndpointView = z.infer<typeof WebhookEndpointView>;

export const WebhookEndpointList = z.object({ endpoints: z.array(WebhookEndpointView) });
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

/** Created or rotated: the secret, this once. */
export const WebhookEndpointWithSecret = z.object({
  endpoint: WebhookEndpointView,
  secret: z.string(),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookDelivery = z.object({
  id: z.string(),
  seq: z.int(),
  type: z.string(),
  occurredAt: z.number(),
  attempts: z.int(),
  lastAttemptAt: z.nullable(z.number()),
  /** The endpoint's HTTP status at the last attempt (null: no answer). */
  lastStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  deliveredAt: z.nullable(z.number()),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryLog = z.object({ deliveries: z.array(WebhookDelivery) });
export type WebhookDeliveryLog = z.infer<typeof WebhookDeliveryLog>;

export const WebhookTestQueued = z.object({ delivery: WebhookDelivery });

/** GET /api/webhooks/events: each type and its data's JSON schema. */
export const WebhookEventCatalogue = z.object({
  events: z.array(
    z.object({
      type: z.string(),
      contactIfOptedIn: z.boolean(),
      dataSchema: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type WebhookEventCatalogue = z.infer<typeof WebhookEventCatalogue>;
