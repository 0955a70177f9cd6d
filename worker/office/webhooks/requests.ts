import {
  MAX_WEBHOOK_ENDPOINTS,
  type WebhookDeliveryLog,
  type WebhookEndpointList,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from "../../../shared/protocol/webhooks";
import { randomToken } from "../../auth/encoding";
import { errorBody } from "../../http/errors";
import type { AuditLog } from "../../storage/audit-log";
import { DAY_MS } from "../../storage/retention";
import { OFFICE_PATHS, WebhookRequest } from "../internal";
import { type InternalRouter, internalBody } from "../internal-router";
import type { WebhookEndpoints } from "../store/webhook-endpoints";
import type { WebhookOutbox } from "../store/webhook-outbox";
import type { WebhookPublisher } from "./publisher";
import { newWebhookSecret } from "./signature";

/** How long the previous secret keeps signing after a rotation: a day to deploy the new one. */
export const ROTATION_OVERLAP_MS = DAY_MS;
/** Deliveries the log shows per endpoint. */
const LOG_LENGTH = 100;

export interface WebhookRequestParts {
  storage: DurableObjectStorage;
  clock: () => number;
  endpoints: WebhookEndpoints;
  outbox: WebhookOutbox;
  publisher: WebhookPublisher;
  auditLog: AuditLog;
  /** An endpoint has something due: the alarm is recomputed. */
  reschedule: () => void;
}

const unknownEndpoint = () =>
  Response.json(errorBody("unknown_webhook", "There is no such webhook endpoint here."), {
    status: 404,
  });

/** The office's webhook paths (internal.ts), on its one router: an administrator's Setup. */
export function webhookRequests(
  router: InternalRouter,
  parts: WebhookRequestParts,
): InternalRouter {
  const { endpoints, outbox } = parts;
  const view = (id: string): WebhookEndpointView | null => endpoints.view(id, outbox.pending(id));

  return router
    .on("GET", OFFICE_PATHS.webhooks, () =>
      Response.json({
        endpoints: endpoints.views((id) => outbox.pending(id)),
      } satisfies WebhookEndpointList),
    )
    .on("GET", OFFICE_PATHS.webhookDeliveries, (_request, url) => {
      const id = url.searchParams.get("id") ?? "";
      if (!endpoints.byId(id)) return unknownEndpoint();
      return Response.json({ deliveries: outbox.log(id, LOG_LENGTH) } satisfies WebhookDeliveryLog);
    })
    .on("POST", OFFICE_PATHS.webhooks, async (request) => {
      const body = await internalBody(request, WebhookRequest);
      if (!body.ok) return body.response;
      const change = body.value;
      const now = parts.clock();
      const answer = parts.storage.transactionSync((): Response => {
        if (change.op === "create") {
          if (endpoints.count() >= MAX_WEBHOOK_ENDPOINTS)
            return Response.json(
              errorBody(
                "too_many_webhooks",
                `An office has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints.`,
              ),
              { status: 409 },
            );
          const id = randomToken("ep_", 12);
          const secret = newWebhookSecret();
          endpoints.insert({ id, secret, ...change.endpoint }, now);
          parts.auditLog.append(now, change.actor, "createWebhook", {
            id,
            url: change.endpoint.url,
          });
          const created: WebhookEndpointWithSecret = { endpoint: view(id)!, secret };
          return Response.json(created, { status: 201 });
        }
        const endpoint = endpoints.byId(change.id);
        if (!endpoint) return unknownEndpoint();
        switch (change.op) {
          case "update": {
            endpoints.update(change.id, change.change);
            // Enabled again: what waited is due now (the 3 days of failures start over).
            if (change.change.enabled === true && !endpoint.enabled) endpoints.wake(change.id, now);
            parts.auditLog.append(now, change.actor, "changeWebhook", {
              id: change.id,
              ...change.change,
            });
            return Response.json(view(change.id));
          }
          case "delete":
            endpoints.delete(change.id);
            outbox.forgetEndpoint(change.id);
            parts.auditLog.append(now, change.actor, "deleteWebhook", { id: change.id });
            return new Response(null, { status: 204 });
          case "rotate": {
            const secret = newWebhookSecret();
            endpoints.rotate(change.id, secret, now + ROTATION_OVERLAP_MS);
            parts.auditLog.append(now, change.actor, "rotateWebhookSecret", { id: change.id });
            const rotated: WebhookEndpointWithSecret = { endpoint: view(change.id)!, secret };
            return Response.json(rotated);
          }
          case "test": {
            if (!endpoint.enabled)
              return Response.json(
                errorBody("webhook_disabled", "Switch this endpoint on to send it a test event."),
                { status: 409 },
              );
            const seq = parts.publisher.test(endpoint, now);
            return Response.json({ delivery: outbox.delivery(change.id, seq)! }, { status: 202 });
          }
          default: {
            const unknown: never = change;
            return unknown;
          }
        }
      });
      if (change.op !== "test") parts.publisher.endpointsChanged();
      if (answer.status < 300) parts.reschedule();
      return answer;
    });
}
