import { AppointmentConflicts, CheckedIn, DayAppointments } from "../protocol/appointments";
import { readErrorBody } from "./error-body";

/*
 * The answers of the appointment routes as the kiosk, the counter and the
 * dashboard read them, with the protocol's own schemas (the ones the
 * server's answers are checked against, tests/worker/answers.test.ts), and
 * what a check-in's answer means for the person standing there.
 */

export type { AppointmentStatus } from "../protocol/appointments";
export { CheckedIn, DayAppointments };

/** One booking of the day as staff see it: with the holder's name (erased after the day). */
export type DayAppointment = DayAppointments["appointments"][number];

/** GET …/appointment-conflicts: bookings a change of setup no longer fits, with whom to tell. */
export { AppointmentConflicts };
export type ConflictingAppointment = AppointmentConflicts["conflicts"][number];

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
