import * as z from "zod/mini";
import { CounterMode, LanguageCode, OfficeConfig, Slug } from "./config";
import { NoticeText } from "./state";
import { TicketAppointment, TicketChannel, TicketId } from "./ticket";

/**
 * Everything that can change an office's queue. The engine decides each one
 * against the current state; the Durable Object is the only place that runs them.
 */
export const IssueTicket = z.object({
  type: z.literal("issueTicket"),
  serviceId: Slug,
  priority: z._default(z.boolean(), false),
  lang: z._default(z.nullable(LanguageCode), null),
  channel: z._default(TicketChannel, "api"),
});

/**
 * A booked citizen has arrived: a ticket for their appointment, numbered in
 * the service's own series like a walk-in's. Whether the booking is valid and
 * on time is the office's to decide before it sends this; the engine only
 * refuses what the queue itself forbids.
 */
export const CheckInAppointment = z.object({
  type: z.literal("checkInAppointment"),
  serviceId: Slug,
  appointmentId: TicketAppointment.shape.id,
  slotStart: TicketAppointment.shape.slotStart,
  lang: z._default(z.nullable(LanguageCode), null),
  channel: z._default(TicketChannel, "api"),
});

const counterCommand = <T extends string>(type: T) =>
  z.object({ type: z.literal(type), counterId: Slug });

export const CallNext = counterCommand("callNext");
export const Recall = counterCommand("recall");
export const StartService = counterCommand("startService");
export const Complete = counterCommand("complete");
export const NoShow = counterCommand("noShow");

export const Transfer = z
  .object({
    type: z.literal("transfer"),
    counterId: Slug,
    toServiceId: z.optional(Slug),
    toCounterId: z.optional(Slug),
  })
  .check(
    z.refine((t) => (t.toServiceId === undefined) !== (t.toCounterId === undefined), {
      message: "give exactly one of toServiceId or toCounterId",
    }),
  );

export const CallTicket = z.object({
  type: z.literal("callTicket"),
  counterId: Slug,
  ticketId: TicketId,
});

export const SetCounterMode = z.object({
  type: z.literal("setCounterMode"),
  counterId: Slug,
  mode: CounterMode,
});

export const CancelTicket = z.object({ type: z.literal("cancelTicket"), ticketId: TicketId });

export const Configure = z.object({ type: z.literal("configure"), config: OfficeConfig });

/** A supervisor ends (or resumes) a service's tickets for the rest of the day. */
export const SetServiceToday = z.object({
  type: z.literal("setServiceToday"),
  serviceId: Slug,
  open: z.boolean(),
});

/** A supervisor's message to every display; null clears it. */
export const SetNotice = z.object({ type: z.literal("setNotice"), text: z.nullable(NoticeText) });

/** Sent by the object's alarm (and before any command) when the office's local day has changed. */
export const Rollover = z.object({ type: z.literal("rollover") });

export const Command = z.discriminatedUnion("type", [
  IssueTicket,
  CheckInAppointment,
  CallNext,
  Recall,
  StartService,
  Complete,
  NoShow,
  Transfer,
  CallTicket,
  SetCounterMode,
  CancelTicket,
  Configure,
  Rollover,
  SetServiceToday,
  SetNotice,
]);
export type Command = z.infer<typeof Command>;
export type CommandInput = z.input<typeof Command>;
