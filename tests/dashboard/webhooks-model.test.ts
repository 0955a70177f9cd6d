import { describe, expect, it } from "vitest";
import { createWebhooksModel } from "../../dashboard/model/webhooks-model";
import type { HttpAnswer } from "../../shared/client/http";
import type { WebhookEndpointView } from "../../shared/protocol/webhooks";

const answer = (status: number, body: unknown = null): HttpAnswer => ({
  status,
  body,
  retryAfterSeconds: null,
});

const endpoint = (patch: Partial<WebhookEndpointView> = {}): WebhookEndpointView => ({
  id: "ep_AAAAAAAAAAAAAAAA",
  url: "https://hooks.example.org/turno",
  events: ["ticket.called"],
  includeContact: false,
  description: "",
  enabled: true,
  disabledReason: null,
  failingSince: null,
  previousSecretUntil: null,
  pending: 0,
  nextAttemptAt: null,
  createdAt: 1,
  ...patch,
});

function model(answers: HttpAnswer[]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const webhooks = createWebhooksModel({
    officeId: "scandicci",
    onUnauthorized: () => {},
    onForbidden: () => {},
    request: (method, path, body) => {
      calls.push({ method, path, body });
      return Promise.resolve(answers.shift() ?? answer(0));
    },
  });
  return { webhooks, calls };
}

describe("Setup's webhooks", () => {
  it("keeps the secret of a new endpoint until it is dismissed, and reads the list again.", async () => {
    const created = endpoint();
    const { webhooks, calls } = model([
      answer(201, { endpoint: created, secret: "whsec_c2VjcmV0" }),
      answer(200, { endpoints: [created] }),
    ]);
    const ok = await webhooks.create({
      url: " https://hooks.example.org/turno ",
      description: "",
      events: ["ticket.called"],
      includeContact: false,
    });
    expect(ok).toBe(true);
    expect(calls[0]).toMatchObject({
      method: "POST",
      path: "/api/offices/scandicci/webhooks",
      body: { url: "https://hooks.example.org/turno", events: ["ticket.called"] },
    });
    expect(webhooks.secret.value?.secret).toBe("whsec_c2VjcmV0");
    expect(webhooks.endpoints.value).toEqual([created]);
    webhooks.dismissSecret();
    expect(webhooks.secret.value).toBeNull();
  });

  it("says why a URL was refused, and keeps no secret.", async () => {
    const { webhooks } = model([
      answer(400, { error: { code: "invalid_webhook_url", message: "url: use an https URL." } }),
      answer(200, { endpoints: [] }),
    ]);
    const ok = await webhooks.create({
      url: "http://x.example.org",
      description: "",
      events: ["ticket.called"],
      includeContact: false,
    });
    expect(ok).toBe(false);
    expect(webhooks.problem.value?.code).toBe("invalid_webhook_url");
    expect(webhooks.secret.value).toBeNull();
  });

  it("opens the log after a test event, and switches an endpoint on again.", async () => {
    const off = endpoint({ enabled: false, disabledReason: "failing", failingSince: 5 });
    const { webhooks, calls } = model([
      answer(202, { delivery: {} }),
      answer(200, { deliveries: [] }),
      answer(200, { endpoints: [off] }),
      answer(200, endpoint()),
      answer(200, { endpoints: [endpoint()] }),
    ]);
    expect(await webhooks.sendTest(endpoint())).toBe(true);
    expect(webhooks.log.value).toEqual({ endpointId: off.id, deliveries: [] });
    expect(webhooks.tested.value).toBe(off.id);
    expect(await webhooks.setEnabled(off, true)).toBe(true);
    expect(calls.at(-2)).toMatchObject({ method: "PATCH", body: { enabled: true } });
    expect(webhooks.endpoints.value?.[0]?.enabled).toBe(true);
  });

  it("changes an endpoint's URL and events with one PATCH, keeping no secret; a refused URL says why.", async () => {
    const moved = endpoint({ url: "https://hooks.example.org/moved", events: ["ticket.issued"] });
    const { webhooks, calls } = model([
      answer(200, moved),
      answer(200, { endpoints: [moved] }),
      answer(400, { error: { code: "invalid_webhook_url", message: "url: use an https URL." } }),
      answer(200, { endpoints: [moved] }),
    ]);
    const change = {
      url: " https://hooks.example.org/moved ",
      description: " SMS ",
      events: ["ticket.issued"],
      includeContact: false,
    };
    expect(await webhooks.update(endpoint(), change)).toBe(true);
    expect(calls[0]).toEqual({
      method: "PATCH",
      path: "/api/offices/scandicci/webhooks/ep_AAAAAAAAAAAAAAAA",
      body: {
        url: "https://hooks.example.org/moved",
        description: "SMS",
        events: ["ticket.issued"],
        includeContact: false,
      },
    });
    expect(webhooks.endpoints.value).toEqual([moved]);
    expect(webhooks.secret.value).toBeNull();
    expect(await webhooks.update(moved, { ...change, url: "http://x.example.org" })).toBe(false);
    expect(webhooks.problem.value?.code).toBe("invalid_webhook_url");
  });
});
