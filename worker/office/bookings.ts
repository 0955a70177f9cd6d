import { appointmentConflicts } from "../../shared/booking/conflicts";
import { slotAt, slotsFor } from "../../shared/booking/slots";
import { startOfNextDay } from "../../shared/engine";
import {
  type AppointmentConflicts,
  type AppointmentSlots,
  type AppointmentView,
  BOOKING_CODE_ALPHABET,
  BOOKING_CODE_LENGTH,
  type BookAppointmentBody,
  type BookedAppointment,
  type CancelledAppointment,
  type DayAppointments,
  type ResolvedConflict,
} from "../../shared/protocol/appointments";
import type { Actor } from "../../shared/protocol/auth";
import type { OfficeConfig } from "../../shared/protocol/config";
import { addDays } from "../../shared/protocol/wall-time";
import { addressKey } from "../auth/address-key";
import { randomToken } from "../auth/encoding";
import { errorBody } from "../http/errors";
import type { AuditLog } from "../storage/audit-log";
import { notBooked, refusal, unknownAppointment, unknownService } from "./appointment-answers";
import {
  type AppointmentLinks,
  appointmentLinks,
  appointmentView,
  conflictEntry,
  dayListEntry,
  heldAppointment,
  rebookUrl,
} from "./appointment-views";
import { calendarFile } from "./calendar-file";
import { unknownOffice } from "./command-pipeline";
import type { CommandAnswer } from "./responses";
import type { AppointmentsTable } from "./store/appointments-table";
import type { IdempotencyRecords } from "./store/idempotency";
import { MAX_LIVE_PROOFS, type UsedProofs } from "./store/used-proofs";
import type { WebhookPublisher } from "./webhooks/publisher";

const HOUR = 60 * 60 * 1000;

/** Against emptying the agenda: public bookings an hour, per address and per office. */
export const BOOKING_LIMITS = { perAddressPerHour: 5, perOfficePerHour: 60 };

export interface BookingParts {
  officeId: string;
  storage: DurableObjectStorage;
  clock: () => number;
  /** The office's configuration now (null before it is set up). */
  config: () => OfficeConfig | null;
  appointments: AppointmentsTable;
  idempotency: IdempotencyRecords;
  usedProofs: UsedProofs;
  auditLog: AuditLog;
  /** A booking changed: the alarm (missed appointments, erasure) may be due at another time. */
  reschedule: () => void;
  /** Each change is told to the office's webhooks in its own transaction (the outbox). */
  webhooks: WebhookPublisher;
}

/** A manage token and its hash, made before the transaction (hashing is asynchronous). */
export interface FreshToken {
  token: string;
  hash: string;
}

export interface Caller {
  actor: Actor;
  origin?: string | undefined;
  idempotencyKey?: string | undefined;
}

/** A public booking's proof of work, already checked by the Worker (worker/auth/booking-proof.ts). */
export interface UsableProof {
  id: string;
  expiresAt: number;
}

/** Staff booking on someone's behalf: their extra seats, no notice, no per-address limits. */
export const bookedByStaff = (actor: Actor) => actor.kind === "staff" || actor.kind === "operator";

/**
 * The office's bookings: slots with the seats left, booking, moving and
 * cancelling. Every write checks and takes its seat inside one
 * `transactionSync` with no await, like the command pipeline: two people
 * booking the last seat together get one booking and one `slot_full`.
 */
export class Bookings {
  constructor(private readonly parts: BookingParts) {}

  slots(serviceId: string, range: { from: string; to: string }, staff: boolean): CommandAnswer {
    const config = this.parts.config();
    if (!config) return unknownOffice(this.parts.officeId);
    if (!config.services.some((s) => s.id === serviceId)) return unknownService(serviceId);
    const slots = slotsFor(config, serviceId, range, this.parts.clock(), { staff });
    const first = slots[0];
    const last = slots.at(-1);
    const taken =
      first && last
        ? this.parts.appointments.takenByStart(serviceId, first.start, last.start)
        : new Map<number, number>();
    const body: AppointmentSlots = {
      slots: slots.map((slot) => ({
        start: slot.start,
        startLocal: slot.startLocal,
        seatsLeft: Math.max(0, slot.seats - (taken.get(slot.start) ?? 0)),
      })),
    };
    return { status: 200, body };
  }

