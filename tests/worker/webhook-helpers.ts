import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import type {
  WebhookBody,
  WebhookDelivery,
  WebhookEndpointBody,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from "../../shared/protocol/webhooks";
import { api, officeStub } from "./helpers";

/** How the test receiver answers: 204, 500, never (until the office gives up), or a refused connection. */
export type ReceiverMode = "ok" | "fail" | "hang" | "refuse";

export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  parsed: WebhookBody;
  /** What the receiver answered (null: no answer). */
  status: number | null;
  at: number;
}

/**
 * An integrator's endpoint inside the test: the office object runs in the
 * test's isolate, so its `webhookSend` is replaced by this receiver's
 * handler (the same hook after an eviction must be installed again).
 */
export class TestReceiver {
  mode: ReceiverMode = "ok";
  readonly received: Received[] = [];

  /** What reached the receiver and was accepted (2xx), in arrival order. */
  get accepted(): Received[] {
    return this.received.filter((r) => r.status !== null && r.status < 300);
  }

  readonly send = async (url: string, init: RequestInit): Promise<Response> => {
    const body = String(init.body);
    const record: Received = {
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body,
      parsed: JSON.parse(body) as WebhookBody,
      status: null,
      at: Date.now(),
    };
    this.received.push(record);
    switch (this.mode) {
      case "ok":
        record.status = 204;
        return new Response(null, { status: 204 });
      case "fail":
        record.status = 500;
        return new Response("down for maintenance", { status: 500 });
      case "refuse":
        throw new TypeError("connection refused");
      case "hang":
        return new Promise((_resolve, reject) => {
          const signal = init.signal!;
          signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
      default: {
        const unknown: never = this.mode;
        return unknown;
      }
    }
  };
}

/** Puts the receiver (and a short timeout) into the office object now running. */
export async function installReceiver(
  officeId: string,
  receiver: TestReceiver,
  timeoutMs = 200,
): Promise<void> {
  await runInDurableObject(officeStub(officeId), (office) => {
    office.webhookSend = receiver.send;
    office.webhookTimeoutMs = timeoutMs;
  });
}

/** A controllable office clock; `advance` moves it on. */
export async function officeClock(officeId: string, start = Date.now()) {
  let now = start;
  await runInDurableObject(officeStub(officeId), (office) => {
    office.clock = () => now;
  });
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export async function createEndpoint(
  officeId: string,
  body: Partial<WebhookEndpointBody> = {},
): Promise<WebhookEndpointWithSecret> {
  const created = await api<WebhookEndpointWithSecret>("POST", `/offices/${officeId}/webhooks`, {
    body: { url: "https://hooks.example.org/turno", events: ["ticket.issued"], ...body },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

export async function endpointView(officeId: string, id: string): Promise<WebhookEndpointView> {
  const list = await api<{ endpoints: WebhookEndpointView[] }>(
    "GET",
    `/offices/${officeId}/webhooks`,
  );
  expect(list.status).toBe(200);
  const found = list.body.endpoints.find((e) => e.id === id);
  expect(found).toBeDefined();
  return found!;
}

export async function deliveryLog(officeId: string, id: string): Promise<WebhookDelivery[]> {
  const log = await api<{ deliveries: WebhookDelivery[] }>(
    "GET",
    `/offices/${officeId}/webhooks/${id}/deliveries`,
  );
  expect(log.status, JSON.stringify(log.body)).toBe(200);
  return log.body.deliveries;
}

/** Runs the office's alarm now (as if it fired), `times` times. */
export async function runAlarm(officeId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await runDurableObjectAlarm(officeStub(officeId));
}
