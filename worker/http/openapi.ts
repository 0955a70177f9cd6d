import * as z from "zod/mini";
import { ErrorBody, TicketView } from "../../shared/protocol/api";
import { Command } from "../../shared/protocol/commands";
import { OfficeConfig } from "../../shared/protocol/config";
import { OfficeEvent } from "../../shared/protocol/events";
import { Ticket } from "../../shared/protocol/ticket";
import { ClientMessage, PROTOCOL_VERSION, ServerMessage } from "../../shared/protocol/wire";
import { ROUTES } from "./route";

const schema = (type: z.ZodMiniType) =>
  z.toJSONSchema(type, { io: "input", unrepresentable: "any" });

/** The OpenAPI 3.1 document, generated from the same route table and schemas the server runs on. */
export function buildOpenApi(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (route.idempotent) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        schema: { type: "string" },
      });
    }
    const responses: Record<string, unknown> = {
      [route.success[0]]: { description: route.success[1] },
    };
    for (const status of route.errors) {
      responses[status] = {
        description: "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      "x-turno-role": route.role,
      parameters,
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schema(route.body) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Turno API",
      version: "1.0.0",
      description:
        "Queue management for public front offices. Every mutating request accepts an Idempotency-Key header. Errors are { error: { code, message } }. x-turno-role says who may call each route.",
    },
    paths,
    components: {
      schemas: {
        Error: schema(ErrorBody),
        OfficeConfig: schema(OfficeConfig),
        Ticket: schema(Ticket),
        TicketView: schema(TicketView),
      },
    },
    "x-turno-live-protocol": {
      version: PROTOCOL_VERSION,
      endpoint: "/api/offices/{office}/live?v=1&role=display|kiosk|counter|ticket[&token=…]",
      notes:
        "On connect, stream roles get a snapshot with seq; each later `events` frame carries the seq of its first event. On a gap, send { type: 'sync' }. The text 'ping' is answered with 'pong'. Ticket holders get `ticket` frames only. Kiosk and counter sockets may send commands.",
      clientMessage: schema(ClientMessage),
      serverMessage: schema(ServerMessage),
      command: schema(Command),
      event: schema(OfficeEvent),
    },
  };
}
