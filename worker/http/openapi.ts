import * as z from "zod/mini";
import { ErrorBody, TicketView } from "../../shared/protocol/api";
import { AccountView, AuditEntry, DeviceView, MeView } from "../../shared/protocol/auth";
import { Command } from "../../shared/protocol/commands";
import { OfficeConfig } from "../../shared/protocol/config";
import { OfficeEvent } from "../../shared/protocol/events";
import { PublicTicket } from "../../shared/protocol/public";
import {
  AuditPage,
  CounterAnswer,
  CounterView,
  IssuedTicket,
  OfficeView,
  PairedDevice,
} from "../../shared/protocol/responses";
import { Ticket } from "../../shared/protocol/ticket";
import { WebhookDelivery, WebhookEndpointView } from "../../shared/protocol/webhooks";
import { ClientMessage, PROTOCOL_VERSION, ServerMessage } from "../../shared/protocol/wire";
import { ROUTES, type RouteSpec } from "./route";

type JsonSchema = Record<string, unknown>;

/** What a JSON body or parameter may be on the wire (the input side of the schema). */
const schema = (type: z.ZodMiniType): JsonSchema =>
  z.toJSONSchema(type, { io: "input", unrepresentable: "any" }) as JsonSchema;

/**
 * Schemas the answers share, listed once under components and referred to
 * by name. An answer used by one route only is written out in its route.
 */
const COMPONENTS: Record<string, z.ZodMiniType> = {
  Error: ErrorBody,
  OfficeConfig,
  Ticket,
  PublicTicket,
  TicketView,
  OfficeEvent,
  OfficeView,
  CounterView,
  CounterAnswer,
  IssuedTicket,
  AccountView,
  MeView,
  DeviceView,
  PairedDevice,
  AuditEntry,
  AuditPage,
  WebhookEndpointView,
  WebhookDelivery,
};

const COMPONENT_PREFIX = "#/components/schemas/";
const INLINE_PREFIX = "inline:";

/**
 * Every answer schema as JSON Schema, in one pass so that the shared ones
 * are $refs: components by name, and one entry per route's own answer,
 * written out in the route.
 */
function answerSchemas(routes: readonly RouteSpec[]) {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodMiniType, string>();
  for (const [id, type] of Object.entries(COMPONENTS)) {
    registry.add(type, { id });
    idOf.set(type, id);
  }
  for (const route of routes) {
    const body = route.success.body;
    if (body && !idOf.has(body)) {
      const id = `${INLINE_PREFIX}${route.operationId}`;
      registry.add(body, { id });
      idOf.set(body, id);
    }
  }
  const { schemas } = z.toJSONSchema(registry, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `${COMPONENT_PREFIX}${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const components: Record<string, JsonSchema> = {};
  const inline = new Map<string, JsonSchema>();
  for (const [id, { $schema: _, $id: __, ...json }] of Object.entries(schemas)) {
    if (id.startsWith(INLINE_PREFIX)) inline.set(id, json);
    else components[id] = json;
  }
  const forAnswer = (body: z.ZodMiniType): JsonSchema => {
    const id = idOf.get(body)!;
    return inline.get(id) ?? { $ref: `${COMPONENT_PREFIX}${id}` };
  };
  return { components, forAnswer };
}

/** The query string's parameters, one per field of the route's query schema. */
function queryParameters(query: z.ZodMiniType | undefined) {
  if (!query) return [];
  const json = schema(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function operation(route: RouteSpec, forAnswer: (body: z.ZodMiniType) => JsonSchema) {
  const parameters: JsonSchema[] = [
    ...Object.entries(route.params ?? {}).map(([name, param]) => ({
      name,
      in: "path",
      required: true,
      schema: schema(param.schema),
    })),
    ...queryParameters(route.query),
  ];
  if (route.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,128}$" },
    });
  }
  const { success } = route;
  const responses: Record<string, unknown> = {
    [success.status]: {
      description: success.description,
      ...(success.body
        ? { content: { "application/json": { schema: forAnswer(success.body) } } }
        : success.mediaType
          ? { content: { [success.mediaType]: {} } }
          : {}),
    },
  };
  for (const status of route.errors) {
    responses[status] = {
      description: "Error",
      content: { "application/json": { schema: { $ref: `${COMPONENT_PREFIX}Error` } } },
    };
  }
  return {
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

/** The OpenAPI 3.1 document, generated from the same route table and schemas the server runs on. */
export function buildOpenApi(): unknown {
  const { components, forAnswer } = answerSchemas(ROUTES);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(route, forAnswer);
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
    components: { schemas: components },
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
