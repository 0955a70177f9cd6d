import type { WebhookBody } from "../../../shared/protocol/webhooks";
import { DAY_MS } from "../../storage/retention";
import type { Endpoint, WebhookEndpoints } from "../store/webhook-endpoints";
import type { AttemptOutcome, OutboxEvent, WebhookOutbox } from "../store/webhook-outbox";
import { webhookHeaders } from "./signature";

/** How long one attempt may take before it counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** An endpoint whose every attempt failed for this long is switched off. */
export const SWITCH_OFF_AFTER_MS = 3 * DAY_MS;
/** Deliveries one endpoint is sent in one alarm run, and the time after which it stops starting new ones. */
export const DELIVERIES_PER_RUN = 1000;
export const RUN_BUDGET_MS = 5_000;

const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = DAY_MS;

/** The wait after the `failures`-th failure in a row: 30 s, doubling, at most 24 h. */
export function retryDelay(failures: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/** Sends one request; the office's own `fetch`, which tests replace with a receiver of theirs. */
export type WebhookSend = (url: string, init: RequestInit) => Promise<Response>;

export interface DeliveryParts {
  officeId: string;
  storage: DurableObjectStorage;
  endpoints: WebhookEndpoints;
  outbox: WebhookOutbox;
  /** The office's clock: when attempts are due, and the 3 days of failures. */
  clock: () => number;
  send: () => WebhookSend;
  timeoutMs: () => number;
  /** An endpoint was switched off: the publisher reads the endpoints again. */
  endpointsChanged: () => void;
}

/** The body of a delivery: the same bytes on every retry (the timestamp is a header). */
export function webhookBody(officeId: string, event: OutboxEvent, withContact: boolean): string {
  const data =
    withContact && event.contact ? { ...event.data, contact: event.contact } : event.data;
  const body: WebhookBody = {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    officeId,
    seq: event.seq,
    data,
  };
  return JSON.stringify(body);
}

/**
 * The alarm's webhook work (issue 15, point 2): each due endpoint is sent
 * its pending deliveries in seq order, one at a time; seq N+1 is never sent
 * before N was answered 2xx, so a receiver sees the office's order. A
 * failure (no 2xx, no answer in 10 s) stops that endpoint until its retry:
 * 30 s after the first failure, doubling up to 24 h, the same id each time;
 * failing for 3 days switches it off. Endpoints are served side by side and
 * each at most DELIVERIES_PER_RUN (or RUN_BUDGET_MS) a run. The office goes
 * on serving commands while a request is out (an await, not a lock).
 */
export class WebhookDelivery {
  constructor(private readonly parts: DeliveryParts) {}

  /** When an attempt is next due (the office's clock), or null. */
  nextDue(): number | null {
    return this.parts.endpoints.nextAttempt();
  }

  async run(): Promise<void> {
    const due = this.parts.endpoints.due(this.parts.clock());
    await Promise.all(due.map((endpoint) => this.drain(endpoint)));
  }

  private async drain(start: Endpoint): Promise<void> {
    const { endpoints, outbox, clock } = this.parts;
    const began = Date.now();
    for (let sent = 0; sent < DELIVERIES_PER_RUN && Date.now() - began < RUN_BUDGET_MS; sent++) {
      // Read again each time: an administrator may have changed or removed it meanwhile.
      const endpoint = endpoints.byId(start.id);
      if (!endpoint?.enabled) return;
      const head = outbox.head(endpoint.id);
      if (!head) {
        endpoints.schedule(endpoint.id, null);
        return;
      }
      const outcome = await this.attempt(endpoint, head.event);
      const delivered = this.parts.storage.transactionSync(() => {
        outbox.record(endpoint.id, head.event.seq, outcome);
        if (outcome.ok) {
          endpoints.succeeded(endpoint.id);
          return true;
        }
        endpoints.failed(endpoint.id, outcome.at);
        const since = endpoint.failingSince ?? outcome.at;
        if (outcome.at - since >= SWITCH_OFF_AFTER_MS) {
          endpoints.switchOff(endpoint.id);
          this.parts.endpointsChanged();
        } else endpoints.schedule(endpoint.id, outcome.at + retryDelay(head.attempts + 1));
        return false;
      });
      if (!delivered) return;
    }
    // More may wait: the next run comes back for them (the alarm is set from next_attempt_at).
    endpoints.schedule(start.id, clock());
  }

  private async attempt(endpoint: Endpoint, event: OutboxEvent): Promise<AttemptOutcome> {
    const at = this.parts.clock();
    const body = webhookBody(this.parts.officeId, event, endpoint.includeContact);
    // The receiver checks the timestamp against its own clock: the real one.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = await webhookHeaders(endpoint.secrets(at), event.id, timestamp, body);
    try {
      const response = await this.parts.send()(endpoint.url, {
        method: "POST",
        headers,
        body,
        // A redirect is not followed (it could lead anywhere): it counts as a failure.
        redirect: "manual",
        signal: AbortSignal.timeout(this.parts.timeoutMs()),
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return { at, ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const message = timedOut ? "no answer within the timeout" : String(error).slice(0, 200);
      return { at, ok: false, status: null, error: message };
    }
  }
}
