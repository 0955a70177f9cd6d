import type { Actor } from "../../shared/protocol/auth";
import type { AuditLog } from "../storage/audit-log";
import { type AppointmentRequestParts, appointmentRequests } from "./appointment-requests";
import { type CommandPipeline, unknownOffice } from "./command-pipeline";
import { feedbackState, giveFeedback } from "./feedback-answers";
import { feedbackCsvAnswer, feedbackReportAnswer } from "./feedback-report-answers";
import { AuditRequest, CommandRequest, OFFICE_PATHS, RevokeRequest, TicketToken } from "./internal";
import { InternalRouter, internalBody, invalidRequest } from "./internal-router";
import type { LiveConnections } from "./live-connections";
import {
  appointmentsCsvAnswer,
  importHistory,
  type ReportContext,
  reportAnswer,
  ticketsCsvAnswer,
  todayAnswer,
} from "./report-answers";
import { answerResponse } from "./responses";
import type { AppointmentsTable } from "./store/appointments-table";
import type { FeedbackTable } from "./store/feedback-table";
import type { TicketHistory } from "./store/ticket-history";
import type { TicketsTable } from "./store/tickets-table";
import { newTicketToken } from "./tokens";
import { officeView, ticketView } from "./views";
import { type WebhookRequestParts, webhookRequests } from "./webhooks/requests";

export interface RequestParts extends AppointmentRequestParts {
  webhooks: WebhookRequestParts;
  officeId: string;
  clock: () => number;
  pipeline: CommandPipeline;
  live: LiveConnections;
  tickets: TicketsTable;
  history: TicketHistory;
  appointments: AppointmentsTable;
  auditLog: AuditLog;
  feedback: FeedbackTable;
}

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null, name: null, address: null };

/** Every request the Worker makes to an office (client.ts), each path handled once. */
export function officeRequests(parts: RequestParts): InternalRouter {
  const { pipeline } = parts;
  const missing = () => answerResponse(unknownOffice(parts.officeId));
  /** The reading side needs a configured office. */
  const withReports =
    (
      answer: (request: Request, url: URL, context: ReportContext) => Response | Promise<Response>,
    ) =>
    (request: Request, url: URL) => {
      const state = pipeline.state;
      if (!state) return missing();
      return answer(request, url, {
        state,
        history: parts.history,
        appointments: parts.appointments,
        newToken: newTicketToken,
        clock: parts.clock,
      });
    };

  const router = new InternalRouter()
    .on("GET", OFFICE_PATHS.view, () => {
      const state = pipeline.state;
      if (!state) return missing();
      return Response.json(officeView(parts.officeId, state, pipeline.seq, parts.clock()));
    })
    .on("GET", OFFICE_PATHS.ticket, (_request, url) => {
      const ticket = ticketByToken(parts.tickets, url);
      if (!ticket) return unknownTicket();
      const view = ticketView(pipeline.state, ticket, parts.clock());
      // A served ticket's page asks for feedback while it may still be given (issue 15, point 4).
      const served = view.status === "done" ? parts.history.ticketById(ticket.id) : null;
      const feedback = served ? feedbackState(served, parts.feedback, parts.clock()) : undefined;
      return Response.json(feedback ? { ...view, feedback } : view);
    })
    .on("POST", OFFICE_PATHS.feedback, (request, url) => {
      const ticket = ticketByToken(parts.tickets, url);
      const served = ticket ? parts.history.ticketById(ticket.id) : null;
      if (!served) return unknownTicket();
      return giveFeedback(request, {
        ticket: served,
        feedback: parts.feedback,
        state: pipeline.state,
        now: parts.clock(),
      });
    })
    .on("DELETE", OFFICE_PATHS.ticket, (_request, url) => {
      const ticket = ticketByToken(parts.tickets, url);
      if (!ticket) return unknownTicket();
      return answerResponse(
        pipeline.run(
          { type: "cancelTicket", ticketId: ticket.id },
          {
            idempotencyKey: url.searchParams.get("idempotencyKey") ?? undefined,
            actor: {
              kind: "anonymous",
              id: null,
              name: "ticket holder",
              address: url.searchParams.get("address"),
            },
          },
        ),
      );
    })
    .on("GET", OFFICE_PATHS.audit, (_request, url) => {
      const before = Number(url.searchParams.get("before")) || undefined;
      const limit = Math.min(500, Math.max(1, Number(url.searchParams.get("limit")) || 100));
      return Response.json({ entries: parts.auditLog.list({ before, limit }) });
    })
    .on("POST", OFFICE_PATHS.audit, async (request) => {
      const body = await internalBody(request, AuditRequest);
      if (!body.ok) return body.response;
      const { at, actor, action, detail } = body.value;
      parts.auditLog.append(at, actor, action, detail);
      return Response.json({ ok: true });
    })
    .on("POST", OFFICE_PATHS.revoke, async (request) => {
      const body = await internalBody(request, RevokeRequest);
      if (!body.ok) return body.response;
      return Response.json({ closed: parts.live.close(body.value) });
    })
    .on(
      "POST",
      OFFICE_PATHS.history,
      withReports((request, _url, context) => importHistory(request, context)),
    )
    .on(
      "GET",
      OFFICE_PATHS.today,
      withReports((_request, _url, context) => todayAnswer(context)),
    )
    .on(
      "GET",
      OFFICE_PATHS.report,
      withReports((_request, url, context) => reportAnswer(url, context)),
    )
    .on(
      "GET",
      OFFICE_PATHS.ticketsCsv,
      withReports((_request, url, context) => ticketsCsvAnswer(url, context)),
    )
    .on(
      "GET",
      OFFICE_PATHS.feedbackReport,
      withReports((_request, url, context) => feedbackReportAnswer(url, context, parts.feedback)),
    )
    .on(
      "GET",
      OFFICE_PATHS.feedbackCsv,
      withReports((_request, url, context) => feedbackCsvAnswer(url, context, parts.feedback)),
    )
    .on(
      "GET",
      OFFICE_PATHS.appointmentsCsv,
      withReports((_request, url, context) => appointmentsCsvAnswer(url, context)),
    );
  return webhookRequests(appointmentRequests(router, parts), parts.webhooks);
}

function ticketByToken(tickets: TicketsTable, url: URL) {
  const token = TicketToken.safeParse(url.searchParams.get("token"));
  return token.success ? tickets.byToken(token.data) : null;
}

const unknownTicket = () =>
  Response.json(
    { error: { code: "unknown_ticket", message: "No ticket has this link." } },
    { status: 404 },
  );

/** A command's answer as it crosses back to the Worker by RPC: the body already JSON. */
export interface CommandReply {
  status: number;
  json: string;
  headers?: Record<string, string> | undefined;
}

/**
 * A queue command sent by RPC (client.ts): checked against the same schema as any
 * request to the office, then run as the HTTP path runs it.
 */
export async function commandReply(
  pipeline: CommandPipeline,
  input: unknown,
): Promise<CommandReply> {
  const parsed = CommandRequest.safeParse(input);
  if (!parsed.success)
    return { status: 400, json: JSON.stringify(invalidRequest(parsed.error.issues)) };
  const { command, idempotencyKey, origin, actor = SYSTEM_ACTOR } = parsed.data;
  const answer = await pipeline.submit(command, { idempotencyKey, origin, actor });
  return { status: answer.status, json: JSON.stringify(answer.body), headers: answer.headers };
}
