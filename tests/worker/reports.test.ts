import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OfficeReport, ReportTicket } from "../../shared/reports";
import {
  api,
  createOffice,
  expectError,
  issueTicket,
  LiveSocket,
  officeStub,
  pairedDevice,
  signedIn,
  testOfficeConfig,
} from "./helpers";

/** Two past tickets on a Monday in Rome, written out so the figures can be checked by hand. */
function pastTickets(): ReportTicket[] {
  const at = (time: string) => Date.parse(`2026-03-02T${time}+01:00`);
  const ticket = (id: string, overrides: Partial<ReportTicket>): ReportTicket => ({
    id: `2026-03-02-${id}`,
    day: "2026-03-02",
    code: id,
    serviceId: "general",
    counterId: "desk-1",
    clerkId: "acc_past",
    clerkName: "anna",
    status: "done",
    channel: "kiosk",
    priority: false,
    issuedAt: at("10:00:00"),
    calledAt: at("10:10:00"),
    startedAt: at("10:11:00"),
    finishedAt: at("10:21:00"),
    transfers: 0,
    recalls: 0,
    ...overrides,
  });
  return [
    // Waited 10 min, served 10 min.
    ticket("A001", {}),
    // Waited 30 min (beyond a 20-minute target), served 5 min.
    ticket("A002", {
      issuedAt: at("10:20:00"),
      calledAt: at("10:50:00"),
      startedAt: at("10:50:00"),
      finishedAt: at("10:55:00"),
    }),
  ];
}

