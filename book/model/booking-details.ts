import type { BookAppointmentBody } from "../../shared/protocol/appointments";

/*
 * What the person types before booking, checked on the phone first so that
 * a slip is named next to its field, in their language, before anything is
 * sent. The limits are the API's (name 1–80, reason up to 200).
 */

export const NAME_MAX = 80;
export const REASON_MAX = 200;
const EMAIL_MAX = 254;

export const CONTACT_KINDS = ["email", "phone"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface BookingDetails {
  name: string;
  contactKind: ContactKind;
  contact: string;
  reason: string;
}

export const EMPTY_DETAILS: BookingDetails = {
  name: "",
  contactKind: "email",
  contact: "",
  reason: "",
};

export type DetailsProblem =
  | "name_missing"
  | "name_too_long"
  | "contact_missing"
  | "email_format"
  | "phone_format"
  | "reason_too_long";

export interface DetailsProblems {
  name?: DetailsProblem;
  contact?: DetailsProblem;
  reason?: DetailsProblem;
}

/** One @, something before it, a dot in what follows, no spaces: what a mail address needs to reach someone. */
export function isEmailAddress(text: string): boolean {
  return text.length <= EMAIL_MAX && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);
}

/**
 * A phone number as people write it: an optional +, then digits with
 * spaces, dots, dashes or brackets between them; 6 to 15 digits (E.164's
 * most, and the shortest Italian fixed lines).
 */
export function isPhoneNumber(text: string): boolean {
  if (!/^\+?[0-9 ().-]+$/.test(text)) return false;
  const digits = text.replace(/[^0-9]/g, "").length;
  return digits >= 6 && digits <= 15;
}

/** What is wrong with the details, field by field (nothing: ready to send). */
export function detailsProblems(details: BookingDetails): DetailsProblems {
  const problems: DetailsProblems = {};
  const name = details.name.trim();
  if (name.length === 0) problems.name = "name_missing";
  else if (name.length > NAME_MAX) problems.name = "name_too_long";
  const contact = details.contact.trim();
  if (contact.length === 0) problems.contact = "contact_missing";
  else if (details.contactKind === "email" && !isEmailAddress(contact))
    problems.contact = "email_format";
  else if (details.contactKind === "phone" && !isPhoneNumber(contact))
    problems.contact = "phone_format";
  if (details.reason.trim().length > REASON_MAX) problems.reason = "reason_too_long";
  return problems;
}

export function hasProblems(problems: DetailsProblems): boolean {
  return !!(problems.name || problems.contact || problems.reason);
}

/** The body of the booking: one contact, the kind chosen, and a reason only if one was given. */
export function bookingRequest(
  serviceId: string,
  start: number,
  details: BookingDetails,
  lang: string,
): BookAppointmentBody {
  const contact = details.contact.trim();
  const reason = details.reason.trim();
  return {
    serviceId,
    start,
    name: details.name.trim(),
    ...(details.contactKind === "email" ? { email: contact } : { phone: contact }),
    ...(reason ? { reason } : {}),
    lang,
  };
}
