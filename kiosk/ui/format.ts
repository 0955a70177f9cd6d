import { format } from "../../shared/i18n";
import type { KioskMessages } from "../../shared/i18n/kiosk";
import type { ServiceConfig } from "../../shared/protocol/config";

/** A service's name in the kiosk's language, else in the office's first language. */
export function serviceName(service: ServiceConfig | undefined, lang: string): string {
  if (!service) return "";
  return service.names[lang] ?? Object.values(service.names)[0] ?? service.id;
}

/** "10:42" in the office's time zone. */
export function clockTime(instant: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}

/** "26 nov 2026, 10:42" in the office's time zone, for the printed receipt (a month name: never ambiguous). */
export function dateTime(instant: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}

/** "Friday 25 December" for a local date YYYY-MM-DD. */
export function longDate(day: string, lang: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang, {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(Date.UTC(year, month - 1, date));
}

/** "3 waiting" / "1 waiting" / "No queue". */
export function waitingLabel(waiting: number, m: KioskMessages): string {
  if (waiting === 0) return m.kiosk.start.waitingNone;
  if (waiting === 1) return m.kiosk.start.waitingOne;
  return format(m.kiosk.start.waiting, { n: waiting });
}