describe("Reports", () => {
  it("Imported past tickets make the report: arrivals at Monday 10:00, waits of 10 and 30 min (mean 20), half within a 20-minute target.", async () => {
    const officeId = await createOffice(
      testOfficeConfig({
        patch: { timeZone: "Europe/Rome", targetWaitMinutes: 20, targetSharePercent: 90 },
      }),
    );
    const imported = await api<{ added: number }>("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets: pastTickets() },
    });
    expect(imported.body).toEqual({
      added: 2,
      skipped: 0,
      appointmentsAdded: 0,
      appointmentsSkipped: 0,
    });
    const again = await api("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets: pastTickets() },
    });
    expect(again.body, "the same tickets twice are not counted twice").toEqual({
      added: 0,
      skipped: 2,
      appointmentsAdded: 0,
      appointmentsSkipped: 0,
    });

    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const report = await api<OfficeReport>(
      "GET",
      `/offices/${officeId}/reports?from=2026-03-01&to=2026-03-07`,
      { as: supervisor.as },
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.totals.tickets).toBe(2);
    expect(report.body.arrivals.peak).toMatchObject({ weekday: "mon", hour: 10, total: 2 });
    expect(report.body.times.overall.wait.meanSeconds).toBe(20 * 60);
    expect(report.body.times.overall.service.meanSeconds).toBe(7.5 * 60);
    expect(report.body.withinTarget.overall).toMatchObject({
      called: 2,
      withinTarget: 1,
      share: 0.5,
    });
    expect(report.body.times.byClerk.map((c) => c.clerkName)).toEqual(["anna"]);
    // Desks are counted for the office's own share: 90% within 20 min.
    expect(report.body.staffing).toMatchObject({ targetWaitMinutes: 20, serviceLevel: 0.9 });

    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=2026-03-01&to=2026-03-07`,
      { as: supervisor.as },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("2026-03-02 10:00:00");

    // Issue 10, point 18: the same tickets for Excel set to Italian, `;` between cells.
    const excel = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=2026-03-01&to=2026-03-07&format=excel-it`,
      { as: supervisor.as },
    );
    expect(excel.status).toBe(200);
    expect(excel.headers.get("content-disposition")).toContain("-excel-it.csv");
    const excelLines = String(excel.body).trim().split("\r\n");
    expect(excelLines).toHaveLength(3);
    expect(excelLines[0]).toContain("id;day;code;service;");
    expect(excelLines[1]!.split(";")).toHaveLength(lines[1]!.split(",").length);
    const unknown = await api(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=2026-03-01&to=2026-03-07&format=xlsx`,
      { as: supervisor.as },
    );
    expect(unknown.status).toBe(400);
  });

  it("A wrong range is 400, never a 500: not dates, from after to, longer than three years.", async () => {
    const officeId = await createOffice();
    for (const query of [
      "from=monday&to=friday",
      "from=2026-03-07&to=2026-03-01",
      "from=2020-01-01&to=2026-01-01",
      "",
    ]) {
      expectError(
        await api("GET", `/offices/${officeId}/reports?${query}`),
        400,
        "invalid_request",
      );
    }
  });

  it("Issue 13, point 6: a range is checked before a row is read, for the report and both CSVs: 400 with a JSON error, never a long read.", async () => {
    const officeId = await createOffice();
    await api("POST", `/setup/offices/${officeId}/history`, { body: { tickets: pastTickets() } });
    const queries: string[] = [];
    // Every query the office makes from here on is noted.
    await runInDurableObject(officeStub(officeId), (_office, state) => {
      const sql = state.storage.sql;
      const exec = sql.exec.bind(sql);
      sql.exec = ((query: string, ...bindings: SqlStorageValue[]) => {
        queries.push(query);
        return exec(query, ...bindings);
      }) as typeof sql.exec;
    });
    for (const path of ["reports", "reports/tickets.csv", "reports/appointments.csv"]) {
      for (const query of [
        "from=2020-01-01&to=2026-03-31",
        "from=0001-01-01&to=9999-12-31",
        "from=2026-03-07&to=2026-03-01",
        "from=2026-02-30&to=2026-03-07",
        "from=monday&to=friday",
      ]) {
        queries.length = 0;
        const answer = await api("GET", `/offices/${officeId}/${path}?${query}`);
        expectError(answer, 400, "invalid_request");
        expect(
          queries.filter((sql) => /\b(tickets|day_archive|appointments)\b/.test(sql)),
          `${path}?${query} read rows before refusing the range`,
        ).toEqual([]);
      }
    }
    const longest = await api<string>(
      "GET",
      `/offices/${officeId}/reports?from=2026-03-01&to=2026-03-31`,
    );
    expect(longest.status).toBe(200);
  });

  it("Issue 13, point 6: the tickets CSV, read a day at a time, keeps every ticket in issue order across days and skips empty ones.", async () => {
    const officeId = await createOffice(testOfficeConfig({ patch: { timeZone: "Europe/Rome" } }));
    const [first, second] = pastTickets();
    const later = (ticket: ReportTicket, day: string): ReportTicket => ({
      ...ticket,
      id: `${day}-${ticket.code}`,
      day,
      issuedAt: ticket.issuedAt + (Date.parse(day) - Date.parse("2026-03-02")),
    });
    // Given out of order: the export sorts.
    const tickets = [later(second!, "2026-03-09"), first!, second!, later(first!, "2026-03-09")];
    await api("POST", `/setup/offices/${officeId}/history`, { body: { tickets } });
    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=2026-02-01&to=2026-03-31`,
    );
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^id,day,code,/);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([
      "2026-03-02-A001",
      "2026-03-02-A002",
      "2026-03-09-A001",
      "2026-03-09-A002",
    ]);
    const none = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=2025-01-01&to=2025-12-31`,
    );
    expect(
      String(none.body)
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(1);
  });

  it("Issue 13, point 6: a day of more tickets than a page of the export comes whole, by issue time then id, with none twice.", async () => {
    const officeId = await createOffice(testOfficeConfig({ patch: { timeZone: "Europe/Rome" } }));
    const [model] = pastTickets();
    // 2,500 tickets on one day, two at each issue time: pages of 1,000 split ties too.
    const tickets = Array.from({ length: 2500 }, (_, n) => {
      const code = `B${String(2500 - n).padStart(4, "0")}`;
      return {
        ...model!,
        id: `2026-03-02-${code}`,
        code,
        serviceId: "registry",
        issuedAt: model!.issuedAt + Math.floor((2500 - n) / 2) * 1000,
      };
    });
    const imported = await api("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets },
    });
    expect(imported.status).toBe(200);
    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=2026-03-02&to=2026-03-02`,
    );
    const ids = String(csv.body)
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    const expected = [...tickets]
      .sort((a, b) => a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1))
      .map((ticket) => ticket.id);
    expect(ids).toEqual(expected);
  });

  it("Past tickets can only be added before today: today's queue is never touched by an import.", async () => {
    const officeId = await createOffice();
    const today = (await api<{ day: string }>("GET", `/offices/${officeId}/today`)).body.day;
    const todays = { ...pastTickets()[0]!, id: `${today}-A900`, day: today, code: "A900" };
    const answer = await api("POST", `/setup/offices/${officeId}/history`, {
      body: { tickets: [todays] },
    });
    expect(answer.body).toEqual({
      added: 0,
      skipped: 1,
      appointmentsAdded: 0,
      appointmentsSkipped: 0,
    });
  });
});

