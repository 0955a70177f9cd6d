import { signal } from "@preact/signals";
import type { HttpAnswer } from "../../shared/client/http";
import {
  type WebhookDelivery,
  WebhookDeliveryLog,
  WebhookEndpointList,
  type WebhookEndpointView,
  WebhookEndpointWithSecret,
} from "../../shared/protocol/webhooks";
import { defaultRequest, type Outcome, officePath, outcomeOf, type Request } from "./api";

export interface WebhooksModelOptions {
  officeId: string;
  onUnauthorized: () => void;
  onForbidden: () => void;
  request?: Request;
}

/** What an endpoint is made of in the form (a new one, or one being changed). */
export interface NewWebhook {
  url: string;
  description: string;
  events: string[];
  includeContact: boolean;
}

/**
 * Setup's webhooks (issue 15), for the office's administrators: the
 * endpoints, the secret shown once after creating or rotating, each
 * endpoint's delivery log, and "send a test event".
 */
export function createWebhooksModel(options: WebhooksModelOptions) {
  const { officeId } = options;
  const request = options.request ?? defaultRequest;
  const endpoints = signal<WebhookEndpointView[] | null>(null);
  const problem = signal<Outcome | null>(null);
  const busy = signal<string | null>(null);
  /** The secret just made, until the administrator says it is copied: never fetched again. */
  const secret = signal<{ endpointId: string; url: string; secret: string } | null>(null);
  /** The log open under one endpoint. */
  const log = signal<{ endpointId: string; deliveries: WebhookDelivery[] } | null>(null);
  /** The endpoint a test event was just queued for. */
  const tested = signal<string | null>(null);

  const path = (tail = "") => officePath(officeId, `/webhooks${tail}`);

  function refused(answer: HttpAnswer): void {
    if (answer.status === 401) options.onUnauthorized();
    if (answer.status === 403) options.onForbidden();
    problem.value = outcomeOf(answer);
  }

  async function load(): Promise<void> {
    const answer = await request("GET", path());
    const parsed = answer.status === 200 ? WebhookEndpointList.safeParse(answer.body) : null;
    if (parsed?.success) endpoints.value = parsed.data.endpoints;
    else refused(answer);
  }

  /** One request at a time; the list is read again after it. */
  async function act(key: string, run: () => Promise<boolean>): Promise<boolean> {
    if (busy.peek()) return false;
    busy.value = key;
    problem.value = null;
    try {
      return await run();
    } finally {
      busy.value = null;
      await load();
    }
  }

  async function loadLog(endpointId: string): Promise<void> {
    const answer = await request("GET", path(`/${encodeURIComponent(endpointId)}/deliveries`));
    const parsed = answer.status === 200 ? WebhookDeliveryLog.safeParse(answer.body) : null;
    if (parsed?.success) log.value = { endpointId, deliveries: parsed.data.deliveries };
    else refused(answer);
  }

  return {
    endpoints,
    problem,
    busy,
    secret,
    log,
    tested,
    load,
    create(input: NewWebhook): Promise<boolean> {
      return act("create", async () => {
        const answer = await request("POST", path(), {
          url: input.url.trim(),
          description: input.description.trim(),
          events: input.events,
          includeContact: input.includeContact,
        });
        const parsed =
          answer.status === 201 ? WebhookEndpointWithSecret.safeParse(answer.body) : null;
        if (!parsed?.success) {
          refused(answer);
          return false;
        }
        const { endpoint } = parsed.data;
        secret.value = { endpointId: endpoint.id, url: endpoint.url, secret: parsed.data.secret };
        return true;
      });
    },
    rotate(endpoint: WebhookEndpointView): Promise<boolean> {
      return act(endpoint.id, async () => {
        const answer = await request("POST", path(`/${encodeURIComponent(endpoint.id)}/rotate`));
        const parsed =
          answer.status === 200 ? WebhookEndpointWithSecret.safeParse(answer.body) : null;
        if (!parsed?.success) {
          refused(answer);
          return false;
        }
        secret.value = { endpointId: endpoint.id, url: endpoint.url, secret: parsed.data.secret };
        return true;
      });
    },
    /** A new URL, description, events or contact opt-in; the secret stays. */
    update(endpoint: WebhookEndpointView, input: NewWebhook): Promise<boolean> {
      return act(endpoint.id, async () => {
        const answer = await request("PATCH", path(`/${encodeURIComponent(endpoint.id)}`), {
          url: input.url.trim(),
          description: input.description.trim(),
          events: input.events,
          includeContact: input.includeContact,
        });
        if (answer.status !== 200) refused(answer);
        return answer.status === 200;
      });
    },
    setEnabled(endpoint: WebhookEndpointView, enabled: boolean): Promise<boolean> {
      return act(endpoint.id, async () => {
        const answer = await request("PATCH", path(`/${encodeURIComponent(endpoint.id)}`), {
          enabled,
        });
        if (answer.status !== 200) refused(answer);
        return answer.status === 200;
      });
    },
    remove(endpoint: WebhookEndpointView): Promise<boolean> {
      return act(endpoint.id, async () => {
        const answer = await request("DELETE", path(`/${encodeURIComponent(endpoint.id)}`));
        if (answer.status !== 204) refused(answer);
        if (log.peek()?.endpointId === endpoint.id) log.value = null;
        return answer.status === 204;
      });
    },
    sendTest(endpoint: WebhookEndpointView): Promise<boolean> {
      return act(endpoint.id, async () => {
        const answer = await request("POST", path(`/${encodeURIComponent(endpoint.id)}/test`));
        if (answer.status !== 202) {
          refused(answer);
          return false;
        }
        tested.value = endpoint.id;
        await loadLog(endpoint.id);
        return true;
      });
    },
    toggleLog(endpointId: string): Promise<void> {
      if (log.peek()?.endpointId === endpointId) {
        log.value = null;
        return Promise.resolve();
      }
      return loadLog(endpointId);
    },
    /** The open log and the endpoints' counts (what waits, failing since), read again. */
    async refreshLog(): Promise<void> {
      const open = log.peek();
      await Promise.all([load(), open ? loadLog(open.endpointId) : null]);
    },
    dismissSecret(): void {
      secret.value = null;
    },
  };
}

export type WebhooksModel = ReturnType<typeof createWebhooksModel>;
