import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifyWebhook, webhookServer } from "../../scripts/examples/webhook-verifier.mjs";
import { webhookBody } from "../../worker/office/webhooks/delivery";
import { newWebhookSecret, webhookHeaders } from "../../worker/office/webhooks/signature";

/**
 * The README's verifier for integrators (issue 15, point 3) is a real file,
 * run here: against the Standard Webhooks spec's vector, against what the
 * office's own signer sends (rotation included), and as a server.
 */

const key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const vector = {
  "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
  "webhook-timestamp": "1614265330",
  "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const payload = '{"test": 2432232314}';
const vectorTime = 1614265330 * 1000;

const event = {
  seq: 7,
  id: "msg_abcdefghijklmnopqrstuv",
  type: "ticket.called",
  occurredAt: 1_765_000_000_000,
  data: { ticketId: "2026-12-06-A001", code: "A001", serviceId: "general", counterId: "desk-1" },
  contact: null,
};

describe("The README's webhook verifier", () => {
  it("Accepts the spec's test vector, and refuses it altered, unsigned or outside the 5-minute window.", () => {
    expect(verifyWebhook(key, vector, payload, vectorTime)).toEqual({ test: 2432232314 });
    expect(verifyWebhook([key], vector, payload, vectorTime + 299_000)).toEqual({
      test: 2432232314,
    });
    expect(() => verifyWebhook(key, vector, payload, vectorTime + 301_000)).toThrow(/window/);
    expect(() => verifyWebhook(key, vector, payload, vectorTime - 301_000)).toThrow(/window/);
    expect(() => verifyWebhook(key, vector, '{"test": 2432232315}', vectorTime)).toThrow(
      /signature/,
    );
    expect(() =>
      verifyWebhook(
        key,
        { ...vector, "webhook-signature": "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=" },
        payload,
        vectorTime,
      ),
    ).toThrow(/signature/);
    const { "webhook-id": _, ...noId } = vector;
    expect(() => verifyWebhook(key, noId, payload, vectorTime)).toThrow(/missing/);
  });

  it("Verifies what the office sends, with either secret during a rotation and not with a stranger's.", async () => {
    const [current, previous, stranger] = [
      newWebhookSecret(),
      newWebhookSecret(),
      newWebhookSecret(),
    ];
    const body = webhookBody("town-hall", event, false);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = await webhookHeaders([current, previous], event.id, timestamp, body);
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verifyWebhook(current, headers, body)).toMatchObject({ seq: 7, officeId: "town-hall" });
    expect(verifyWebhook(previous, headers, body).id).toBe(event.id);
    expect(() => verifyWebhook(stranger, headers, body)).toThrow(/signature/);
  });

  it("Runs as a server: a good delivery is handled once, a repeat answered 204 again, a bad one 401.", async () => {
    const secret = newWebhookSecret();
    const handled: unknown[] = [];
    const server = webhookServer(secret, (e: unknown) => handled.push(e));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const body = webhookBody("town-hall", event, false);
      const headers = await webhookHeaders([secret], event.id, Math.floor(Date.now() / 1000), body);
      const post = (h: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: h, body });
      expect((await post(headers)).status).toBe(204);
      expect((await post(headers)).status).toBe(204);
      expect(handled).toHaveLength(1);
      expect((await post({ ...headers, "webhook-signature": "v1,AAAA" })).status).toBe(401);
    } finally {
      server.close();
    }
  });

  it("Starts from the command line with its secret.", async () => {
    const child = spawn(process.execPath, ["scripts/examples/webhook-verifier.mjs"], {
      env: { ...process.env, TURNO_WEBHOOK_SECRET: newWebhookSecret(), PORT: "0" },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => resolve(chunk.toString()));
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toMatch(/^listening on /);
    } finally {
      child.kill();
    }
  });

  it("Is the code the README shows.", () => {
    const readme = readFileSync("README.md", "utf8");
    const file = readFileSync("scripts/examples/webhook-verifier.mjs", "utf8");
    const section = readme.slice(readme.indexOf("### Checking a delivery"));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block, "a js block under ### Checking a delivery").toBeDefined();
    expect(file).toContain(block!.trim());
  });
});
