import * as z from "zod/mini";
import { AccountView, AuditEntry, DeviceView } from "./auth";
import {
  CounterMode,
  IsoDate,
  LanguageCode,
  OpeningHours,
  ServiceConfig,
  Slug,
  VoiceConfig,
} from "./config";
import { OfficeEvent } from "./events";
import { PublicTicket } from "./public";
import { Notice, RecentCall } from "./state";
import { Ticket, TicketId } from "./ticket";

/**
 * The success answers of the HTTP API, beside the request bodies (api.ts,
 * auth.ts). The server types its answers from these, the clients parse with
 * them, and each route's spec names its own (worker/routes): the OpenAPI
 * document and the contract test (tests/worker/answers.test.ts) come from there.
 * Objects are not strict: a client keeps working when a field is added.
 */

const Count = z.int().check(z.gte(0));
const Events = z.array(OfficeEvent);

/** The 201 of issueTicket: the ticket, its tracking link (an unguessable token) and its place. */
export const IssuedTicket = z.object({
  ticket: Ticket,
  token: z.string(),
  trackingUrl: z.string(),
  peopleAhead: z.int(),
  estimatedWaitSeconds: z.nullable(z.number()),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** One counter with its ticket, as staff see it. */
export const CounterView = z.object({
  id: Slug,
  name: z.string(),
  serviceIds: z.array(Slug),
  mode: CounterMode,
  ticket: z.nullable(Ticket),
});
export type CounterView = z.infer<typeof CounterView>;

/** One counter as the waiting room sees it: its ticket is a public one. */
export const PublicCounterView = z.extend(CounterView, { ticket: z.nullable(PublicTicket) });
export type PublicCounterView = z.infer<typeof PublicCounterView>;

/** The answer to every counter action: the counter after it, and the events it caused. */
export const CounterAnswer = z.object({ counter: CounterView, events: Events });
export type CounterAnswer = z.infer<typeof CounterAnswer>;

/** A service with its live figures. */
export const ServiceView = z.extend(ServiceConfig, {
  waiting: Count,
  estimatedWaitSeconds: z.nullable(z.number()),
  averageServiceSeconds: z.number(),
});
export type ServiceView = z.infer<typeof ServiceView>;

/**
 * GET /api/offices/{office} (and the answer to configuring it): the
 * configuration and the live picture, with public tickets only (public.ts).
 */
export const OfficeView = z.object({
  id: Slug,
  name: z.string(),
  timeZone: z.string(),
  languages: z.array(LanguageCode),
  openingHours: OpeningHours,
  closedDates: z.array(IsoDate),
  targetWaitMinutes: z.int(),
  targetSharePercent: z.int(),
  allowRemoteTickets: z.boolean(),
  voice: VoiceConfig,
  day: IsoDate,
  open: z.boolean(),
  seq: Count,
  serverTime: z.number(),
  services: z.array(ServiceView),
  counters: z.array(PublicCounterView),
  /** Waiting tickets in order of arrival (not of calling, which would tell who has priority). */
  queue: z.array(PublicTicket),
  recentCalls: z.array(RecentCall),
  closedForToday: z.array(Slug),
  notice: z.nullable(Notice),
});
export type OfficeView = z.infer<typeof OfficeView>;

/** The holder gave up their place. */
export const CancelAnswer = z.object({
  ticketId: TicketId,
  status: z.literal("cancelled"),
  events: Events,
});
export type CancelAnswer = z.infer<typeof CancelAnswer>;

/** The office moved on to a new day (the office's own rollover). */
export const RolloverAnswer = z.object({ day: IsoDate, events: Events });
export type RolloverAnswer = z.infer<typeof RolloverAnswer>;

export const ServiceTodayAnswer = z.object({ closedForToday: z.array(Slug), events: Events });
export type ServiceTodayAnswer = z.infer<typeof ServiceTodayAnswer>;

export const NoticeAnswer = z.object({ notice: z.nullable(Notice), events: Events });
export type NoticeAnswer = z.infer<typeof NoticeAnswer>;

/** GET /api/offices/{office}/today: today's figures per service and who works each counter. */
export const TodayFigures = z.object({
  day: z.string(),
  services: z.record(
    z.string(),
    z.object({ issued: Count, served: Count, noShows: Count, cancelled: Count }),
  ),
  counters: z.record(
    z.string(),
    z.object({ clerkName: z.nullable(z.string()), since: z.nullable(z.number()) }),
  ),
});
export type TodayFigures = z.infer<typeof TodayFigures>;

/** A page of an audit log, newest first. */
export const AuditPage = z.object({ entries: z.array(AuditEntry) });
export type AuditPage = z.infer<typeof AuditPage>;

export const AccountList = z.object({ accounts: z.array(AccountView) });
export type AccountList = z.infer<typeof AccountList>;

export const DeviceList = z.object({ devices: z.array(DeviceView) });
export type DeviceList = z.infer<typeof DeviceList>;

/** A device that this browser now is (its cookie is set), or already was. */
export const PairedDevice = z.object({ device: DeviceView });
export type PairedDevice = z.infer<typeof PairedDevice>;

/** Which device this browser is for an office (GET …/devices/me): who it is, not its history. */
export const CurrentDevice = z.object({
  device: z.pick(DeviceView, { id: true, office: true, role: true, name: true }),
});
export type CurrentDevice = z.infer<typeof CurrentDevice>;

/** The operator's device: its token is shown this once. */
export const CreatedDevice = z.object({ device: DeviceView, token: z.string() });
export type CreatedDevice = z.infer<typeof CreatedDevice>;

export const DeviceCheck = z.object({ valid: z.boolean() });
export type DeviceCheck = z.infer<typeof DeviceCheck>;

/** How many accounts exist, and whether the one asked about does (null when none was named). */
export const SetupStatus = z.object({ accounts: Count, exists: z.nullable(z.boolean()) });
export type SetupStatus = z.infer<typeof SetupStatus>;

export const SetupAccountAnswer = z.object({ account: AccountView, created: z.boolean() });
export type SetupAccountAnswer = z.infer<typeof SetupAccountAnswer>;

/** Tickets added and skipped (already there, or not before today); the same for bookings. */
export const HistoryImported = z.object({
  added: Count,
  skipped: Count,
  appointmentsAdded: Count,
  appointmentsSkipped: Count,
});
export type HistoryImported = z.infer<typeof HistoryImported>;
