import * as z from "zod/mini";
import { CounterMode, IsoDate, OfficeConfig, Slug } from "./config";
import { Notice } from "./state";
import { Ticket, TicketId } from "./ticket";

/**
 * What happened, in order. Events are persisted to the office's log (reports
 * are built on it) and sent to live clients, which fold them with the same
 * `evolve` the server uses. They never carry a ticket's private token.
 */
const at = z.number();

export const OfficeConfigured = z.object({
  type: z.literal("officeConfigured"),
  at,
  config: OfficeConfig,
});
export const TicketIssued = z.object({ type: z.literal("ticketIssued"), at, ticket: Ticket });
export const TicketCalled = z.object({
  type: z.literal("ticketCalled"),
  at,
  ticketId: TicketId,
  counterId: Slug,
  /** True when the clerk chose this ticket instead of the next in line. */
  chosen: z.boolean(),
});
export const TicketRecalled = z.object({
  type: z.literal("ticketRecalled"),
  at,
  ticketId: TicketId,
  counterId: Slug,
});
export const ServiceStarted = z.object({
  type: z.literal("serviceStarted"),
  at,
  ticketId: TicketId,
  counterId: Slug,
});
export const TicketCompleted = z.object({
  type: z.literal("ticketCompleted"),
  at,
  ticketId: TicketId,
  counterId: Slug,
  serviceSeconds: z.number(),
});
export const TicketNoShow = z.object({
  type: z.literal("ticketNoShow"),
  at,
  ticketId: TicketId,
  counterId: Slug,
});
export const TicketTransferred = z.object({
  type: z.literal("ticketTransferred"),
  at,
  ticketId: TicketId,
  fromCounterId: Slug,
  toServiceId: Slug,
  toCounterId: z.nullable(Slug),
});
export const TicketCancelled = z.object({
  type: z.literal("ticketCancelled"),
  at,
  ticketId: TicketId,
});
export const CounterModeChanged = z.object({
  type: z.literal("counterModeChanged"),
  at,
  counterId: Slug,
  mode: CounterMode,
});
export const DayRolledOver = z.object({
  type: z.literal("dayRolledOver"),
  at,
  fromDay: IsoDate,
  toDay: IsoDate,
  expiredTicketIds: z.array(TicketId),
});

export const ServiceTodayChanged = z.object({
  type: z.literal("serviceTodayChanged"),
  at,
  serviceId: Slug,
  /** false: "tickets for today are finished"; true: issuing again. */
  open: z.boolean(),
});

export const NoticeChanged = z.object({
  type: z.literal("noticeChanged"),
  at,
  notice: z.nullable(Notice),
});

export const OfficeEvent = z.discriminatedUnion("type", [
  OfficeConfigured,
  TicketIssued,
  TicketCalled,
  TicketRecalled,
  ServiceStarted,
  TicketCompleted,
  TicketNoShow,
  TicketTransferred,
  TicketCancelled,
  CounterModeChanged,
  DayRolledOver,
  ServiceTodayChanged,
  NoticeChanged,
]);
export type OfficeEvent = z.infer<typeof OfficeEvent>;
export type OfficeEventType = OfficeEvent["type"];
export type EventOf<T extends OfficeEventType> = Extract<OfficeEvent, { type: T }>;
