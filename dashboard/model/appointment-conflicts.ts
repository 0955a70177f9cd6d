import type { ConflictingAppointment } from "../../shared/client/appointment-answers";
import { format } from "../../shared/i18n";
import { dashboardMessages } from "../../shared/i18n/dashboard";
import type { OfficeState } from "../../shared/protocol/state";
import { serviceName } from "./live-view";

/*
 * Bookings a change of the office's setup no longer fits (issue 12, point 7),
 * as the live view lists them: when, whom, why, and how to tell the person.
 * Turno sends no mail: staff tell them, from a prepared mailto: or tel: link,
 * the message written in the holder's language. Pure, from the list and the
 * live state.
 */

/** How staff reach the holder: a prepared e-mail, or a call. */
export interface TellLink {
  kind: "email" | "phone";
  /** The address or number, as shown. */
  contact: string;
  href: string;
}

export interface ConflictRow {
  id: string;
  code: string;
  start: number;
  /** "Tue 8 Dec, 10:30" on the office's clock, in the reader's language. */
  when: string;
  serviceName: string;
  /** The reason's key (service_removed, no_bookings, closed_date, outside_hours, no_window, over_seats). */
  reason: string;
  name: string | null;
  /** Null once the personal data is erased. */
  tell: TellLink | null;
}

/** "Tue 8 Dec, 10:30": a booking's start on the office's clock. */
export function appointmentWhen(start: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(start);
}

/**
 * The link that tells the holder their booking is cancelled: an e-mail with
 * subject and text in their language (the office's first when unknown), or
 * their phone number to call. Null without a contact.
 */
export function tellLink(conflict: ConflictingAppointment, state: OfficeState): TellLink | null {
  const config = state.config;
  const languages = config.languages;
  const lang =
    conflict.lang && languages.includes(conflict.lang) ? conflict.lang : (languages[0] ?? "it");
  const words = dashboardMessages(lang).dashboard.live.conflicts;
  const reasons = words.reasons as Record<string, string>;
  const when = appointmentWhen(conflict.start, config.timeZone, lang);
  const values = {
    office: config.name,
    when,
    name: conflict.name ?? "",
    code: conflict.code,
    service: serviceName(state, conflict.serviceId, lang),
    reason: reasons[conflict.conflict] ?? "",
    link: conflict.rebookUrl,
  };
  const email = conflict.contact.email;
  if (email) {
    const subject = encodeURIComponent(format(words.mailSubject, values));
    const body = encodeURIComponent(format(words.mailBody, values));
    return {
      kind: "email",
      contact: email,
      href: `mailto:${encodeURIComponent(email).replace(/%40/g, "@")}?subject=${subject}&body=${body}`,
    };
  }
  const phone = conflict.contact.phone;
  if (phone) return { kind: "phone", contact: phone, href: `tel:${phone.replace(/[^\d+]/g, "")}` };
  return null;
}

/** The conflicts by start, as rows in the reader's language. */
export function conflictRows(
  conflicts: readonly ConflictingAppointment[],
  state: OfficeState,
  lang: string,
): ConflictRow[] {
  return [...conflicts]
    .sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((conflict) => ({
      id: conflict.id,
      code: conflict.code,
      start: conflict.start,
      when: appointmentWhen(conflict.start, state.config.timeZone, lang),
      serviceName: serviceName(state, conflict.serviceId, lang),
      reason: conflict.conflict,
      name: conflict.name,
      tell: tellLink(conflict, state),
    }));
}
