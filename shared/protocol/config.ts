import { z } from "zod";
import { WEEKDAYS } from "./weekdays";

/** Slugs name offices, services and counters in URLs: short, lowercase, unambiguous. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "use 1–40 lowercase letters, digits or dashes");

export const LanguageCode = z.string().regex(/^[a-z]{2}$/, "use a two-letter language code");

/** Names given in every language the office speaks, e.g. { it: "Anagrafe", en: "Registry" }. */
export const LocalizedText = z.record(LanguageCode, z.string().trim().min(1).max(80));

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM (24-hour)");

/** Closing may be "24:00": open until midnight. */
const ClosingTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "use HH:MM (24-hour) or 24:00");

export const OpeningInterval = z
  .object({ open: ClockTime, close: ClosingTime })
  .refine((i) => i.open < i.close, { message: "open must be before close" });

export { WEEKDAYS };
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

export const OpeningHours = z.object({
  mon: z.array(OpeningInterval).max(4).default([]),
  tue: z.array(OpeningInterval).max(4).default([]),
  wed: z.array(OpeningInterval).max(4).default([]),
  thu: z.array(OpeningInterval).max(4).default([]),
  fri: z.array(OpeningInterval).max(4).default([]),
  sat: z.array(OpeningInterval).max(4).default([]),
  sun: z.array(OpeningInterval).max(4).default([]),
});

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");

export const ServiceConfig = z.object({
  id: Slug,
  prefix: z.string().regex(/^[A-Z]$/, "use one capital letter"),
  names: LocalizedText,
  /** Walk-in services issue tickets at the kiosk; appointment-only ones are booked instead. */
  mode: z.enum(["walk-in", "appointment"]).default("walk-in"),
  defaultServiceMinutes: z.number().min(1).max(240).default(10),
  open: z.boolean().default(true),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const COUNTER_MODES = ["front", "back-office", "paused", "closed"] as const;
export const CounterMode = z.enum(COUNTER_MODES);
export type CounterMode = z.infer<typeof CounterMode>;

export const CounterConfig = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(40),
  serviceIds: z.array(Slug).max(50),
  defaultMode: CounterMode.default("front"),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const OfficeConfig = z
  .object({
    name: z.string().trim().min(1).max(80),
    timeZone: z.string().refine(isTimeZone, "unknown IANA time zone"),
    /** The first language is the office's own: voice announcements and defaults use it. */
    languages: z.array(LanguageCode).min(1).max(10),
    openingHours: OpeningHours,
    closedDates: z.array(IsoDate).max(366).default([]),
    services: z.array(ServiceConfig).min(1).max(26),
    counters: z.array(CounterConfig).min(1).max(100),
    /** Citizens may take a ticket from their own phone (off by default: the office decides). */
    allowRemoteTickets: z.boolean().default(false),
    targetWaitMinutes: z.number().int().min(1).max(480).default(20),
  })
  .superRefine((config, ctx) => {
    const serviceIds = new Set<string>();
    const prefixes = new Set<string>();
    config.services.forEach((service, index) => {
      if (serviceIds.has(service.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["services", index, "id"],
          message: `duplicate service id "${service.id}"`,
        });
      }
      if (prefixes.has(service.prefix)) {
        ctx.addIssue({
          code: "custom",
          path: ["services", index, "prefix"],
          message: `prefix "${service.prefix}" is already used`,
        });
      }
      serviceIds.add(service.id);
      prefixes.add(service.prefix);
      for (const lang of config.languages) {
        if (!service.names[lang]) {
          ctx.addIssue({
            code: "custom",
            path: ["services", index, "names", lang],
            message: `missing name in "${lang}"`,
          });
        }
      }
    });
    const counterIds = new Set<string>();
    config.counters.forEach((counter, index) => {
      if (counterIds.has(counter.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["counters", index, "id"],
          message: `duplicate counter id "${counter.id}"`,
        });
      }
      counterIds.add(counter.id);
      counter.serviceIds.forEach((serviceId, serviceIndex) => {
        if (!serviceIds.has(serviceId)) {
          ctx.addIssue({
            code: "custom",
            path: ["counters", index, "serviceIds", serviceIndex],
            message: `unknown service "${serviceId}"`,
          });
        }
      });
    });
  });
export type OfficeConfig = z.infer<typeof OfficeConfig>;
export type OfficeConfigInput = z.input<typeof OfficeConfig>;
