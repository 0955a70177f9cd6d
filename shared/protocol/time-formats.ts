import * as z from "zod/mini";

/*
 * The wall-clock and calendar formats of a configuration, in a file of their
 * own so that the booking schemas (booking.ts) and the office's (config.ts)
 * share them without importing each other.
 */

export const ClockTime = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM (24-hour), e.g. 08:30"));
/** Closing may be "24:00": open until midnight. */
export const ClosingTime = z
  .string()
  .check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "use HH:MM (24-hour) or 24:00"));

export const IsoDate = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD, e.g. 2026-12-24"));
