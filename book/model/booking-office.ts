import * as z from "zod/mini";
import { LanguageCode, ServiceConfig } from "../../shared/protocol/config";

/** The part of GET /api/offices/{office} (public) the booking page reads. */
export const BookingOffice = z.object({
  name: z.string(),
  timeZone: z.string(),
  languages: z.array(LanguageCode),
  serverTime: z.number(),
  services: z.array(z.pick(ServiceConfig, { id: true, names: true, mode: true, booking: true })),
});
export type BookingOffice = z.infer<typeof BookingOffice>;

export interface BookableService {
  id: string;
  names: Record<string, string>;
  /** The last bookable day is the office's today + this. */
  daysAhead: number;
}

/**
 * The services a person can book here: appointment and mixed services with
 * booking settings. The public view carries each service's settings (its
 * schema, OfficeView, extends ServiceConfig); an appointment service without
 * them is booked elsewhere, as the kiosk tells people.
 */
export function bookableServices(office: BookingOffice): BookableService[] {
  const bookable: BookableService[] = [];
  for (const service of office.services) {
    if (service.mode === "walk-in" || !service.booking) continue;
    bookable.push({ id: service.id, names: service.names, daysAhead: service.booking.daysAhead });
  }
  return bookable;
}

/** A name in the page's language, else in the office's first language that has one. */
export function nameIn(names: Record<string, string>, lang: string): string {
  return names[lang] ?? Object.values(names)[0] ?? "";
}
