import {
  FEEDBACK_WINDOW_MS,
  FeedbackBody,
  type FeedbackState,
} from "../../shared/protocol/feedback";
import type { OfficeState } from "../../shared/protocol/state";
import { LocalClock } from "../../shared/reports/local-clock";
import type { ReportTicket } from "../../shared/reports/report-ticket";
import { waitMillis } from "../../shared/reports/ticket-durations";
import { errorBody } from "../http/errors";
import { internalBody } from "./internal-router";
import type { FeedbackTable } from "./store/feedback-table";

/** Whether a ticket's holder may answer now: served, not yet answered, within 24 h of service. */
export function feedbackState(
  ticket: ReportTicket,
  feedback: FeedbackTable,
  now: number,
): FeedbackState | undefined {
  if (ticket.status !== "done") return undefined;
  if (feedback.given(ticket.id)) return "given";
  return ticket.finishedAt !== null && now - ticket.finishedAt <= FEEDBACK_WINDOW_MS
    ? "open"
    : "closed";
}

const refuse = (status: number, code: string, message: string) =>
  Response.json(errorBody(code, message), { status });

/**
 * The holder's answer: checked, then stored as service, local hour, wait (to the minute)
 * and counter with the score, reasons and comment, and the ticket marked, nothing more.
 */
export async function giveFeedback(
  request: Request,
  parts: {
    ticket: ReportTicket;
    feedback: FeedbackTable;
    state: OfficeState | null;
    now: number;
  },
): Promise<Response> {
  const body = await internalBody(request, FeedbackBody);
  if (!body.ok) return body.response;
  const { ticket, feedback, state, now } = parts;
  const open = feedbackState(ticket, feedback, now);
  if (open === undefined)
    return refuse(409, "ticket_not_done", "Feedback is asked once the ticket has been served.");
  if (open === "given")
    return refuse(409, "feedback_given", "Feedback for this ticket was already given.");
  if (open === "closed")
    return refuse(410, "feedback_closed", "Feedback is taken for 24 hours after service.");
  const finishedAt = ticket.finishedAt ?? now;
  const wait = waitMillis(ticket);
  const timeZone = state?.config.timeZone ?? "UTC";
  const hour = new Date(new LocalClock(timeZone).wallTime(finishedAt)).getUTCHours();
  const comment = body.value.comment?.trim() || null;
  const recorded = feedback.record(ticket.id, {
    day: ticket.day,
    hour,
    serviceId: ticket.serviceId,
    counterId: ticket.counterId,
    waitSeconds: wait === null ? null : Math.floor(wait / 60_000) * 60,
    score: body.value.score,
    reasons: body.value.reasons,
    comment,
  });
  if (!recorded)
    return refuse(409, "feedback_given", "Feedback for this ticket was already given.");
  return Response.json({ feedback: "given" }, { status: 201 });
}
