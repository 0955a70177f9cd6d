import * as z from "zod/mini";
import { IssuedTicket } from "../protocol/responses";
import { readErrorBody } from "./error-body";

/*
 * The answers of the appointment routes as the kiosk, the counter and the
 * dashboard read them: a booking as staff and devices see it, the check-in
 * by code, and the day's list. Objects are not strict (a client keeps
 * working when a field is added), and what a screen can live without is
 * optional: a ticket the office issued must never be lost to a strict parse.
 */

export const APPOINTMENT_STATUSES = ["booked", "checked-in", "missed", "cancelled"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** A booking without its holder: what a kiosk may show (code, service, time), never a name. */
export const AppointmentView = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: z.string(),
  /** The slot's start (epoch ms). */
  start: z.number(),
  /** The same start on the office's wall clock, "YYYY-MM-DDTHH:MM". */
  startLocal: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  /** The ticket the check-in issued, once checked in. */
  ticketCode: z._default(z.nullable(z.string()), null),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

/** The 201 of a check-in: the ticket as a kiosk's tap gets it, with the booking it was for. */
export const CheckedIn = z.extend(IssuedTicket, {
  appointment: z.optional(AppointmentView),
  /** Past the check-in window: a walk-in ticket instead, or the appointment's ticket for the clerk to decide. */
  lateArrival: z._default(z.boolean(), false),
});
export type CheckedIn = z.infer<typeof CheckedIn>;

/** One booking of the day as staff see it: with the holder's name (erased after the day). */
export const DayAppointment = z.extend(AppointmentView, {
  name: z._default(z.nullable(z.string()), null),
  contactKind: z.optional(z.nullable(z.enum(["email", "phone"]))),
  /** Why a change of the office's setup no longer fits it (issue 12, point 7), until kept or cancelled. */
  conflict: z.optional(z.nullable(z.string())),
});
export type DayAppointment = z.infer<typeof DayAppointment>;

/** GET …/appointment-conflicts: bookings a change of setup no longer fits, with whom to tell. */
export const ConflictingAppointment = z.extend(AppointmentView, {
  conflict: z.string(),
  conflictAt: z._default(z.number(), 0),
  name: z._default(z.nullable(z.string()), null),
  contact: z._default(
    z.object({ email: z.optional(z.string()), phone: z.optional(z.string()) }),
    {},
  ),
  lang: z._default(z.nullable(z.string()), null),
  rebookUrl: z._default(z.string(), ""),
});
export type ConflictingAppointment = z.infer<typeof ConflictingAppointment>;
export const AppointmentConflicts = z.object({ conflicts: z.array(ConflictingAppointment) });

/** GET /api/offices/{office}/appointments?date=…: the day's bookings (staff only). */
export const DayAppointments = z.object({
  date: z.string(),
  appointments: z.array(DayAppointment),
});
export type DayAppointments = z.infer<typeof DayAppointments>;

/** Why a check-in gave no ticket: the office's error code, and what it said about when or where. */
export interface CheckInRefusal {
  code: string;
  /** check_in_too_early: from when the check-in opens (epoch ms). */
  opensAt: number | null;
  /** check_in_too_late under the "refuse" rule: where to book again. */
  rebookUrl: string | null;
}

export type CheckInOutcome =
  /** The appointment's ticket; `late`: after the window, issued for the clerk to decide. */
  | { kind: "checked-in"; answer: CheckedIn; slotStart: number; late: boolean }
  /** After the window: an ordinary walk-in ticket in place of the appointment. */
  | { kind: "walk-in-instead"; answer: CheckedIn; slotStart: number | null }
  | { kind: "refused"; refusal: CheckInRefusal }
  /** No answer reached us (status 0): the ticket may or may not exist. */
  | { kind: "unreachable" }
  /** 401/403: not a paired kiosk, or not signed in with rights here. */
  | { kind: "denied"; status: 401 | 403; code: string };

/** How a check-in is sent: a JSON POST with extra headers; never rejects (status 0: no answer). */
export type PostJson = (
  path: string,
  body: unknown,
  headers: Record<string, string>,
) => Promise<{ status: number; body: unknown }>;

/** Where a kiosk or a clerk checks in a booking by its code. */
export function checkInPath(officeId: string): string {
  return `/api/offices/${encodeURIComponent(officeId)}/appointments/check-in`;
}

/** What a check-in's HTTP answer means for the person standing there. */
export function readCheckInAnswer(answer: { status: number; body: unknown }): CheckInOutcome {
  const { status, body } = answer;
  if (status === 0) return { kind: "unreachable" };
  if (status === 200 || status === 201) {
    const parsed = CheckedIn.safeParse(body);
    if (!parsed.success) return refused("generic");
    const checkedIn = parsed.data;
    const onTicket = checkedIn.ticket.appointment;
    const slotStart = onTicket?.slotStart ?? checkedIn.appointment?.start ?? null;
    if (onTicket === null && (checkedIn.lateArrival || slotStart === null))
      return { kind: "walk-in-instead", answer: checkedIn, slotStart };
    return {
      kind: "checked-in",
      answer: checkedIn,
      slotStart: slotStart ?? checkedIn.ticket.issuedAt,
      late: checkedIn.lateArrival,
    };
  }
  if (status === 429) return refused("too_many_requests");
  const code = readErrorBody(body)?.code;
  if (status === 401 || status === 403)
    return { kind: "denied", status, code: code ?? "forbidden" };
  return {
    kind: "refused",
    refusal: {
      code: code ?? "generic",
      opensAt: numberField(body, "opensAt"),
      rebookUrl: stringField(body, "rebookUrl"),
    },
  };
}

function refused(code: string): CheckInOutcome {
  return { kind: "refused", refusal: { code, opensAt: null, rebookUrl: null } };
}

/** A field of a refusal, beside the error or inside it (both shapes are read). */
function field(body: unknown, name: string): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === "object" && error !== null && name in error)
    return (error as Record<string, unknown>)[name];
  return record[name];
}

function numberField(body: unknown, name: string): number | null {
  const value = field(body, name);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function stringField(body: unknown, name: string): string | null {
  const value = field(body, name);
  return typeof value === "string" && value !== "" ? value : null;
}