describe("The day's figures and levers", () => {
  it("Today's figures count issued and served tickets per service and name the clerk who last worked each counter.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    await issueTicket(officeId);
    await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { as: clerk.as });
    await api("POST", `/offices/${officeId}/counters/desk-1/complete`, { as: clerk.as });
    const today = await api<{
      services: Record<string, { issued: number; served: number }>;
      counters: Record<string, { clerkName: string | null }>;
    }>("GET", `/offices/${officeId}/today`);
    expect(today.body.services.general).toMatchObject({ issued: 2, served: 1 });
    expect(today.body.counters["desk-1"]?.clerkName).toBe(clerk.username);
    expect(today.body.counters["desk-2"]?.clerkName).toBeNull();
  });

  it("A supervisor ends a service's tickets for today: the kiosk is refused with 409 service_finished_today, and every screen learns it live.", async () => {
    const officeId = await createOffice();
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const display = await pairedDevice(officeId, "display");
    const screen = await LiveSocket.open(officeId, "v=1&role=display", display.as);
    await screen.next("snapshot");
    const closed = await api("PUT", `/offices/${officeId}/services/general/today`, {
      as: supervisor.as,
      body: { open: false },
    });
    expect(closed.status).toBe(200);
    const frame = await screen.next("events");
    expect(frame.events[0]).toMatchObject({
      type: "serviceTodayChanged",
      serviceId: "general",
      open: false,
    });
    const kiosk = await pairedDevice(officeId, "kiosk");
    expectError(
      await api("POST", `/offices/${officeId}/tickets`, {
        as: kiosk.as,
        body: { serviceId: "general" },
      }),
      409,
      "service_finished_today",
    );
    await api("PUT", `/offices/${officeId}/services/general/today`, {
      as: supervisor.as,
      body: { open: true },
    });
    expect(
      (
        await api("POST", `/offices/${officeId}/tickets`, {
          as: kiosk.as,
          body: { serviceId: "general" },
        })
      ).status,
    ).toBe(201);
  });

  it("A notice reaches every display and is cleared with null; a clerk may not set one.", async () => {
    const officeId = await createOffice();
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const display = await pairedDevice(officeId, "display");
    const screen = await LiveSocket.open(officeId, "v=1&role=display", display.as);
    await screen.next("snapshot");
    expectError(
      await api("PUT", `/offices/${officeId}/notice`, { as: clerk.as, body: { text: "Hi" } }),
      403,
      "forbidden",
    );
    await api("PUT", `/offices/${officeId}/notice`, {
      as: supervisor.as,
      body: { text: "Sportello 3 chiude alle 12" },
    });
    const frame = await screen.next("events");
    expect(frame.events[0]).toMatchObject({
      type: "noticeChanged",
      notice: { text: "Sportello 3 chiude alle 12" },
    });
    expectError(
      await api("PUT", `/offices/${officeId}/notice`, {
        as: supervisor.as,
        body: { text: "x".repeat(281) },
      }),
      400,
      "invalid_request",
    );
    await api("PUT", `/offices/${officeId}/notice`, { as: supervisor.as, body: { text: null } });
    expect((await screen.next("events")).events[0]).toMatchObject({ notice: null });
  });

  it("The clerk who called a ticket is kept for the reports.", async () => {
    const officeId = await createOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, { as: clerk.as });
    const today = (await api<{ day: string }>("GET", `/offices/${officeId}/today`)).body.day;
    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=${today}&to=${today}`,
    );
    expect(String(csv.body)).toContain(clerk.username);
  });
});
