import type { Hono } from "hono";
import { IssueTicketBody } from "../../shared/protocol/api";
import { device, staffRank } from "../auth/access";
import { clientAddress } from "../auth/authenticate";
import { errorResponse } from "../http/errors";
import { sendCommand } from "../http/office-client";
import { idempotencyKey, pathSlug, readBody } from "../http/request";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";
import { TicketToken } from "../office/internal";

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
        "Issues a ticket for a walk-in service: the ticket, people ahead, estimated wait and a tracking URL carrying an unguessable token. A kiosk's ticket is channel kiosk, staff's is staff, anyone else's is remote (refused with 403 unless the office allows remote tickets). Rate-limited per device, person and address (429 with Retry-After).",
      body: IssueTicketBody,
      success: [201, "The new ticket"],
      errors: [400, 403, 404, 409, 413, 422, 429],
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
      const principal = c.var.principal;
      // The channel follows who asks, never the body: a phone cannot pass for a kiosk.
      const channel =
        staffRank(principal, office.value) >= 1
          ? "staff"
          : device(principal, office.value, "kiosk")
            ? "kiosk"
            : "remote";
      return sendCommand(
        c,
        office.value,
        { type: "issueTicket", serviceId, priority, lang, channel },
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
      return officeClient(c.env, target.office).ticket(target.token);
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
      return officeClient(c.env, target.office).cancelTicket(target.token, {
        idempotencyKey: key.value,
        address: clientAddress(c.req.raw),
      });
    },
  );
}
