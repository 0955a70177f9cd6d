import type { Hono } from "hono";
import { IssueTicketBody } from "../../shared/protocol/api";
import { errorResponse } from "../http/errors";
import { officeAnswer, officeStub, sendCommand } from "../http/office-client";
import { idempotencyKey, pathSlug, readBody } from "../http/request";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";
import { INTERNAL_ORIGIN, TicketToken } from "../office/internal";

function ticketUrl(token: string, key?: string): string {
  const url = new URL(`${INTERNAL_ORIGIN}/ticket`);
  url.searchParams.set("token", token);
  if (key) url.searchParams.set("idempotencyKey", key);
  return url.toString();
}

export function ticketRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "issueTicket",
      method: "post",
      path: "/api/offices/{office}/tickets",
      role: "kiosk",
      summary:
        "Issues a ticket for a walk-in service: the ticket, people ahead, estimated wait and a tracking URL carrying an unguessable token.",
      body: IssueTicketBody,
      success: [201, "The new ticket"],
      errors: [400, 403, 404, 409, 413, 422],
      idempotent: true,
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const key = idempotencyKey(c);
      if (!key.ok) return key.response;
      const body = await readBody(c, IssueTicketBody);
      if (!body.ok) return body.response;
      const { serviceId, priority = false, lang = null } = body.value;
      return sendCommand(
        c,
        office.value,
        { type: "issueTicket", serviceId, priority, lang, channel: "kiosk" },
        key.value,
      );
    },
  );

  const withToken = (c: AppContext) => {
    const office = pathSlug(c, "office", "office");
    if (!office.ok) return office;
    const token = TicketToken.safeParse(c.req.param("token"));
    if (!token.success) {
      return {
        ok: false as const,
        response: errorResponse(404, "unknown_ticket", "No ticket has this link."),
      };
    }
    return { ok: true as const, office: office.value, token: token.data };
  };

  defineRoute(
    app,
    {
      operationId: "getTicket",
      method: "get",
      path: "/api/offices/{office}/tickets/{token}",
      role: "ticket",
      summary: "Status, position and estimated wait of one ticket, by its tracking token.",
      success: [200, "The ticket as its holder sees it"],
      errors: [404],
    },
    async (c) => {
      const target = withToken(c);
      if (!target.ok) return target.response;
      return officeAnswer(officeStub(c, target.office).fetch(ticketUrl(target.token)));
    },
  );

  defineRoute(
    app,
    {
      operationId: "cancelTicket",
      method: "delete",
      path: "/api/offices/{office}/tickets/{token}",
      role: "ticket",
      summary: "The ticket's holder gives up their place (a waiting or called ticket only).",
      success: [200, "The ticket was cancelled"],
      errors: [400, 404, 409],
      idempotent: true,
    },
    async (c) => {
      const target = withToken(c);
      if (!target.ok) return target.response;
      const key = idempotencyKey(c);
      if (!key.ok) return key.response;
      return officeAnswer(
        officeStub(c, target.office).fetch(ticketUrl(target.token, key.value), {
          method: "DELETE",
        }),
      );
    },
  );
}
