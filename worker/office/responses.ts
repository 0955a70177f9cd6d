import { queuePositionOf } from "../../shared/engine";
import type { Command } from "../../shared/protocol/commands";
import type { OfficeEvent } from "../../shared/protocol/events";
import type {
  CancelAnswer,
  CounterAnswer,
  IssuedTicket,
  NoticeAnswer,
  RolloverAnswer,
  ServiceTodayAnswer,
} from "../../shared/protocol/responses";
import type { OfficeState } from "../../shared/protocol/state";
import { API_HEADERS } from "../http/security-headers";
import { counterView, officeView } from "./views";

export interface CommandAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface AnswerContext {
  officeId: string;
  state: OfficeState;
  seq: number;
  now: number;
  events: OfficeEvent[];
  /** Token of the ticket this command issued, if it issued one. */
  token: string | null;
  origin: string | undefined;
}

/** An answer as the Response to the Worker, with the headers it would otherwise add by copying it. */
export function answerResponse(answer: CommandAnswer): Response {
  return jsonAnswer(answer.status, JSON.stringify(answer.body), answer.headers);
}

/** An answer already serialised (a command's reply by RPC, client.ts), with the API's headers. */
export function jsonAnswer(
  status: number,
  json: string,
  headers?: Record<string, string>,
): Response {
  return new Response(json, {
    status,
    headers: { ...API_HEADERS, "content-type": "application/json", ...headers },
  });
}

/** Tracking page for a ticket, the link its QR code carries. */
export function trackingUrl(origin: string | undefined, officeId: string, token: string): string {
  return `${origin ?? ""}/t/${officeId}/${token}`;
}

/** The HTTP answer to a command that the engine accepted. */
export function answerFor(command: Command, ctx: AnswerContext): CommandAnswer {
  const { state, events } = ctx;
  switch (command.type) {
    case "issueTicket":
    case "checkInAppointment": {
      const issued = events.find((e) => e.type === "ticketIssued");
      const ticket = issued ? state.tickets[issued.ticket.id] : undefined;
      if (!ticket || !ctx.token) throw new Error(`${command.type} accepted without a ticket`);
      const position = queuePositionOf(state, ticket, ctx.now);
      return {
        status: 201,
        body: {
          ticket,
          token: ctx.token,
          trackingUrl: trackingUrl(ctx.origin, ctx.officeId, ctx.token),
          peopleAhead: position.peopleAhead,
          estimatedWaitSeconds: position.estimatedWaitSeconds,
        } satisfies IssuedTicket,
      };
    }
    case "configure":
      return {
        status: events.length > 0 && ctx.seq === events.length ? 201 : 200,
        body: officeView(ctx.officeId, state, ctx.seq, ctx.now),
      };
    case "cancelTicket":
      return {
        status: 200,
        body: { ticketId: command.ticketId, status: "cancelled", events } satisfies CancelAnswer,
      };
    case "rollover":
      return { status: 200, body: { day: state.day, events } satisfies RolloverAnswer };
    case "setServiceToday":
      return {
        status: 200,
        body: { closedForToday: state.closedForToday, events } satisfies ServiceTodayAnswer,
      };
    case "setNotice":
      return { status: 200, body: { notice: state.notice, events } satisfies NoticeAnswer };
    default:
      return {
        status: 200,
        body: { counter: counterView(state, command.counterId), events } satisfies CounterAnswer,
      };
  }
}
