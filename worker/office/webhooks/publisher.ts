import type { OfficeEvent } from "../../../shared/protocol/events";
import { randomToken } from "../../auth/encoding";
import type { AppointmentRow } from "../store/appointments-table";
import type { Endpoint, WebhookEndpoints } from "../store/webhook-endpoints";
import type { WebhookOutbox } from "../store/webhook-outbox";
import {
  type AppointmentDetail,
  appointmentWebhookEvent,
  type TicketLookup,
  ticketWebhookEvent,
  type WebhookEventDraft,
} from "./payloads";

export interface PublisherParts {
  endpoints: WebhookEndpoints;
  outbox: WebhookOutbox;
  lookupTicket: TicketLookup;
  /** Something was queued: the alarm should come (after the transaction that wrote it). */
  queued: () => void;
}

/**
 * The writing side of the webhook outbox: called inside the transaction of
 * each change (the command pipeline, bookings, check-in, the alarm's
 * missed appointments), so an event and its deliveries are stored together
 * or not at all. Nothing is sent here: the alarm sends (delivery.ts), so a
 * slow endpoint never holds a command.
 */
export class WebhookPublisher {
  /** The enabled endpoints, read once: an office without webhooks pays one array check per change. */
  private subscribers: Endpoint[] | null = null;

  constructor(private readonly parts: PublisherParts) {}

  /** The endpoints changed (added, edited, switched off): read them again at the next event. */
  endpointsChanged(): void {
    this.subscribers = null;
  }

  officeEvents(events: readonly OfficeEvent[], now: number): void {
    if (this.enabled().length === 0) return;
    for (const event of events) {
      const draft = ticketWebhookEvent(event, this.parts.lookupTicket);
      if (draft) this.write(draft, now);
    }
  }

  appointment(row: AppointmentRow, detail: AppointmentDetail, now: number): void {
    if (this.enabled().length === 0) return;
    this.write(appointmentWebhookEvent(row, detail, now), now);
  }

  /** "Send a test event": to this endpoint only, in its order; answers the event's seq. */
  test(endpoint: Endpoint, now: number): number {
    return this.store(
      { type: "webhook.test", occurredAt: now, data: { endpointId: endpoint.id }, contact: null },
      [endpoint],
      now,
    );
  }

  private enabled(): Endpoint[] {
    this.subscribers ??= this.parts.endpoints.enabled();
    return this.subscribers;
  }

  private write(draft: WebhookEventDraft, now: number): void {
    const to = this.enabled().filter((endpoint) => endpoint.events.includes(draft.type));
    if (to.length > 0) this.store(draft, to, now);
  }

  private store(draft: WebhookEventDraft, to: readonly Endpoint[], now: number): number {
    // The contact is stored only when an endpoint that opted in is to receive it.
    const contact = to.some((endpoint) => endpoint.includeContact) ? draft.contact : null;
    const seq = this.parts.outbox.add(
      {
        id: randomToken("msg_", 16),
        type: draft.type,
        occurredAt: draft.occurredAt,
        data: draft.data,
      },
      contact,
      to.map((endpoint) => endpoint.id),
      now,
    );
    for (const endpoint of to) this.parts.endpoints.wake(endpoint.id, now);
    this.parts.queued();
    return seq;
  }
}
