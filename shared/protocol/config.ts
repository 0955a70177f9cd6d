import * as z from "zod/mini";
import { BookingConfig, bookingIssues, ServiceMode } from "./booking";
import { ClockTime, ClosingTime, IsoDate } from "./time-formats";

export { IsoDate };

/*
 * Schemas use zod/mini: the same validation as classic zod at a twelfth of
 * the bundle size, which the waiting-room display's 25 KB budget needs.
 */

/** Slugs name offices, services and counters in URLs: short, lowercase, unambiguous. */
export const Slug = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
      "use 1–40 lowercase letters, digits or dashes, not starting or ending with a dash",
    ),
  );

export const LanguageCode = z
  .string()
  .check(z.regex(/^[a-z]{2}$/, "use a two-letter lowercase language code such as it or en"));

/** Names given in every language the office speaks, e.g. { it: "Anagrafe", en: "Registry" }. */
export const LocalizedText = z.record(
  LanguageCode,
  z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
);

export const OpeningInterval = z.object({ open: ClockTime, close: ClosingTime }).check(
  z.refine((i) => i.open < i.close, {
    params: { rule: "open_before_close" },
    error: (issue) => {
      const interval = issue.input as { open?: unknown; close?: unknown } | undefined;
      return `open must be before close (got ${String(interval?.open)}–${String(interval?.close)})`;
    },
  }),
);

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

const DayHours = z._default(z.array(OpeningInterval).check(z.maxLength(4)), []);
export const OpeningHours = z.object({
  mon: DayHours,
  tue: DayHours,
  wed: DayHours,
  thu: DayHours,
  fri: DayHours,
  sat: DayHours,
  sun: DayHours,
});

export const ServiceConfig = z.object({
  id: Slug,
  prefix: z.string().check(z.regex(/^[A-Z]$/, "use one capital letter A–Z")),
  names: LocalizedText,
  /** Walk-in services issue tickets at the kiosk; appointment-only ones are booked instead; mixed ones do both. */
  mode: z._default(ServiceMode, "walk-in"),
  defaultServiceMinutes: z._default(z.number().check(z.gte(1), z.lte(240)), 10),
  open: z._default(z.boolean(), true),
  /** Appointment and mixed services only; without it, an appointment service is booked elsewhere. */
  booking: z.optional(BookingConfig),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const COUNTER_MODES = ["front", "back-office", "paused", "closed"] as const;
export const CounterMode = z.enum(COUNTER_MODES);
export type CounterMode = z.infer<typeof CounterMode>;

export const CounterConfig = z.object({
  id: Slug,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  serviceIds: z.array(Slug).check(z.maxLength(50)),
  defaultMode: z._default(CounterMode, "front"),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

/** The waiting-room displays' voice, office-wide: each screen's own adjustment (Controlli voce) still wins. */
export const DEFAULT_VOICE = { volume: 1, rate: 0.9, pitch: 1, chime: true };
export const VoiceConfig = z.object({
  volume: z._default(z.number().check(z.gte(0), z.lte(1)), DEFAULT_VOICE.volume),
  rate: z._default(z.number().check(z.gte(0.5), z.lte(1.5)), DEFAULT_VOICE.rate),
  pitch: z._default(z.number().check(z.gte(0.5), z.lte(1.5)), DEFAULT_VOICE.pitch),
  /** false: the voice only, no chime before it. */
  chime: z._default(z.boolean(), DEFAULT_VOICE.chime),
});
export type VoiceConfig = z.infer<typeof VoiceConfig>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface IssueSink {
  issues: z.core.$ZodRawIssue[];
  value: unknown;
}

/** `rule` is the stable name clients word in their own language (shared/protocol/issues.ts). */
function addIssue(ctx: IssueSink, path: (string | number)[], rule: string, message: string) {
  ctx.issues.push({ code: "custom", path, message, input: ctx.value, params: { rule } });
}

export const OfficeConfig = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
    timeZone: z.string().check(
      z.refine(isTimeZone, {
        params: { rule: "time_zone" },
        error: (issue) =>
          `unknown IANA time zone ${JSON.stringify(String(issue.input).slice(0, 60))}: use one such as Europe/Rome`,
      }),
    ),
    /** The first language is the office's own: voice announcements and defaults use it. */
    languages: z.array(LanguageCode).check(z.minLength(1), z.maxLength(10)),
    openingHours: OpeningHours,
    closedDates: z._default(z.array(IsoDate).check(z.maxLength(366)), []),
    services: z.array(ServiceConfig).check(z.minLength(1), z.maxLength(26)),
    counters: z.array(CounterConfig).check(z.minLength(1), z.maxLength(100)),
    /** Citizens may take a ticket from their own phone (off by default: the office decides). */
    allowRemoteTickets: z._default(z.boolean(), false),
    targetWaitMinutes: z._default(z.int().check(z.gte(1), z.lte(480)), 20),
    /** The share of people to call within the target wait (%): the reports count desks for it. */
    targetSharePercent: z._default(z.int().check(z.gte(50), z.lte(99)), 80),
    voice: z._default(VoiceConfig, () => ({ ...DEFAULT_VOICE })),
    /**
     * Figures per clerk in the reports and the CSV (who served whom, how fast). Off where
     * worker-monitoring rules ask it: reports and CSV then name no clerk, and calls are no
     * longer recorded by clerk (README "Personal data").
     */
    clerkFigures: z._default(z.boolean(), true),
    /** Where the office is (street, town): a booking's calendar file gives it as the place. */
    address: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  })
  .check((ctx) => {
    const config = ctx.value;
    const serviceIds = new Set<string>();
    const prefixes = new Set<string>();
    config.services.forEach((service, index) => {
      if (serviceIds.has(service.id))
        addIssue(
          ctx,
          ["services", index, "id"],
          "duplicate_service_id",
          `duplicate service id "${service.id}": each service needs its own`,
        );
      if (prefixes.has(service.prefix)) {
        const other = config.services.findIndex((s) => s.prefix === service.prefix);
        addIssue(
          ctx,
          ["services", index, "prefix"],
          "prefix_taken",
          `prefix "${service.prefix}" is already used by services[${other}]: each service needs its own letter`,
        );
      }
      serviceIds.add(service.id);
      prefixes.add(service.prefix);
      for (const lang of config.languages) {
        if (!service.names[lang])
          addIssue(
            ctx,
            ["services", index, "names", lang],
            "missing_name",
            `missing name in "${lang}": every service is named in each of the office's languages`,
          );
      }
    });
    const counterIds = new Set<string>();
    config.counters.forEach((counter, index) => {
      if (counterIds.has(counter.id))
        addIssue(
          ctx,
          ["counters", index, "id"],
          "duplicate_counter_id",
          `duplicate counter id "${counter.id}": each counter needs its own`,
        );
      counterIds.add(counter.id);
      counter.serviceIds.forEach((serviceId, serviceIndex) => {
        if (!serviceIds.has(serviceId)) {
          addIssue(
            ctx,
            ["counters", index, "serviceIds", serviceIndex],
            "unknown_service",
            `unknown service "${serviceId}": not among this office's services`,
          );
        }
      });
    });
    for (const issue of bookingIssues(config)) addIssue(ctx, issue.path, issue.rule, issue.message);
  });
export type OfficeConfig = z.infer<typeof OfficeConfig>;
export type OfficeConfigInput = z.input<typeof OfficeConfig>;
