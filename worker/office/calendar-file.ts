import type { OfficeConfig } from "../../shared/protocol/config";
import type { AppointmentLinks } from "./appointment-views";
import type { AppointmentRow } from "./store/appointments-table";

/*
 * An appointment as an iCalendar file (RFC 5545), so the citizen's own
 * calendar reminds them: a stable UID, a SEQUENCE that rises with each move
 * or cancellation (calendars replace the event they have only for a higher
 * one), times in UTC, and two reminders. Lines end in CRLF and are folded at
 * 75 octets.
 */

const MINUTE = 60_000;
const DEFAULT_SLOT_MINUTES = 20;
const MAX_LINE_OCTETS = 75;

/** 20261224T083000Z */
export function icsTime(instant: number): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function icsText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/**
 * One content line folded into lines of at most 75 octets, each continuation
 * starting with a space (§3.1); never inside a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The service's name in the booking's language, else the office's first. */
function serviceName(config: OfficeConfig, serviceId: string, lang: string | null): string {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service) return serviceId;
  const first = config.languages[0] ?? "it";
  return (lang ? service.names[lang] : undefined) ?? service.names[first] ?? serviceId;
}

export function calendarFile(
  row: AppointmentRow,
  config: OfficeConfig,
  links: AppointmentLinks,
): string {
  const cancelled = row.status === "cancelled";
  const service = config.services.find((s) => s.id === row.service_id);
  const minutes = service?.booking?.slotMinutes ?? DEFAULT_SLOT_MINUTES;
  const english = row.lang === "en" || (row.lang === null && config.languages[0] === "en");
  const words = english
    ? { code: "Booking code", manage: "Move or cancel", soon: "Appointment" }
    : { code: "Codice di prenotazione", manage: "Sposta o annulla", soon: "Appuntamento" };
  const summary = serviceName(config, row.service_id, row.lang);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Turno//Appointments//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${cancelled ? "CANCEL" : "PUBLISH"}`,
    "BEGIN:VEVENT",
    `UID:${row.id}@turno`,
    `SEQUENCE:${row.sequence}`,
    `DTSTAMP:${icsTime(row.updated_at)}`,
    `DTSTART:${icsTime(row.start)}`,
    `DTEND:${icsTime(row.start + minutes * MINUTE)}`,
    `SUMMARY:${icsText(summary)}`,
    `LOCATION:${icsText(config.address ? `${config.name}, ${config.address}` : config.name)}`,
    `DESCRIPTION:${icsText(`${words.code}: ${row.code}\n${words.manage}: ${links.manageUrl}`)}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    ...(cancelled
      ? []
      : ["-P1D", "-PT1H"].flatMap((trigger) => [
          "BEGIN:VALARM",
          "ACTION:DISPLAY",
          `TRIGGER:${trigger}`,
          `DESCRIPTION:${icsText(`${words.soon}: ${summary}`)}`,
          "END:VALARM",
        ])),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