  book(
    booking: BookAppointmentBody,
    caller: Caller,
    fresh: FreshToken,
    proof?: UsableProof,
  ): CommandAnswer {
    const { storage, appointments, officeId } = this.parts;
    const now = this.parts.clock();
    const staff = bookedByStaff(caller.actor);
    const fingerprint = JSON.stringify({ op: "book", staff, booking });
    const answer = storage.transactionSync((): CommandAnswer => {
      const prior = this.replay(caller.idempotencyKey, fingerprint);
      if (prior) {
        if (prior.status !== 201) return prior;
        // The token is kept only as a hash, so the first cannot be given again: the retry
        // gets the same booking under a new link, and the first link stops working.
        const { appointment } = prior.body as { appointment: AppointmentView };
        appointments.replaceTokenHash(appointment.id, fresh.hash);
        return booked(
          appointment,
          fresh.token,
          appointmentLinks(caller.origin, officeId, fresh.token),
        );
      }
      // After the replay: a retry after no answer carries the proof its first try used.
      // Not remembered under the key: the same booking may come again with a new proof.
      if (proof) {
        const refused = this.refuseProof(proof, now);
        if (refused) return refused;
        this.parts.usedProofs.use(proof.id, proof.expiresAt);
      }
      const decided = this.decideBooking(booking, caller, fresh, now);
      this.remember(
        caller.idempotencyKey,
        fingerprint,
        decided.answer.status,
        decided.recorded,
        now,
      );
      return decided.answer;
    });
    if (answer.status === 201) this.parts.reschedule();
    return answer;
  }

  /** A proof used before, or no room to remember another: the refusal; null to go on. */
  private refuseProof(proof: UsableProof, now: number): CommandAnswer | null {
    const { usedProofs } = this.parts;
    if (usedProofs.isUsed(proof.id))
      return refusal(
        400,
        "proof_invalid",
        "This proof of work was already used for a booking; get a new challenge.",
      );
    if (usedProofs.live(now) < MAX_LIVE_PROOFS) return null;
    const wait = Math.max(1000, (usedProofs.firstExpiry() ?? now) - now);
    return {
      ...refusal(
        429,
        "too_many_requests",
        "Too many bookings are being tried here; try again later.",
      ),
      headers: { "retry-after": String(Math.ceil(wait / 1000)) },
    };
  }

  private decideBooking(
    booking: BookAppointmentBody,
    caller: Caller,
    fresh: FreshToken,
    now: number,
  ): { answer: CommandAnswer; recorded: unknown } {
    // A refusal is recorded as answered; a booking without its link (kept only as a hash).
    const refused = (answer: CommandAnswer) => ({ answer, recorded: answer.body });
    const config = this.parts.config();
    if (!config) return refused(unknownOffice(this.parts.officeId));
    const service = config.services.find((s) => s.id === booking.serviceId);
    if (!service) return refused(unknownService(booking.serviceId));
    const staff = bookedByStaff(caller.actor);
    const slot = slotAt(config, service.id, booking.start, now, { staff });
    if (!slot || !service.booking) return refused(slotUnavailable());
    const { appointments } = this.parts;
    const contact = contactOf(booking);
    if (appointments.bookedForContact(service.id, contact) >= service.booking.maxActivePerContact)
      return refused(
        refusal(
          409,
          "too_many_bookings",
          "This e-mail or phone already holds as many bookings for this service as it may.",
        ),
      );
    if (!staff) {
      const since = now - HOUR;
      // An IPv6 address counts by its /64, as every per-address limit does (address-key.ts).
      const address = addressKey(caller.actor.address ?? "unknown");
      if (
        appointments.publicBookingsSince(since, address) >= BOOKING_LIMITS.perAddressPerHour ||
        appointments.publicBookingsSince(since, null) >= BOOKING_LIMITS.perOfficePerHour
      )
        return refused(
          refusal(409, "too_many_bookings", "Too many bookings from here; try again later."),
        );
    }
    const seat = freeSeat(appointments.takenSeats(service.id, slot.start), slot.seats);
    if (seat === null) return refused(slotFull());
    const id = randomToken("apt_", 12);
    appointments.insert(
      {
        id,
        code: this.newCode(),
        service_id: service.id,
        start: slot.start,
        seat,
        seats: slot.seats,
        token_hash: fresh.hash,
        name: booking.name,
        email: contact.email,
        phone: contact.phone,
        reason: booking.reason || null,
        lang: booking.lang ?? null,
        channel: staff ? "staff" : "public",
        address: staff ? null : addressKey(caller.actor.address ?? "unknown"),
      },
      now,
    );
    const row = appointments.byId(id)!;
    this.parts.webhooks.appointment(row, { type: "appointment.booked" }, now);
    const view = appointmentView(row, config);
    if (staff)
      this.parts.auditLog.append(now, caller.actor, "bookAppointment", {
        appointmentId: id,
        serviceId: service.id,
        start: slot.start,
      });
    const links = appointmentLinks(caller.origin, this.parts.officeId, fresh.token);
    return { answer: booked(view, fresh.token, links), recorded: { appointment: view } };
  }

