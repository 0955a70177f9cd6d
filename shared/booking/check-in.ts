import type { CheckInWindow } from "../protocol/booking";

/*
 * When a person with an appointment may check in, and from when the ticket
 * it gives may be called. Pure: the kiosk, the counter and the manage page
 * ask the office, which answers from these.
 */

const MINUTE = 60_000;

/**
 * An appointment's ticket may be called this long before its slot: people
 * who checked in early are served on time, not late by the length of a call.
 */
export const CALLABLE_BEFORE_START_MS = 2 * MINUTE;

/** The instant from which a checked-in appointment's ticket may be called. */
export function callableFrom(slotStart: number): number {
  return slotStart - CALLABLE_BEFORE_START_MS;
}

/** The stretch in which a check-in is on time, both ends included. */
export function checkInWindow(
  slotStart: number,
  checkIn: CheckInWindow,
): { opensAt: number; closesAt: number } {
  return {
    opensAt: slotStart - checkIn.earlyMinutes * MINUTE,
    closesAt: slotStart + checkIn.lateMinutes * MINUTE,
  };
}

/**
 * early: refused as too early, try again from `opensAt`; on-time: checked
 * in; late: after `closedAt`, the service's `lateArrivals` rule decides.
 */
export type CheckInTiming =
  | { timing: "early"; opensAt: number }
  | { timing: "on-time"; closesAt: number }
  | { timing: "late"; closedAt: number };

/** Where `now` falls against the check-in window of a slot. */
export function checkInTiming(
  slotStart: number,
  checkIn: CheckInWindow,
  now: number,
): CheckInTiming {
  const { opensAt, closesAt } = checkInWindow(slotStart, checkIn);
  if (now < opensAt) return { timing: "early", opensAt };
  if (now > closesAt) return { timing: "late", closedAt: closesAt };
  return { timing: "on-time", closesAt };
}
