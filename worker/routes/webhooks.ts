import type { Hono } from "hono";
import * as z from "zod/mini";
import {
  SUBSCRIBABLE_TYPES,
  WEBHOOK_EVENT_DATA,
  WebhookDeliveryLog,
  WebhookEndpointBody,
  WebhookEndpointList,
  WebhookEndpointPatch,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  WebhookEventCatalogue,
  WebhookTestQueued,
} from "../../shared/protocol/webhooks";
import { actorOf } from "../auth/principal";
import { isLan } from "../http/deployment";
import { errorResponse } from "../http/errors";
import { officeParam, webhookParam } from "../http/path-params";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";
import { webhookUrlProblem } from "../http/webhook-url";
import { officeClient } from "../office/client";

/** The URL refused before the office is asked; null when it may receive webhooks. */
function refusedUrl(c: AppContext, url: string | undefined): Response | null {
  if (url === undefined) return null;
  const problem = webhookUrlProblem(url, { lan: isLan(c.env) });
  return problem ? errorResponse(400, "invalid_webhook_url", `url: ${problem}.`) : null;
}

/** The catalogue is the same for every caller and every request: built once. */
let catalogue: string | null = null;
function eventCatalogue(): string {
  catalogue ??= JSON.stringify({
    events: (Object.keys(WEBHOOK_EVENT_DATA) as (keyof typeof WEBHOOK_EVENT_DATA)[]).map(
      (type) => ({
        type,
        contactIfOptedIn: type.startsWith("appointment."),
        dataSchema: z.toJSONSchema(WEBHOOK_EVENT_DATA[type], {
          unrepresentable: "any",
        }) as Record<string, unknown>,
      }),
    ),
  } satisfies WebhookEventCatalogue);
  return catalogue;
}

const office = { office: officeParam };
const endpoint = { office: officeParam, endpoint: webhookParam };

/**
 * Signed webhooks (issue 15), configured by an office's administrators:
 * endpoints, their secrets (shown once, at creation and at each rotation),
 * their delivery logs and a test event. The event types are public.
 */
export function webhookRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "webhookEvents",
      method: "get",
      path: "/api/webhooks/events",
      role: "public",
      summary: `The webhook event types (${SUBSCRIBABLE_TYPES.length} and webhook.test), each with the JSON schema of its data. Every body is { id, type, occurredAt, officeId, seq, data }, signed by the Standard Webhooks scheme.`,
      success: { status: 200, description: "The event types", body: WebhookEventCatalogue },
      errors: [],
    },
    () =>
      new Response(eventCatalogue(), {
        headers: { "content-type": "application/json", "cache-control": "public, max-age=3600" },
      }),
  );

  defineRoute(
    app,
    {
      operationId: "listWebhooks",
      method: "get",
      path: "/api/offices/{office}/webhooks",
      role: "admin",
      summary: "The office's webhook endpoints (never their secrets), with what waits for each.",
      params: office,
      success: { status: 200, description: "The endpoints", body: WebhookEndpointList },
      errors: [401, 403, 404],
    },
    (c, { params }) => officeClient(c.env, params.office).webhooks(),
  );

  defineRoute(
    app,
    {
      operationId: "createWebhook",
      method: "post",
      path: "/api/offices/{office}/webhooks",
      role: "admin",
      summary:
        "Adds an endpoint ({ url, events, includeContact, description }); answers its secret (whsec_…) this once.",
      params: office,
      body: WebhookEndpointBody,
      success: {
        status: 201,
        description: "The endpoint and its secret",
        body: WebhookEndpointWithSecret,
      },
      errors: [400, 401, 403, 404, 409, 413],
    },
    (c, { params, body }) =>
      refusedUrl(c, body.url) ??
      officeClient(c.env, params.office).changeWebhooks({
        op: "create",
        endpoint: body,
        actor: actorOf(c.var.principal),
      }),
  );

  defineRoute(
    app,
    {
      operationId: "changeWebhook",
      method: "patch",
      path: "/api/offices/{office}/webhooks/{endpoint}",
      role: "admin",
      summary:
        "Changes an endpoint's URL, events, contact opt-in or description, or switches it on or off (enabled).",
      params: endpoint,
      body: WebhookEndpointPatch,
      success: { status: 200, description: "The endpoint", body: WebhookEndpointView },
      errors: [400, 401, 403, 404, 413],
    },
    (c, { params, body }) =>
      refusedUrl(c, body.url) ??
      officeClient(c.env, params.office).changeWebhooks({
        op: "update",
        id: params.endpoint,
        change: body,
        actor: actorOf(c.var.principal),
      }),
  );

  defineRoute(
    app,
    {
      operationId: "deleteWebhook",
      method: "delete",
      path: "/api/offices/{office}/webhooks/{endpoint}",
      role: "admin",
      summary: "Removes an endpoint and what waited for it.",
      params: endpoint,
      success: { status: 204, description: "Removed" },
      errors: [401, 403, 404],
    },
    (c, { params }) =>
      officeClient(c.env, params.office).changeWebhooks({
        op: "delete",
        id: params.endpoint,
        actor: actorOf(c.var.principal),
      }),
  );

  defineRoute(
    app,
    {
      operationId: "rotateWebhookSecret",
      method: "post",
      path: "/api/offices/{office}/webhooks/{endpoint}/rotate",
      role: "admin",
      summary:
        "A new secret, answered this once; for 24 hours each delivery is signed with the new and the previous one.",
      params: endpoint,
      success: {
        status: 200,
        description: "The endpoint and its new secret",
        body: WebhookEndpointWithSecret,
      },
      errors: [401, 403, 404],
    },
    (c, { params }) =>
      officeClient(c.env, params.office).changeWebhooks({
        op: "rotate",
        id: params.endpoint,
        actor: actorOf(c.var.principal),
      }),
  );

  defineRoute(
    app,
    {
      operationId: "testWebhook",
      method: "post",
      path: "/api/offices/{office}/webhooks/{endpoint}/test",
      role: "admin",
      summary:
        "Queues a webhook.test event for this endpoint alone, after what already waits for it; its log shows the outcome.",
      params: endpoint,
      success: { status: 202, description: "The queued delivery", body: WebhookTestQueued },
      errors: [401, 403, 404, 409],
    },
    (c, { params }) =>
      officeClient(c.env, params.office).changeWebhooks({
        op: "test",
        id: params.endpoint,
        actor: actorOf(c.var.principal),
      }),
  );

  defineRoute(
    app,
    {
      operationId: "webhookDeliveries",
      method: "get",
      path: "/api/offices/{office}/webhooks/{endpoint}/deliveries",
      role: "admin",
      summary: "The endpoint's delivery log, newest first (the last 100; kept 30 days).",
      params: endpoint,
      success: { status: 200, description: "The deliveries", body: WebhookDeliveryLog },
      errors: [401, 403, 404],
    },
    (c, { params }) => officeClient(c.env, params.office).webhookDeliveries(params.endpoint),
  );
}
