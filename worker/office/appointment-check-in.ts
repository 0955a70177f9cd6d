import { checkInTiming } from "../../shared/booking/check-in";
import { localDay } from "../../shared/engine";
import type { CheckedIn } from "../../shared/protocol/appointments";
import type { Actor } from "../../shared/protocol/auth";
import { takesWalkIns } from "../../shared/protocol/booking";
import type { Command } from "../../shared/protocol/commands";
import type { OfficeConfig } from "../../shared/protocol/config";
import type { IssuedTicket } from "../../shared/protocol/responses";
import type { TicketChannel } from "../../shared/protocol/ticket";
import { errorBody } from "../http/errors";
import { notBooked, refusal, unknownAppointment } from "./appointment-answers";
import { appointmentView, checkInSettings, rebookUrl } from "./appointment-views";
import { type CommandPipeline, unknownOffice } from "./command-pipeline";
import type { CommandAnswer } from "./responses";
import type { AppointmentRow, AppointmentsTable } from "./store/appointments-table";
import type { IdempotencyRecords } from "./store/idempotency";
import type { WebhookPublisher } from "./webhooks/publisher";

export interface CheckInParts {
  officeId: string;
  clock: () => number;
  pipeline: CommandPipeline;
  appointments: AppointmentsTable;
  idempotency: IdempotencyRecords;
  /** A booking changed: the alarm may be due at another time. */
  reschedule: () => void;
  /** The arrival is told to the office's webhooks in the transaction that records it. */
  webhooks: WebhookPublisher;
}

/** Which booking arrives: by its code (kiosk, counter) or by its manage link's token hash (the holder). */
export type Arrival = { code: string } | { tokenHash: string };

export interface CheckInCaller {
  actor: Actor;
  origin?: string | undefined;
  idempotencyKey?: string | undefined;
}

/** The ticket's channel follows who checks in: a kiosk, staff, or the holder's own phone. */
function channelOf(actor: Actor): TicketChannel {
  switch (actor.kind) {
    case "staff":
    case "operator":
      return "staff";
    case "device":
      return "kiosk";
    case "anonymous":
    case "system":
      return "remote";
    default: {
      const unknown: never = actor.kind;
      return unknown;
    }
  }
}

/**
 * Check-in turns an appointment into a ticket: the appointment is checked
 * against its window and the service's rule for late arrivals, then the
 * engine command runs through the pipeline (so every screen hears of the
 * ticket), and the appointment is marked in the same transaction.
 */
export class AppointmentCheckIn {
  constructor(private readonly parts: CheckInParts) {}

  checkIn(arrival: Arrival, caller: CheckInCaller): CommandAnswer {
    const { idempotency } = this.parts;
    const now = this.parts.clock();
    const fingerprint = JSON.stringify({ op: "checkIn", arrival });
    const key = caller.idempotencyKey;
    const prior = key ? idempotency.find(key) : null;
    if (prior) {
      if (prior.fingerprint === fingerprint)
        return { status: prior.status, body: JSON.parse(prior.body) };
      return {
        status: 422,
        body: errorBody(
          "idempotency_key_reused",
          "This Idempotency-Key was already used for a different request.",
        ),
      };
    }
    const answer = this.decide(arrival, caller, now, (final) => {
      if (key) idempotency.save(key, { fingerprint, ...recordOf(final) }, now);
    });
    if (key && answer.status >= 300)
      idempotency.save(key, { fingerprint, ...recordOf(answer) }, now);
    if (answer.status < 300) this.parts.reschedule();
    return answer;
  }

  private decide(
    arrival: Arrival,
    caller: CheckInCaller,
    now: number,
    record: (answer: CommandAnswer) => void,
  ): CommandAnswer {
    const config = this.parts.pipeline.state?.config;
    if (!config) return unknownOffice(this.parts.officeId);
    const row =
      "code" in arrival
        ? this.parts.appointments.byCode(arrival.code)
        : this.parts.appointments.byTokenHash(arrival.tokenHash);
    if (!row) return unknownAppointment();
    if (row.ticket_id !== null || row.status === "checked-in") return notBooked("checked-in");
    if (row.status === "cancelled") return notBooked("cancelled");
    const service = config.services.find((s) => s.id === row.service_id);
    const timing = checkInTiming(row.start, checkInSettings(config, row.service_id), now);
    if (timing.timing === "early")
      return refusal(409, "check_in_too_early", "Check-in for this appointment is not open yet.", {
        opensAt: timing.opensAt,
      });
    const rebook = { rebookUrl: rebookUrl(caller.origin, this.parts.officeId, row.service_id) };
    const late = timing.timing === "late" || row.status === "missed";
    if (!late) return this.issue(row, config, caller, "checked-in", false, record);
    if (localDay(row.start, config.timeZone) < localDay(now, config.timeZone))
      return refusal(409, "appointment_missed", "This appointment's day is over.", rebook);
    const rule = service?.booking?.lateArrivals ?? "walk-in";
    switch (rule) {
      case "refuse":
        return refusal(
          409,
          "check_in_too_late",
          "Check-in for this appointment has closed; book another time.",
          rebook,
        );
      case "walk-in":
        if (!service || !takesWalkIns(service.mode))
          return refusal(
            409,
            "appointment_missed",
            "This appointment was missed, and this service takes no walk-ins.",
            rebook,
          );
        return this.issue(row, config, caller, "missed", true, record);
      case "clerk":
        return this.issue(row, config, caller, "checked-in", true, record);
      default: {
        const unknown: never = rule;
        return unknown;
      }
    }
  }

  /**
   * The ticket, through the pipeline: the appointment's own (checked in), or
   * for a late arrival sent to the walk-in queue a walk-in one (missed).
   */
  private issue(
    row: AppointmentRow,
    config: OfficeConfig,
    caller: CheckInCaller,
    status: "checked-in" | "missed",
    lateArrival: boolean,
    record: (answer: CommandAnswer) => void,
  ): CommandAnswer {
    const channel = channelOf(caller.actor);
    const command: Command =
      status === "checked-in"
        ? {
            type: "checkInAppointment",
            serviceId: row.service_id,
            appointmentId: row.id,
            slotStart: row.start,
            lang: row.lang,
            channel,
          }
        : {
            type: "issueTicket",
            serviceId: row.service_id,
            priority: false,
            lang: row.lang,
            channel,
          };
    const { appointments, pipeline } = this.parts;
    return pipeline.run(command, {
      actor: caller.actor,
      origin: caller.origin,
      alongside: (answer) => {
        const issued = answer.body as IssuedTicket;
        appointments.recordArrival(
          row.id,
          { status, ticketId: issued.ticket.id },
          issued.ticket.issuedAt,
        );
        const after = appointments.byId(row.id);
        if (!after) throw new Error("a checked-in appointment vanished");
        this.parts.webhooks.appointment(
          after,
          { type: "appointment.checked_in", lateArrival },
          issued.ticket.issuedAt,
        );
        const body: CheckedIn = {
          ...issued,
          appointment: appointmentView(after, config),
          lateArrival,
        };
        const final = { ...answer, body };
        record(final);
        return final;
      },
    });
  }
}

function recordOf(answer: CommandAnswer) {
  return { status: answer.status, body: JSON.stringify(answer.body) };
}
