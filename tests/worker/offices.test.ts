import { env, listDurableObjectIds } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OfficeView } from "../../shared/protocol/responses";
import {
  api,
  callNext,
  createOffice,
  expectError,
  getOffice,
  issueTicket,
  LiveSocket,
  newOfficeId,
  pairedDevice,
  testOfficeConfig,
} from "./helpers";

describe("Creating and reading an office", () => {
  it("PUT on a new office id creates it and answers 201 with the office view.", async () => {
    const officeId = newOfficeId();
    const created = await api<OfficeView>("PUT", `/offices/${officeId}`, {
      body: testOfficeConfig(),
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(officeId);
    expect(created.body.services.map((s) => s.id)).toEqual(["general", "registry", "permits"]);
    expect(created.body.counters.map((c) => c.id)).toEqual(["desk-1", "desk-2", "back-1"]);
    expect(created.body.seq).toBe(1);
  });

  it("PUT on an existing office updates its configuration and answers 200, applied live.", async () => {
    const officeId = await createOffice();
    const config = testOfficeConfig({ patch: { name: "Renamed office" } });
    config.counters.push({ id: "desk-9", name: "Desk 9", serviceIds: ["general"] });
    const updated = await api<OfficeView & { name: string }>("PUT", `/offices/${officeId}`, {
      body: config,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe("Renamed office");
    const view = await getOffice(officeId);
    expect(view.counters.map((c) => c.id)).toContain("desk-9");
    expect(view.seq).toBe(2);
  });

  it("A configuration that removes a service still holding tickets is refused with 409 config_conflict.", async () => {
    const officeId = await createOffice();
    await issueTicket(officeId, "registry");
    const config = testOfficeConfig();
    config.services = config.services.filter((s) => s.id !== "registry");
    for (const counter of config.counters) {
      counter.serviceIds = counter.serviceIds.filter((id) => id !== "registry");
    }
    expectError(await api("PUT", `/offices/${officeId}`, { body: config }), 409, "config_conflict");
  });

  it("An invalid configuration is refused with 400 invalid_request and a list of issues.", async () => {
    const config = testOfficeConfig({ patch: { timeZone: "Mars/Olympus_Mons" } });
    const result = await api<{ error: { issues: { path: string }[] } }>(
      "PUT",
      `/offices/${newOfficeId()}`,
      { body: config },
    );
    expectError(result, 400, "invalid_request");
    expect(result.body.error.issues.map((i) => i.path)).toContain("timeZone");
  });

  it("GET on an office shows each service's waiting count and estimated wait, each counter's mode and ticket, the queue and recent calls.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId, "general");
    const second = await issueTicket(officeId, "general");
    const third = await issueTicket(officeId, "registry");
    const called = await callNext(officeId, "desk-1");
    expect(called.id).toBe(first.ticket.id);

    const view = await getOffice(officeId);
    expect(view.id).toBe(officeId);
    expect(view.open).toBe(true);
    const general = view.services.find((s) => s.id === "general")!;
    const registry = view.services.find((s) => s.id === "registry")!;
    const permits = view.services.find((s) => s.id === "permits")!;
    expect(general.waiting).toBe(1);
    // One waiting × 5 minutes ÷ two front desks.
    expect(general.estimatedWaitSeconds).toBe(150);
    expect(registry.waiting).toBe(1);
    expect(registry.estimatedWaitSeconds).toBe(300);
    // No front counter serves the appointment-only service: no estimate rather than a made-up one.
    expect(permits.estimatedWaitSeconds).toBeNull();

    expect(view.counters).toEqual([
      expect.objectContaining({ id: "desk-1", name: "Desk 1", mode: "front" }),
      expect.objectContaining({ id: "desk-2", mode: "front", ticket: null }),
      expect.objectContaining({ id: "back-1", mode: "back-office", ticket: null }),
    ]);
    expect(view.counters[0]?.ticket).toMatchObject({ id: first.ticket.id, status: "called" });
    expect(view.queue.map((t) => t.id)).toEqual([second.ticket.id, third.ticket.id]);
    expect(view.recentCalls).toEqual([
      expect.objectContaining({ ticketId: first.ticket.id, code: "A001", counterId: "desk-1" }),
    ]);
  });

  it("GET on an office that was never configured is 404 unknown_office.", async () => {
    expectError(await api("GET", `/offices/${newOfficeId("ghost")}`), 404, "unknown_office");
  });

  it("Requests to an office that was never created, on any route, answer 404 unknown_office and leave no stored object behind (issue 13, point 10); creating it then works.", async () => {
    const ghost = newOfficeId("ghost");
    const kiosk = await pairedDevice(await createOffice(), "kiosk");
    const answers = [
      await api("GET", `/offices/${ghost}`, { as: "anonymous" }),
      await api("GET", `/offices/${ghost}/tickets/${"t".repeat(22)}`, { as: "anonymous" }),
      await api("POST", `/offices/${ghost}/tickets`, { body: { serviceId: "general" } }),
      await api("POST", `/offices/${ghost}/counters/desk-1/call-next`),
      await api("POST", `/offices/${ghost}/devices/pair`, {
        as: "anonymous",
        body: { code: "ABCD-EFGH" },
      }),
      await api("POST", `/offices/${ghost}/tickets`, {
        as: kiosk.as,
        body: { serviceId: "general" },
      }),
      await api("GET", `/offices/${ghost}/reports?from=2026-01-01&to=2026-01-31`),
    ];
    for (const answer of answers) expectError(answer, 404, "unknown_office");
    const socket = await LiveSocket.open(ghost, "v=1&role=display");
    expect((await socket.next("error")).error.code).toBe("unknown_office");
    expect((await socket.closedBy()).code).toBe(4004);
    const stored = await listDurableObjectIds(env.Office);
    const ghostId = env.Office.idFromName(ghost);
    expect(stored.some((id) => id.equals(ghostId))).toBe(false);

    await createOffice(testOfficeConfig(), ghost);
    expect((await getOffice(ghost)).services.length).toBeGreaterThan(0);
  });

  it("An office id that is not a slug is 404 unknown_office, for reads and writes alike.", async () => {
    expectError(await api("GET", "/offices/Not_A_Slug"), 404, "unknown_office");
    expectError(
      await api("PUT", "/offices/Not_A_Slug", { body: testOfficeConfig() }),
      404,
      "unknown_office",
    );
  });
});

describe("The OpenAPI document", () => {
  it("The OpenAPI document lists every route the Worker serves, each with its x-turno-role.", async () => {
    const result = await api<{
      openapi: string;
      paths: Record<string, Record<string, { "x-turno-role"?: string; operationId?: string }>>;
    }>("GET", "/openapi.json");
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toContain("application/json");
    expect(result.body.openapi).toBe("3.1.0");
    const operations = Object.entries(result.body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, ...op })),
    );
    const counter = "/api/offices/{office}/counters/{counter}";
    expect(operations.map((op) => op.route).sort()).toEqual(
      [
        "get /api/offices/{office}",
        "put /api/offices/{office}",
        "post /api/offices/{office}/tickets",
        "get /api/offices/{office}/tickets/{token}",
        "delete /api/offices/{office}/tickets/{token}",
        "post /api/offices/{office}/tickets/{token}/feedback",
        `post ${counter}/call-next`,
        `post ${counter}/recall`,
        `post ${counter}/start`,
        `post ${counter}/complete`,
        `post ${counter}/no-show`,
        `post ${counter}/transfer`,
        `post ${counter}/call`,
        `put ${counter}/mode`,
        "get /api/offices/{office}/live",
        "post /api/auth/login",
        "post /api/auth/logout",
        "get /api/auth/me",
        "post /api/auth/password",
        "get /api/accounts",
        "post /api/accounts",
        "patch /api/accounts/{account}",
        "post /api/offices/{office}/pairing-codes",
        "post /api/offices/{office}/devices/pair",
        "post /api/offices/{office}/devices/adopt",
        "get /api/offices/{office}/devices/me",
        "get /api/offices/{office}/devices",
        "delete /api/offices/{office}/devices/{device}",
        "get /api/offices/{office}/audit",
        "get /api/audit",
        "get /api/setup/status",
        "post /api/setup/accounts",
        "post /api/setup/devices",
        "post /api/setup/devices/check",
        "put /api/offices/{office}/services/{service}/today",
        "put /api/offices/{office}/notice",
        "get /api/offices/{office}/today",
        "get /api/offices/{office}/reports",
        "get /api/offices/{office}/reports/tickets.csv",
        "get /api/offices/{office}/reports/appointments.csv",
        "get /api/offices/{office}/reports/feedback",
        "get /api/offices/{office}/reports/feedback.csv",
        "post /api/setup/offices/{office}/history",
        "get /api/offices/{office}/services/{service}/slots",
        "get /api/offices/{office}/appointments/challenge",
        "post /api/offices/{office}/appointments",
        "post /api/offices/{office}/appointments/check-in",
        "get /api/offices/{office}/appointments",
        "get /api/offices/{office}/appointments/{token}",
        "patch /api/offices/{office}/appointments/{token}",
        "delete /api/offices/{office}/appointments/{token}",
        "get /api/offices/{office}/appointments/{token}/calendar.ics",
        "post /api/offices/{office}/appointments/{token}/check-in",
        "get /api/offices/{office}/appointment-conflicts",
        "post /api/offices/{office}/appointment-conflicts/{appointment}/keep",
        "post /api/offices/{office}/appointment-conflicts/{appointment}/cancel",
        "get /api/webhooks/events",
        "get /api/offices/{office}/webhooks",
        "post /api/offices/{office}/webhooks",
        "patch /api/offices/{office}/webhooks/{endpoint}",
        "delete /api/offices/{office}/webhooks/{endpoint}",
        "post /api/offices/{office}/webhooks/{endpoint}/rotate",
        "post /api/offices/{office}/webhooks/{endpoint}/test",
        "get /api/offices/{office}/webhooks/{endpoint}/deliveries",
      ].sort(),
    );
    const roles = [
      "public",
      "ticket",
      "kiosk",
      "display",
      "clerk",
      "supervisor",
      "admin",
      "operator",
    ];
    for (const op of operations) {
      expect(roles, `${op.route} declares a role`).toContain(op["x-turno-role"]);
      expect(op.operationId, `${op.route} has an operationId`).toMatch(/\S/);
    }
    const roleOf = (route: string) => operations.find((op) => op.route === route)?.["x-turno-role"];
    expect(roleOf("put /api/offices/{office}")).toBe("admin");
    expect(roleOf("post /api/offices/{office}/tickets")).toBe("kiosk");
    expect(roleOf(`post ${counter}/call-next`)).toBe("clerk");
    expect(roleOf(`put ${counter}/mode`)).toBe("supervisor");
  });

  it("Every route listed in the document answers (it is not a 404 not_found from the router).", async () => {
    const officeId = await createOffice();
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>(
      "GET",
      "/openapi.json",
    );
    for (const [path, methods] of Object.entries(doc.body.paths)) {
      const concrete = path
        .replace("/api", "")
        .replace("{office}", officeId)
        .replace("{counter}", "desk-1")
        .replace("{token}", "A".repeat(22));
      for (const method of Object.keys(methods)) {
        const result = await api(method.toUpperCase(), concrete, {
          body: method === "get" || method === "delete" ? undefined : {},
        });
        expect(result.status, `${method} ${path}`).not.toBe(500);
        if (result.status === 404) {
          expect((result.body as { error: { code: string } }).error.code).not.toBe("not_found");
        }
      }
    }
  });
});
