import type { ApiResult } from "./appointments-api";

/*
 * The refusals the page has its own words for. Codes it has no words for
 * become "generic": the server's English sentence is never shown.
 */

export const BOOKING_REFUSALS = [
  "slot_full",
  "slot_unavailable",
  "too_many_bookings",
  "too_many_requests",
  "unknown_service",
  "invalid_request",
  "signed_out",
  "network",
  "generic",
] as const;
export type BookingRefusal = (typeof BOOKING_REFUSALS)[number];

/** What a refused or unanswered booking or move means for the person. */
export function bookingRefusal(result: ApiResult<unknown>): BookingRefusal {
  switch (result.kind) {
    case "ok":
      return "generic";
    case "unreachable":
      return "network";
    case "refused":
      return (BOOKING_REFUSALS as readonly string[]).includes(result.code)
        ? (result.code as BookingRefusal)
        : result.code === "unknown_office"
          ? "unknown_service"
          : // Sent as staff, but the office no longer sees a signed-in staff member.
            result.code === "proof_required"
            ? "signed_out"
            : "generic";
    default: {
      const unknown: never = result;
      return unknown;
    }
  }
}

/** Whether the times shown are out of date after this refusal, and the person must pick again. */
export function needsAnotherTime(refusal: BookingRefusal): boolean {
  return refusal === "slot_full" || refusal === "slot_unavailable";
}

export const CHECK_IN_REFUSALS = [
  "check_in_too_early",
  "check_in_too_late",
  "appointment_missed",
  "appointment_cancelled",
  "appointment_checked_in",
  "too_many_requests",
  "network",
  "generic",
] as const;
export type CheckInRefusalCode = (typeof CHECK_IN_REFUSALS)[number];

export interface CheckInRefusal {
  code: CheckInRefusalCode;
  /** check_in_too_early: from when it opens. */
  opensAt?: number;
  /** check_in_too_late under the "refuse" rule: where to book again. */
  rebookUrl?: string;
}

/** A field of a refusal's body, in its `error` or beside it. */
function bodyField(body: unknown, field: string): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === "object" && error !== null && field in error)
    return (error as Record<string, unknown>)[field];
  return record[field];
}

export function checkInRefusal(result: ApiResult<unknown>): CheckInRefusal {
  if (result.kind === "unreachable") return { code: "network" };
  if (result.kind === "ok") return { code: "generic" };
  const code = (CHECK_IN_REFUSALS as readonly string[]).includes(result.code)
    ? (result.code as CheckInRefusalCode)
    : "generic";
  const opensAt = bodyField(result.body, "opensAt");
  const rebookUrl = bodyField(result.body, "rebookUrl");
  return {
    code,
    ...(typeof opensAt === "number" ? { opensAt } : {}),
    ...(typeof rebookUrl === "string" ? { rebookUrl } : {}),
  };
}