  /** The holder's view of their booking. */
  held(tokenHash: string, token: string, origin: string | undefined): CommandAnswer {
    const config = this.parts.config();
    if (!config) return unknownOffice(this.parts.officeId);
    const row = this.parts.appointments.byTokenHash(tokenHash);
    if (!row) return unknownAppointment();
    const links = appointmentLinks(origin, this.parts.officeId, token);
    const rebook = rebookUrl(origin, this.parts.officeId, row.service_id);
    return { status: 200, body: heldAppointment(row, config, links, undefined, rebook) };
  }

  /** The booking as a calendar file: the same UID, a higher SEQUENCE after each change. */
  calendar(tokenHash: string, token: string, origin: string | undefined): Response {
    const config = this.parts.config();
    const row = config ? this.parts.appointments.byTokenHash(tokenHash) : null;
    if (!config || !row) {
      const answer = config ? unknownAppointment() : unknownOffice(this.parts.officeId);
      return Response.json(answer.body, { status: answer.status });
    }
    const links = appointmentLinks(origin, this.parts.officeId, token);
    return new Response(calendarFile(row, config, links), {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="appointment-${row.code}.ics"`,
      },
    });
  }

  /** Moves a booking to another start: the new seat is taken and the old freed in one statement. */
  move(tokenHash: string, token: string, start: number, caller: Caller): CommandAnswer {
    const { storage, appointments, officeId } = this.parts;
    const now = this.parts.clock();
    const links = appointmentLinks(caller.origin, officeId, token);
    const fingerprint = JSON.stringify({ op: "move", tokenHash, start });
    const answer = storage.transactionSync((): CommandAnswer => {
      const prior = this.replay(caller.idempotencyKey, fingerprint);
      const config = this.parts.config();
      if (prior) {
        const row = appointments.byTokenHash(tokenHash);
        if (prior.status !== 200 || !row || !config) return prior;
        const { appointment } = prior.body as { appointment: AppointmentView };
        return { status: 200, body: heldAppointment(row, config, links, appointment) };
      }
      const decided = this.decideMove(tokenHash, start, now);
      if (decided.status !== 200 || !config) {
        this.remember(caller.idempotencyKey, fingerprint, decided.status, decided.body, now);
        return decided;
      }
      const row = appointments.byTokenHash(tokenHash)!;
      const view = appointmentView(row, config);
      this.remember(caller.idempotencyKey, fingerprint, 200, { appointment: view }, now);
      return { status: 200, body: heldAppointment(row, config, links, view) };
    });
    if (answer.status === 200) this.parts.reschedule();
    return answer;
  }

  /** 200 with no body when moved (or already there); the refusal otherwise. */
  private decideMove(tokenHash: string, start: number, now: number): CommandAnswer {
    const config = this.parts.config();
    if (!config) return unknownOffice(this.parts.officeId);
    const { appointments } = this.parts;
    const row = appointments.byTokenHash(tokenHash);
    if (!row) return unknownAppointment();
    if (row.status !== "booked") return notBooked(row.status);
    if (row.start === start) return { status: 200, body: null };
    const slot = slotAt(config, row.service_id, start, now);
    if (!slot) return slotUnavailable();
    const seat = freeSeat(appointments.takenSeats(row.service_id, slot.start), slot.seats);
    if (seat === null) return slotFull();
    appointments.move(row.id, { start: slot.start, seat, seats: slot.seats }, now);
    this.parts.webhooks.appointment(
      appointments.byId(row.id)!,
      { type: "appointment.moved", previousStart: row.start },
      now,
    );
    this.settleConflicts(config, now);
    return { status: 200, body: null };
  }

  cancel(tokenHash: string, caller: Caller): CommandAnswer {
    const { storage, appointments } = this.parts;
    const now = this.parts.clock();
    const fingerprint = JSON.stringify({ op: "cancel", tokenHash });
    const answer = storage.transactionSync((): CommandAnswer => {
      const prior = this.replay(caller.idempotencyKey, fingerprint);
      if (prior) return prior;
      const config = this.parts.config();
      const row = config ? appointments.byTokenHash(tokenHash) : null;
      let decided: CommandAnswer;
      if (!config) decided = unknownOffice(this.parts.officeId);
      else if (!row) decided = unknownAppointment();
      else if (row.status !== "booked") decided = notBooked(row.status);
      else {
        appointments.cancel(row.id, now);
        const cancelled = appointments.byId(row.id)!;
        this.parts.webhooks.appointment(cancelled, { type: "appointment.cancelled" }, now);
        this.settleConflicts(config, now);
        const body: CancelledAppointment = { appointment: appointmentView(cancelled, config) };
        decided = { status: 200, body };
      }
      this.remember(caller.idempotencyKey, fingerprint, decided.status, decided.body, now);
      return decided;
    });
    if (answer.status === 200) this.parts.reschedule();
    return answer;
  }

  /** A local day's appointments, for staff. */
  day(date: string): CommandAnswer {
    const config = this.parts.config();
    if (!config) return unknownOffice(this.parts.officeId);
    const from = startOfNextDay(addDays(date, -1), config.timeZone);
    const to = startOfNextDay(date, config.timeZone);
    const body: DayAppointments = {
      date,
      appointments: this.parts.appointments
        .startingBetween(from, to)
        .map((row) => dayListEntry(row, config)),
    };
    return { status: 200, body };
  }

  /**
   * Reads every booking that holds a seat against the configuration `config`
   * and stores which no longer fit (issue 12, point 7). Called by the command
   * pipeline inside the transaction that stores the configuration, so a
   * change and its conflicts are written together or not at all; a later
   * change that fixes a booking clears its flag.
   */
  recheckConflicts(config: OfficeConfig, now: number): number {
    const { appointments } = this.parts;
    return appointments.storeConflicts(
      appointmentConflicts(config, appointments.seatHolders(now)),
      now,
      (id) => {
        const row = appointments.byId(id);
        if (row) this.parts.webhooks.appointment(row, { type: "appointment.conflict" }, now);
      },
    );
  }

  /** A seat freed (a cancellation, a move) may settle another booking's over_seats: read them again. */
  private settleConflicts(config: OfficeConfig, now: number): void {
    if (this.parts.appointments.anyInConflict()) this.recheckConflicts(config, now);
  }

  /** The upcoming bookings in conflict, with whom to tell and how. */
  conflicts(origin: string | undefined): CommandAnswer {
    const config = this.parts.config();
    if (!config) return unknownOffice(this.parts.officeId);
    const body: AppointmentConflicts = {
      conflicts: this.parts.appointments
        .inConflict(this.parts.clock())
        .map((row) =>
          conflictEntry(row, config, rebookUrl(origin, this.parts.officeId, row.service_id)),
        ),
    };
    return { status: 200, body };
  }

  /**
   * Staff resolve a booking in conflict: `keep` clears the flag (it stays
   * booked, and the same reason is not raised again), `cancel` cancels it
   * for the office's reason, which the holder's manage page and calendar
   * file then say.
   */
  resolveConflict(id: string, action: "keep" | "cancel", actor: Actor): CommandAnswer {
    const { storage, appointments } = this.parts;
    const now = this.parts.clock();
    const answer = storage.transactionSync((): CommandAnswer => {
      const config = this.parts.config();
      if (!config) return unknownOffice(this.parts.officeId);
      const row = appointments.byId(id);
      if (!row) return unknownAppointment();
      if (row.status !== "booked") return notBooked(row.status);
      if (row.conflict === null)
        return refusal(
          409,
          "no_conflict",
          "This booking is not in conflict with the office's configuration (any more).",
        );
      if (action === "keep") appointments.keepDespiteConflict(id, now);
      else {
        appointments.cancelByOffice(id, row.conflict, now);
        this.parts.webhooks.appointment(
          appointments.byId(id)!,
          { type: "appointment.cancelled" },
          now,
        );
        this.settleConflicts(config, now);
      }
      this.parts.auditLog.append(
        now,
        actor,
        action === "keep" ? "keepAppointment" : "cancelAppointmentForConflict",
        { appointmentId: id, serviceId: row.service_id, start: row.start, reason: row.conflict },
      );
      const body: ResolvedConflict = {
        appointment: appointmentView(appointments.byId(id)!, config),
      };
      return { status: 200, body };
    });
    if (answer.status === 200 && action === "cancel") this.parts.reschedule();
    return answer;
  }

  /** A recorded answer for this key, or the 422 for a key used for something else. */
  private replay(key: string | undefined, fingerprint: string): CommandAnswer | null {
    if (!key) return null;
    const prior = this.parts.idempotency.find(key);
    if (!prior) return null;
    if (prior.fingerprint !== fingerprint)
      return {
        status: 422,
        body: errorBody(
          "idempotency_key_reused",
          "This Idempotency-Key was already used for a different request.",
        ),
      };
    return { status: prior.status, body: JSON.parse(prior.body) };
  }

  /** Refusals are remembered too: a retry must not succeed later by surprise. */
  private remember(
    key: string | undefined,
    fingerprint: string,
    status: number,
    body: unknown,
    now: number,
  ): void {
    if (key)
      this.parts.idempotency.save(key, { fingerprint, status, body: JSON.stringify(body) }, now);
  }

  /** A booking code no active booking has (about a billion codes, so a clash is rare). */
  private newCode(): string {
    // Bounded, so a store that answered "in use" to everything could not spin the object forever.
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = randomCode();
      if (!this.parts.appointments.codeInUse(code)) return code;
    }
    throw new Error("no free booking code after 100 draws");
  }
}

function booked(view: AppointmentView, token: string, links: AppointmentLinks): CommandAnswer {
  const body: BookedAppointment = { appointment: view, token, ...links };
  return { status: 201, body };
}

const slotUnavailable = () =>
  refusal(
    409,
    "slot_unavailable",
    "This time cannot be booked for this service (outside its hours, too soon or too far ahead).",
  );
const slotFull = () => refusal(409, "slot_full", "No seat is left at this time.");

/** The lowest free seat below `seats`, or null when as many are taken as there are seats. */
export function freeSeat(taken: readonly number[], seats: number): number | null {
  // Staff may have taken seats beyond the public's: the count decides, then the lowest free number.
  if (taken.length >= seats) return null;
  for (let seat = 0; seat < seats; seat++) if (!taken.includes(seat)) return seat;
  return null;
}

/** Contacts as they are compared: e-mail lowercased, phone as its digits (with a leading + kept). */
export function contactOf(booking: { email?: string | undefined; phone?: string | undefined }) {
  const phone = booking.phone?.trim();
  return {
    email: booking.email ? booking.email.trim().toLowerCase() : null,
    phone: phone ? `${phone.startsWith("+") ? "+" : ""}${phone.replace(/\D/g, "")}` : null,
  };
}

export function randomCode(): string {
  // 32 letters: each random byte's low five bits pick one without bias.
  const bytes = crypto.getRandomValues(new Uint8Array(BOOKING_CODE_LENGTH));
  return Array.from(bytes, (byte) => BOOKING_CODE_ALPHABET[byte & 31]).join("");
}
