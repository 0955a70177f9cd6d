import * as z from "zod/mini";
import { CounterMode, IsoDate, OfficeConfig, Slug } from "./config";
import { Ticket, TicketId } from "./ticket";

export const CounterState = z.object({
  mode: CounterMode,
  /** The ticket called to or being served at this counter. */
  ticketId: z.nullable(TicketId),
});
export type CounterState = z.infer<typeof CounterState>;

/** Moving average of how long a service takes, fed by completed tickets. */
export const ServiceTiming = z.object({ averageSeconds: z.number(), samples: z.int() });
export type ServiceTiming = z.infer<typeof ServiceTiming>;

export const RecentCall = z.object({
  ticketId: TicketId,
  code: z.string(),
  serviceId: Slug,
  counterId: Slug,
  at: z.number(),
  recalls: z.int(),
});
export type RecentCall = z.infer<typeof RecentCall>;

/** A message for the waiting room's screens, set by a supervisor. */
export const NoticeText = z.string().check(z.minLength(1), z.maxLength(280));
export const Notice = z.object({ text: NoticeText, at: z.number() });
export type Notice = z.infer<typeof Notice>;

/**
 * The whole live state of one office. It holds only active tickets (waiting,
 * called, serving); finished ones live in the object's storage. It carries no
 * secrets, so it is what a live client receives as its snapshot.
 */
export const OfficeState = z.object({
  config: OfficeConfig,
  /** The office's local business day (YYYY-MM-DD in its time zone). */
  day: IsoDate,
  /** Last number issued today, per ticket prefix. */
  lastNumbers: z.record(z.string(), z.int()),
  tickets: z.record(TicketId, Ticket),
  counters: z.record(Slug, CounterState),
  timings: z.record(Slug, ServiceTiming),
  /** Newest first. */
  recentCalls: z.array(RecentCall),
  /** Services whose tickets are finished for today (a supervisor closed them); reopened at midnight. */
  closedForToday: z._default(z.array(Slug), []),
  /** Shown on every display until cleared. */
  notice: z._default(z.nullable(Notice), null),
});
export type OfficeState = z.infer<typeof OfficeState>;
