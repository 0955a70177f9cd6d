import type { Command } from "../protocol/commands";
import type { ServiceConfig } from "../protocol/config";
import type { OfficeEvent } from "../protocol/events";
import type { OfficeState } from "../protocol/state";
import type { Ticket, TicketAppointment, TicketChannel } from "../protocol/ticket";
import { isOpen } from "./clock";
import { formatTicketCode, ticketIdFor } from "./codes";
import {
  accept,
  type Decision,
  displayName,
  findService,
  refuse,
  unknownService,
} from "./decision";
import { type EngineError, engineError } from "./errors";
import { ticketList } from "./ticket-list";

/** The channels that may issue a priority ticket: the office's own kiosks and staff. */
const PRIORITY_CHANNELS: ReadonlySet<TicketChannel> = new Set(["kiosk", "staff"]);

/*
 * Issuing tickets: a walk-in's at the kiosk or the desk, and an appointment's
 * at check-in, in the same series and under the same opening rules.
 */

export function decideIssue(
  state: OfficeState,
  command: Extract<Command, { type: "issueTicket" }>,
  now: number,
): Decision {
  const service = findService(state, command.serviceId);
  if (!service) return refuse(unknownService(command.serviceId));
  if (service.mode === "appointment") {
    return refuse(
      engineError(
        "service_appointment_only",
        `${displayName(state, service)} is by appointment only.`,
      ),
    );
  }
  const closed = serviceNotIssuing(state, service);
  if (closed) return refuse(closed);
  if (command.channel === "remote" && !state.config.allowRemoteTickets) {
    return refuse(
      engineError("remote_tickets_disabled", "This office does not issue tickets remotely."),
    );
  }
  // Priority puts a ticket ahead of everyone: someone at the office (a kiosk's button, a clerk)
  // vouches for it; an anonymous phone cannot (issue 13, point 4).
  if (command.priority && !PRIORITY_CHANNELS.has(command.channel)) {
    return refuse(
      engineError(
        "priority_not_allowed",
        "Priority tickets are issued only at the office's kiosks and desks.",
      ),
    );
  }
  const outOfHours = officeNotOpen(state, command.channel, now);
  if (outOfHours) return refuse(outOfHours);
  return accept(issued(state, service, command, null, now));
}

/**
 * An appointment's ticket: same series, same numbering and same opening rules
 * as a walk-in's. One appointment holds at most one active ticket, so a
 * second check-in (a double scan at the kiosk, the clerk and the citizen both
 * pressing) is refused rather than putting the person in the queue twice.
 */
export function decideCheckIn(
  state: OfficeState,
  command: Extract<Command, { type: "checkInAppointment" }>,
  now: number,
): Decision {
  const service = findService(state, command.serviceId);
  if (!service) return refuse(unknownService(command.serviceId));
  if (service.mode === "walk-in") {
    return refuse(
      engineError(
        "service_walk_in_only",
        `${displayName(state, service)} takes no appointments: take a ticket instead.`,
      ),
    );
  }
  const holder = ticketList(state).find((t) => t.appointment?.id === command.appointmentId);
  if (holder) {
    return refuse(
      engineError(
        "appointment_checked_in",
        `This appointment is already checked in as ticket ${holder.code}.`,
      ),
    );
  }
  const closed = serviceNotIssuing(state, service);
  if (closed) return refuse(closed);
  const outOfHours = officeNotOpen(state, command.channel, now);
  if (outOfHours) return refuse(outOfHours);
  const appointment = { id: command.appointmentId, slotStart: command.slotStart };
  return accept(issued(state, service, { ...command, priority: false }, appointment, now));
}

/** Why a service issues no ticket now, whoever asks: finished for today, or not issuing. */
function serviceNotIssuing(state: OfficeState, service: ServiceConfig): EngineError | null {
  if (state.closedForToday.includes(service.id)) {
    return engineError(
      "service_finished_today",
      `Tickets for ${displayName(state, service)} are finished for today.`,
    );
  }
  if (!service.open) {
    return engineError(
      "service_closed",
      `${displayName(state, service)} is not issuing tickets now.`,
    );
  }
  return null;
}

/** Staff may issue on someone's behalf after hours (a person still at the desk at closing time). */
function officeNotOpen(
  state: OfficeState,
  channel: TicketChannel,
  now: number,
): EngineError | null {
  if (channel !== "staff" && !isOpen(state.config, now)) {
    return engineError("office_closed", "The office is closed now.");
  }
  return null;
}

/** The next ticket in the service's series, waiting from now. */
function issued(
  state: OfficeState,
  service: ServiceConfig,
  holder: { priority: boolean; lang: string | null; channel: TicketChannel },
  appointment: TicketAppointment | null,
  now: number,
): OfficeEvent {
  const number = (state.lastNumbers[service.prefix] ?? 0) + 1;
  const code = formatTicketCode(service.prefix, number);
  const ticket: Ticket = {
    id: ticketIdFor(state.day, code),
    code,
    serviceId: service.id,
    priority: holder.priority,
    status: "waiting",
    lang: holder.lang,
    channel: holder.channel,
    issuedAt: now,
    queuedAt: now,
    targetCounterId: null,
    counterId: null,
    calledAt: null,
    startedAt: null,
    recalls: 0,
    transfers: 0,
    appointment,
  };
  return { type: "ticketIssued", at: now, ticket };
}
