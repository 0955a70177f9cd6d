import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorBody } from "../../shared/protocol";
import {
  type ApiResult,
  api,
  callNext,
  createOffice,
  expectError,
  issueTicket,
  ORIGIN,
  officeStub,
  testOfficeConfig,
} from "./helpers";

const MAX_BODY_BYTES = 64 * 1024;

describe("Request validation", () => {
  it("A body that is not valid JSON is 400 malformed_json.", async () => {
    const officeId = await createOffice();
    const result = await api("POST", `/offices/${officeId}/tickets`, {
      rawBody: '{"serviceId": "general"',
      headers: { "content-type": "application/json" },
    });
    expectError(result, 400, "malformed_json");
  });

  it("A body of the wrong shape is 400 invalid_request, with the path of what is wrong.", async () => {
    const officeId = await createOffice();
    const result = await api<{ error: { message: string; issues: { path: string }[] } }>(
      "POST",
      `/offices/${officeId}/tickets`,
      { body: { serviceId: 42 } },
    );
    expectError(result, 400, "invalid_request");
    expect(result.body.error.issues[0]?.path).toBe("serviceId");
    expect(result.body.error.message).toMatch(/^serviceId: /);
  });

  it("A body with a field the route does not know is 400 invalid_request, so typos surface at once.", async () => {
    const officeId = await createOffice();
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, {
        body: { serviceId: "general", priorty: true },
      }),
      400,
      "invalid_request",
    );
    await issueTicket(officeId);
    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
        body: { now: true },
      }),
      400,
      "invalid_request",
    );
  });

  it("A JSON body that is not an object (null, an array, a number, a string) is 400 invalid_request.", async () => {
    const officeId = await createOffice();
    for (const rawBody of ["null", "[]", "42", '"general"', "true"]) {
      expectError(
        await api("POST", `/offices/${officeId}/tickets`, { rawBody }),
        400,
        "invalid_request",
      );
    }
  });

  it("A body over 64 KB is 413 payload_too_large, whether its length is declared or streamed.", async () => {
    const officeId = await createOffice();
    const big = JSON.stringify({ serviceId: "general", lang: "x".repeat(MAX_BODY_BYTES) });
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, { rawBody: big }),
      413,
      "payload_too_large",
    );
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const streamed = await SELF.fetch(`${ORIGIN}/api/offices/${officeId}/tickets`, {
      method: "POST",
      body: stream,
    });
    expect(streamed.headers.get("content-length")).not.toBe(String(bytes.length));
    expectError(
      { status: streamed.status, body: await streamed.json(), headers: streamed.headers },
      413,
      "payload_too_large",
    );
    expectError(
      await api("PUT", `/offices/${officeId}`, {
        body: { ...testOfficeConfig(), padding: "x".repeat(MAX_BODY_BYTES) },
      }),
      413,
      "payload_too_large",
    );
  });

  it("An Idempotency-Key that is empty, too long or not visible ASCII is 400 invalid_idempotency_key.", async () => {
    const officeId = await createOffice();
    for (const key of ["", "x".repeat(129), "has space", "tab\there"]) {
      const result = await api("POST", `/offices/${officeId}/tickets`, {
        body: { serviceId: "general" },
        headers: { "Idempotency-Key": key },
      });
      expectError(result, 400, "invalid_idempotency_key");
    }
    // Nothing was issued by the refused requests.
    expect((await issueTicket(officeId)).ticket.code).toBe("A001");
  });

  it("The office checks a command it gets by RPC itself (it trusts no caller): a malformed one is 400 invalid_request and changes nothing.", async () => {
    const officeId = await createOffice();
    const office = officeStub(officeId);
    for (const input of [
      null,
      "issueTicket",
      { command: { type: "issueTicket" } },
      { command: { type: "noSuchCommand" } },
      { command: { type: "issueTicket", serviceId: "general" }, origin: "not a url" },
    ]) {
      const reply = await office.runCommand(input);
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(ErrorBody.parse(JSON.parse(reply.json)).error.code).toBe("invalid_request");
    }
    const issued = await office.runCommand({
      command: { type: "issueTicket", serviceId: "general", channel: "staff" },
    });
    expect(issued.status).toBe(201);
    expect((JSON.parse(issued.json) as { ticket: { code: string } }).ticket.code).toBe("A001");
  });
});

