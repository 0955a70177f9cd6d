import * as z from "zod/mini";
import { ErrorBody } from "./api";
import { ConflictReason } from "./booking";
import { BookingProof } from "./booking-proof";
import { LanguageCode, Slug } from "./config";
import { IssuedTicket } from "./responses";
import { IsoDate } from "./time-formats";

/*
 * The appointments part of the HTTP API: request bodies and answers, beside
 * api.ts and responses.ts. Times are epoch milliseconds like every other
 * Turno time; `startLocal` is the office's wall clock, "YYYY-MM-DDTHH:MM".
 */

/** The booking code's letters: no 0/O, 1/I, so it reads back the same from a screen or a phone call. */
export const BOOKING_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const BOOKING_CODE_LENGTH = 6;

/** A booking code as typed at a kiosk: case, spaces and dashes do not matter. */
export const BookingCode = z.string().check(
  z.maxLength(20),
  z.overwrite((code) => code.replace(/[\s-]/g, "").toUpperCase()),
  z.regex(/^[2-9A-HJ-NP-Z]{6}$/, "a booking code is 6 letters and digits, without 0, O, 1 or I"),
);

export const APPOINTMENT_STATUSES = ["booked", "checked-in", "missed", "cancelled"] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** An appointment as anyone allowed to see it sees it: no name, no contact. */
export const AppointmentView = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: Slug,
  start: z.number(),
  startLocal: z.string(),
  status: AppointmentStatus,
  /** The ticket its check-in gave (or, for a late arrival sent to the walk-in queue, that ticket). */
  ticketCode: z.nullable(z.string()),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

// ── Requests ─────────────────────────────────────────────────────────────

const Email = z
  .string()
  .check(
    z.trim(),
    z.maxLength(254),
    z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "not an e-mail address"),
  );
/** A phone number as people write it: digits with spaces, dots, dashes, brackets, a leading +. */
const Phone = z
  .string()
  .check(
    z.trim(),
    z.maxLength(30),
    z.regex(
      /^\+?[\d\s().-]{6,29}$/,
      "a phone number: digits, spaces, dots, dashes or brackets, and an optional leading +",
    ),
  );

export const BookAppointmentBody = z
  .strictObject({
    serviceId: Slug,
    start: z.int(),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
    email: z.optional(Email),
    phone: z.optional(Phone),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    lang: z.optional(LanguageCode),
    /** The public's proof of work (booking-proof.ts); staff and the office's kiosks send none. */
    proof: z.optional(BookingProof),
  })
  .check(
    z.refine((body) => body.email !== undefined || body.phone !== undefined, {
      message: "give a contact: email or phone",
      path: ["email"],
    }),
  );
export type BookAppointmentBody = z.infer<typeof BookAppointmentBody>;

export const MoveAppointmentBody = z.strictObject({ start: z.int() });
export type MoveAppointmentBody = z.infer<typeof MoveAppointmentBody>;

export const CheckInBody = z.strictObject({ code: BookingCode });
export type CheckInBody = z.infer<typeof CheckInBody>;

// ── Answers ──────────────────────────────────────────────────────────────

const Count = z.int().check(z.gte(0));

/** GET …/services/{service}/slots: every slot of the range, full ones too (seatsLeft 0). */
export const AppointmentSlots = z.object({
  slots: z.array(z.object({ start: z.number(), startLocal: z.string(), seatsLeft: Count })),
});
export type AppointmentSlots = z.infer<typeof AppointmentSlots>;

/** The 201 of a booking: the manage link carries the token, which the office keeps only as a hash. */
export const BookedAppointment = z.object({
  appointment: AppointmentView,
  token: z.string(),
  manageUrl: z.string(),
  calendarUrl: z.string(),
});
export type BookedAppointment = z.infer<typeof BookedAppointment>;

/**
 * The appointment as its holder sees it. `name` and the contact are null and
 * empty once erased (the day after the appointment or its cancellation).
 */
export const HeldAppointment = z.object({
  appointment: z.extend(AppointmentView, {
    name: z.nullable(z.string()),
    contact: z.object({ email: z.optional(z.string()), phone: z.optional(z.string()) }),
    reason: z.optional(z.string()),
  }),
  manageUrl: z.string(),
  calendarUrl: z.string(),
  checkIn: z.object({ opensAt: z.number(), closesAt: z.number() }),
  /** Once cancelled: by its holder, or by the office (then with its reason and where to book again). */
  cancelledBy: z.optional(z.enum(["holder", "office"])),
  cancelReason: z.optional(ConflictReason),
  rebookUrl: z.optional(z.string()),
});
export type HeldAppointment = z.infer<typeof HeldAppointment>;

export const CancelledAppointment = z.object({ appointment: AppointmentView });
export type CancelledAppointment = z.infer<typeof CancelledAppointment>;

/**
 * A check-in's 201: the ticket as POST …/tickets answers, and the
 * appointment. `lateArrival`: after the check-in window, the service's rule
 * gave a walk-in ticket ("walk-in") or the appointment's own ("clerk").
 */
export const CheckedIn = z.extend(IssuedTicket, {
  appointment: AppointmentView,
  lateArrival: z.boolean(),
});
export type CheckedIn = z.infer<typeof CheckedIn>;

/** GET …/appointments?date=: a day's appointments for staff (names, never the contact itself). */
export const DayAppointments = z.object({
  date: IsoDate,
  appointments: z.array(
    z.extend(AppointmentView, {
      name: z.nullable(z.string()),
      contactKind: z.nullable(z.enum(["email", "phone"])),
      /** Why a change of the office's configuration no longer fits it, until staff keep or cancel it. */
      conflict: z.nullable(ConflictReason),
    }),
  ),
});
export type DayAppointments = z.infer<typeof DayAppointments>;

/**
 * GET …/appointment-conflicts: the upcoming bookings a change of the
 * office's configuration no longer fits, with what staff need to tell the
 * holder (name, contact, language) until they keep or cancel each one.
 */
export const AppointmentConflicts = z.object({
  conflicts: z.array(
    z.extend(AppointmentView, {
      conflict: ConflictReason,
      /** When the change raised it. */
      conflictAt: z.number(),
      name: z.nullable(z.string()),
      contact: z.object({ email: z.optional(z.string()), phone: z.optional(z.string()) }),
      lang: z.nullable(z.string()),
      /** Where the holder books again. */
      rebookUrl: z.string(),
    }),
  ),
});
export type AppointmentConflicts = z.infer<typeof AppointmentConflicts>;

/** The 200 of keeping or cancelling a booking in conflict: the booking as it now stands. */
export const ResolvedConflict = z.object({ appointment: AppointmentView });
export type ResolvedConflict = z.infer<typeof ResolvedConflict>;

/**
 * A refused check-in or booking: the usual error body, with when check-in
 * opens (check_in_too_early) or where to book again (check_in_too_late,
 * appointment_missed) when that helps.
 */
export const AppointmentRefusal = z.object({
  error: z.extend(ErrorBody.shape.error, {
    opensAt: z.optional(z.number()),
    rebookUrl: z.optional(z.string()),
  }),
});
export type AppointmentRefusal = z.infer<typeof AppointmentRefusal>;

/** One start of a service with the seats still free (0: shown as full). */
export type SlotOfService = AppointmentSlots["slots"][number];
