import { assertNever } from "../../../shared/assert-never";
import type { OfficeEvent } from "../../../shared/protocol/events";
import type {
  AppointmentWebhookType,
  WebhookContact,
  WebhookData,
  WebhookEventType,
} from "../../../shared/protocol/webhooks";
import type { AppointmentRow } from "../store/appointments-table";

/** One event as webhooks tell it, before it has an id or a seq. */
export interface WebhookEventDraft {
  type: WebhookEventType;
  occurredAt: number;
  data: Record<string, unknown>;
  /** An appointment's contact, for the endpoints that opt in only. */
  contact: WebhookContact | null;
}

/** What a ticket event names besides its id: the ticket's code and service now. */
export type TicketLookup = (ticketId: string) => { code: string; serviceId: string } | null;

const draft = <T extends WebhookEventType>(
  type: T,
  occurredAt: number,
  data: WebhookData<T>,
): WebhookEventDraft => ({ type, occurredAt, data, contact: null });

/**
 * The webhook event for a queue event, or null for the ones integrators are
 * not told (the configuration, the notice). The fields are listed one by
 * one, never spread: a field added to an event stays out of webhooks until
 * someone adds it here on purpose (no priority, language or channel).
 */
export function ticketWebhookEvent(
  event: OfficeEvent,
  lookup: TicketLookup,
): WebhookEventDraft | null {
  const ref = (ticketId: string) => {
    const ticket = lookup(ticketId);
    return ticket ? { ticketId, code: ticket.code, serviceId: ticket.serviceId } : null;
  };
  switch (event.type) {
    case "ticketIssued": {
      const { ticket } = event;
      return draft("ticket.issued", event.at, {
        ticketId: ticket.id,
        code: ticket.code,
        serviceId: ticket.serviceId,
        appointmentId: ticket.appointment?.id ?? null,
      });
    }
    case "ticketCalled": {
      const ticket = ref(event.ticketId);
      return ticket
        ? draft("ticket.called", event.at, {
            ...ticket,
            counterId: event.counterId,
            chosen: event.chosen,
          })
        : null;
    }
    case "ticketRecalled": {
      const ticket = ref(event.ticketId);
      return ticket
        ? draft("ticket.recalled", event.at, { ...ticket, counterId: event.counterId })
        : null;
    }
    case "serviceStarted": {
      const ticket = ref(event.ticketId);
      return ticket
        ? draft("ticket.started", event.at, { ...ticket, counterId: event.counterId })
        : null;
    }
    case "ticketCompleted": {
      const ticket = ref(event.ticketId);
      return ticket
        ? draft("ticket.served", event.at, {
            ...ticket,
            counterId: event.counterId,
            serviceSeconds: event.serviceSeconds,
          })
        : null;
    }
    case "ticketNoShow": {
      const ticket = ref(event.ticketId);
      return ticket
        ? draft("ticket.no_show", event.at, { ...ticket, counterId: event.counterId })
        : null;
    }
    case "ticketTransferred": {
      const ticket = ref(event.ticketId);
      return ticket
        ? draft("ticket.transferred", event.at, {
            ...ticket,
            fromCounterId: event.fromCounterId,
            toServiceId: event.toServiceId,
            toCounterId: event.toCounterId,
          })
        : null;
    }
    case "ticketCancelled": {
      const ticket = ref(event.ticketId);
      return ticket ? draft("ticket.cancelled", event.at, ticket) : null;
    }
    case "counterModeChanged":
      return draft("counter.mode_changed", event.at, {
        counterId: event.counterId,
        mode: event.mode,
      });
    case "serviceTodayChanged":
      return event.open
        ? draft("service.reopened_for_today", event.at, { serviceId: event.serviceId })
        : draft("service.closed_for_today", event.at, { serviceId: event.serviceId });
    case "dayRolledOver":
      return draft("day.rolled_over", event.at, {
        fromDay: event.fromDay,
        toDay: event.toDay,
        expiredTickets: event.expiredTicketIds.length,
      });
    case "officeConfigured":
    case "noticeChanged":
      return null;
    default:
      return assertNever(event);
  }
}

/** What an appointment event adds to the booking's reference. */
export type AppointmentDetail =
  | { type: "appointment.booked" | "appointment.missed" }
  | { type: "appointment.moved"; previousStart: number }
  | { type: "appointment.cancelled" }
  | { type: "appointment.checked_in"; lateArrival: boolean }
  | { type: "appointment.conflict" };

/** The webhook event for a change of a booking, read from its row after the change. */
export function appointmentWebhookEvent(
  row: AppointmentRow,
  detail: AppointmentDetail,
  at: number,
): WebhookEventDraft {
  const ref = {
    appointmentId: row.id,
    serviceId: row.service_id,
    start: row.start,
    status: row.status,
  };
  const type: AppointmentWebhookType = detail.type;
  let data: Record<string, unknown>;
  switch (detail.type) {
    case "appointment.booked":
    case "appointment.missed":
      data = ref;
      break;
    case "appointment.moved":
      data = { ...ref, previousStart: detail.previousStart };
      break;
    case "appointment.cancelled":
      data = {
        ...ref,
        cancelledBy: row.cancelled_by === "office" ? "office" : "holder",
        reason: row.cancel_reason,
      };
      break;
    case "appointment.checked_in":
      data = { ...ref, ticketId: row.ticket_id, lateArrival: detail.lateArrival };
      break;
    case "appointment.conflict":
      data = { ...ref, reason: row.conflict };
      break;
    default:
      return assertNever(detail);
  }
  return { type, occurredAt: at, data, contact: contactOf(row) };
}

/** The contact, while the office still holds it (null once erased). */
function contactOf(row: AppointmentRow): WebhookContact | null {
  if (row.personal_erased_at !== null) return null;
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.lang,
    code: row.code,
  };
}
