import type { AppointmentStatus, DayAppointment } from "../../shared/client/appointment-answers";
import { openCountersFor } from "../../shared/engine/estimate";
import { ticketList } from "../../shared/engine/ticket-list";
import type { CounterMode } from "../../shared/protocol/config";
import type { OfficeState } from "../../shared/protocol/state";
import { serviceName } from "./live-view";

/*
 * The day's appointments as the live view shows them, and the one warning
 * they give: more people booked at once in the coming hour than desks open
 * for their service. Pure, from the day's list and the live state.
 */

const MINUTE = 60_000;
/** How far ahead the seat warning looks. */
export const SEAT_WARNING_AHEAD_MS = 60 * MINUTE;
/** A service's slot length when its booking settings are gone (the settings' own default). */
const DEFAULT_SLOT_MINUTES = 20;

export interface AppointmentRow {
  id: string;
  /** "10:30" on the office's clock. */
  time: string;
  start: number;
  code: string;
  serviceId: string;
  serviceName: string;
  status: AppointmentStatus;
  /** Staff only, and only here: the holder's name (null once erased). */
  name: string | null;
  contactKind: "email" | "phone" | null;
  /** The ticket its check-in issued. */
  ticketCode: string | null;
  /** Why a change of setup no longer fits it, until kept or cancelled (the conflicts panel). */
  conflict: string | null;
}

/** The day's bookings by time, without the cancelled ones (nobody is coming for those). */
export function appointmentRows(
  appointments: readonly DayAppointment[],
  state: OfficeState,
  lang: string,
): AppointmentRow[] {
  return appointments
    .filter((a) => a.status !== "cancelled")
    .map((a) => ({
      id: a.id,
      time: a.startLocal.slice(11, 16),
      start: a.start,
      code: a.code,
      serviceId: a.serviceId,
      serviceName: serviceName(state, a.serviceId, lang),
      status: a.status,
      name: a.name,
      contactKind: a.contactKind ?? null,
      ticketCode: a.ticketCode,
      conflict: a.status === "booked" ? (a.conflict ?? null) : null,
    }))
    .sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** How many of the day's bookings are in each status (cancelled ones included). */
export function statusCounts(
  appointments: readonly DayAppointment[],
): Record<AppointmentStatus, number> {
  const counts: Record<AppointmentStatus, number> = {
    booked: 0,
    "checked-in": 0,
    missed: 0,
    cancelled: 0,
  };
  for (const a of appointments) counts[a.status]++;
  return counts;
}

export interface SeatWarning {
  serviceId: string;
  /** The start at which the most people are booked at once. */
  at: number;
  /** "10:30" on the office's clock. */
  time: string;
  /** People booked at once then (not yet served). */
  booked: number;
  /** Front-office desks open for the service now. */
  openCounters: number;
  /** Desks that serve it but are not at the front (back office, paused, closed): one could open. */
  candidates: { counterId: string; name: string; mode: CounterMode }[];
}

/**
 * Whether a booking still needs a desk: booked and not missed, or checked
 * in with its ticket still in the queue or at a counter (a served one is done).
 */
function needsDesk(
  appointment: DayAppointment,
  activeAppointmentIds: ReadonlySet<string>,
): boolean {
  switch (appointment.status) {
    case "booked":
      return true;
    case "checked-in":
      return activeAppointmentIds.has(appointment.id);
    case "missed":
    case "cancelled":
      return false;
    default: {
      const unknown: never = appointment.status;
      return unknown;
    }
  }
}

/**
 * Services whose bookings in the next hour (slots not over yet and starting
 * within SEAT_WARNING_AHEAD_MS) put more people at a desk at once than the
 * desks open for the service now: the moment of most overlap, with the
 * desks that could open.
 */
export function seatWarnings(
  appointments: readonly DayAppointment[],
  state: OfficeState,
  now: number,
): SeatWarning[] {
  const active = new Set<string>();
  for (const ticket of ticketList(state)) if (ticket.appointment) active.add(ticket.appointment.id);
  const warnings: SeatWarning[] = [];
  for (const service of state.config.services) {
    if (service.mode === "walk-in") continue;
    const slotMs = (service.booking?.slotMinutes ?? DEFAULT_SLOT_MINUTES) * MINUTE;
    const coming = appointments.filter(
      (a) =>
        a.serviceId === service.id &&
        needsDesk(a, active) &&
        a.start + slotMs > now &&
        a.start < now + SEAT_WARNING_AHEAD_MS,
    );
    let worst: { at: DayAppointment; booked: number } | null = null;
    for (const candidate of coming) {
      const booked = coming.filter(
        (a) => a.start <= candidate.start && candidate.start < a.start + slotMs,
      ).length;
      if (
        !worst ||
        booked > worst.booked ||
        (booked === worst.booked && candidate.start < worst.at.start)
      )
        worst = { at: candidate, booked };
    }
    const openCounters = openCountersFor(state, service.id);
    if (!worst || worst.booked <= openCounters) continue;
    warnings.push({
      serviceId: service.id,
      at: worst.at.start,
      time: worst.at.startLocal.slice(11, 16),
      booked: worst.booked,
      openCounters,
      candidates: state.config.counters
        .filter((c) => c.serviceIds.includes(service.id))
        .map((c) => ({
          counterId: c.id,
          name: c.name,
          mode: state.counters[c.id]?.mode ?? "closed",
        }))
        .filter((c) => c.mode !== "front"),
    });
  }
  return warnings.sort((a, b) => a.at - b.at);
}
