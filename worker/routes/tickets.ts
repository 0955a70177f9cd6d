import type { Hono } from "hono";
import { IssueTicketBody, TicketView } from "../../shared/protocol/api";
import { FeedbackBody, FeedbackThanks } from "../../shared/protocol/feedback";
import { CancelAnswer, IssuedTicket } from "../../shared/protocol/responses";
import { device, staffRank } from "../auth/access";
import { errorResponse } from "../http/errors";
import { sendCommand } from "../http/office-client";
import { officeParam, ticketTokenParam } from "../http/path-params";
import { type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";

export function ticketRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "issueTicket",
      method: "post",
      path: "/api/offices/{office}/tickets",
      role: "kiosk",
      publicWhen: "the office allows remote tickets (allowRemoteTickets, off by default)",
      deviceCheckedByOffice: true,
      summary:
        "Issues a ticket for a walk-in service: the ticket, people ahead, estimated wait and a tracking URL carrying an unguessable token. A kiosk's ticket is channel kiosk, staff's is staff, anyone else's is remote (refused with 403 unless the office allows remote tickets; a remote ticket may not ask for priority: 403 priority_not_allowed). Rate-limited per device, person and address (429 with Retry-After).",
      params: { office: officeParam },
      body: IssueTicketBody,
      success: { status: 201, description: "The new ticket", body: IssuedTicket },
      errors: [400, 403, 404, 409, 413, 422, 429],
      idempotent: true,
    },
    (c, { params, body, idempotencyKey }) => {
      const { serviceId, priority = false, lang = null } = body;
      const principal = c.var.principal;
      // The channel follows who asks, never the body: a phone cannot pass for a kiosk.
      const channel =
        staffRank(principal, params.office) >= 1
          ? "staff"
          : device(principal, params.office, "kiosk")
            ? "kiosk"
            : "remote";
      // Checked here too, before the office is woken: only kiosks and staff issue priority (the engine refuses it as well).
      if (priority && channel === "remote")
        return errorResponse(
          403,
          "priority_not_allowed",
          "Priority tickets are issued only at the office's kiosks and desks.",
        );
      return sendCommand(
        c,
        params.office,
        { type: "issueTicket", serviceId, priority, lang, channel },
        idempotencyKey,
      );
    },
  );

  defineRoute(
    app,
    {
      operationId: "getTicket",
      method: "get",
      path: "/api/offices/{office}/tickets/{token}",
      role: "ticket",
      summary: "Status, position and estimated wait of one ticket, by its tracking token.",
      params: { office: officeParam, token: ticketTokenParam },
      success: { status: 200, description: "The ticket as its holder sees it", body: TicketView },
      errors: [404],
    },
    (c, { params }) => officeClient(c.env, params.office).ticket(params.token),
  );

  defineRoute(
    app,
    {
      operationId: "cancelTicket",
      method: "delete",
      path: "/api/offices/{office}/tickets/{token}",
      role: "ticket",
      summary: "The ticket's holder gives up their place (a waiting or called ticket only).",
      params: { office: officeParam, token: ticketTokenParam },
      success: { status: 200, description: "The ticket was cancelled", body: CancelAnswer },
      errors: [400, 404, 409],
      idempotent: true,
    },
    (c, { params, idempotencyKey }) =>
      officeClient(c.env, params.office).cancelTicket(params.token, {
        idempotencyKey,
        address: c.var.principal.address,
      }),
  );

  defineRoute(
    app,
    {
      operationId: "giveFeedback",
      method: "post",
      path: "/api/offices/{office}/tickets/{token}/feedback",
      role: "ticket",
      summary:
        "The holder's feedback after service: a score 1–5, reasons that fit it (1–3: waiting-time, information, courtesy, unfinished, other; 4–5: short-wait, clear-information, courtesy, finished, other) and an optional comment (≤ 500 characters). Once per ticket (409 feedback_given), only once served (409 ticket_not_done), for 24 hours after service (410 feedback_closed); 404 once the link is erased (the day after the ticket's). Stored with the service, local hour, wait and counter, never with the ticket.",
      params: { office: officeParam, token: ticketTokenParam },
      body: FeedbackBody,
      success: {
        status: 201,
        description: "Thanks: the feedback was recorded",
        body: FeedbackThanks,
      },
      errors: [400, 404, 409, 410, 413],
    },
    (c, { params, body }) => officeClient(c.env, params.office).giveFeedback(params.token, body),
  );
}