describe("Not found", () => {
  it("An unknown route is 404 not_found, including a known path with the wrong method.", async () => {
    expectError(await api("GET", "/nothing-here"), 404, "not_found");
    expectError(await api("GET", "/offices"), 404, "not_found");
    expectError(await api("PATCH", "/offices/some-office"), 404, "not_found");
    expectError(await api("POST", "/openapi.json"), 404, "not_found");
    const officeId = await createOffice();
    expectError(
      await api("POST", `/offices/${officeId}/counters/desk-1/dance`, { body: {} }),
      404,
      "not_found",
    );
  });

  it("Any action on an office that does not exist is 404 unknown_office.", async () => {
    const ghost = "ghost-office-never-created";
    expectError(await api("GET", `/offices/${ghost}`), 404, "unknown_office");
    expectError(
      await api("POST", `/offices/${ghost}/tickets`, { body: { serviceId: "general" } }),
      404,
      "unknown_office",
    );
    expectError(
      await api("POST", `/offices/${ghost}/counters/desk-1/call-next`, { body: {} }),
      404,
      "unknown_office",
    );
    expectError(
      await api("PUT", `/offices/${ghost}/counters/desk-1/mode`, { body: { mode: "front" } }),
      404,
      "unknown_office",
    );
  });

  it("A back-office counter that tries to call is 409 counter_cannot_call.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId);
    expectError(
      await api("POST", `/offices/${officeId}/counters/back-1/call-next`, { body: {} }),
      409,
      "counter_cannot_call",
    );
  });
});

// This block makes a few hundred requests: it runs last in the file (see `api` in helpers).
describe("No input gives a 500", () => {
  // One of each kind: nothing, broken JSON, JSON that is not an object, wrong types,
  // prototype pollution, fields of other routes, deep nesting, control characters.
  const bodies: (string | undefined)[] = [
    undefined,
    " ",
    "{",
    "null",
    "[]",
    "-1e400",
    '{"serviceId":null,"priority":"yes","lang":"ITA"}',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    '{"mode":"front"}',
    '{"ticketId":"../../etc"}',
    '{"serviceId":"general","counterId":"desk-2"}',
    "[".repeat(5000),
    `{"name":"${"é".repeat(2000)}"}`,
    "\u0000\u0001\uFEFF{}",
  ];
  const routes = (officeId: string, token: string) => {
    const counter = `/offices/${officeId}/counters/desk-1`;
    return [
      ["PUT", `/offices/${officeId}`],
      ["GET", `/offices/${officeId}`],
      ["POST", `/offices/${officeId}/tickets`],
      ["GET", `/offices/${officeId}/tickets/${token}`],
      ["DELETE", `/offices/${officeId}/tickets/${token}`],
      ["POST", `${counter}/call-next`],
      ["POST", `${counter}/recall`],
      ["POST", `${counter}/start`],
      ["POST", `${counter}/complete`],
      ["POST", `${counter}/no-show`],
      ["POST", `${counter}/transfer`],
      ["POST", `${counter}/call`],
      ["PUT", `${counter}/mode`],
      ["GET", `/offices/${officeId}/live`],
    ] as const;
  };

  function expectWellFormed(result: ApiResult, what: string) {
    expect(result.status, what).toBeLessThan(500);
    if (result.status >= 400) {
      expect(
        ErrorBody.safeParse(result.body).success,
        `${what}: ${JSON.stringify(result.body)}`,
      ).toBe(true);
    }
  }

  it("Strange paths (encoded garbage, very long ids, dots, unicode) answer 404 with an error body.", async () => {
    const paths = [
      "/offices/%E0%A4%A",
      "/offices/%00",
      `/offices/${"a".repeat(5000)}`,
      "/offices/../../etc/passwd",
      "/offices/caf%C3%A9",
      "/offices/x/tickets/%ZZ",
      `/offices/x/tickets/${"A".repeat(5000)}`,
      "/offices/x/counters/%2e%2e/call-next",
      "/offices//tickets",
    ];
    const requests = paths.flatMap((path) =>
      ["GET", "POST", "PUT", "DELETE"].map((method) => ({ method, path })),
    );
    const results = await Promise.all(
      requests.map(({ method, path }) =>
        api(method, path, { rawBody: method === "GET" ? undefined : "{}" }),
      ),
    );
    results.forEach((result, index) => {
      const what = `${requests[index]?.method} ${requests[index]?.path.slice(0, 60)}`;
      expectWellFormed(result, what);
      expect(result.status, what).toBe(404);
    });
  }, 10_000);

  it("Malformed and hostile bodies on every route answer 2xx or 4xx, and every 4xx is { error: { code, message } }.", async () => {
    const officeId = await createOffice();
    const mine = await issueTicket(officeId);
    await callNext(officeId, "desk-1");
    // Bodies go to each route together: the checks are about the answers, not the order.
    for (const [method, path] of routes(officeId, mine.token)) {
      // A GET has no body to vary.
      const sent = method === "GET" ? [undefined] : bodies;
      const results = await Promise.all(
        sent.map((rawBody) =>
          api(method, path, { rawBody, headers: { "content-type": "application/json" } }),
        ),
      );
      results.forEach((result, index) => {
        const what = `${method} ${path} ${JSON.stringify(sent[index])?.slice(0, 40)}`;
        expectWellFormed(result, what);
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 20_000);
});
