import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { FeedbackReport } from "../../shared/reports";
import { setOfficeClock } from "./appointment-helpers";
import {
  api,
  callNext,
  counterAction,
  createOffice,
  expectError,
  getOffice,
  getTicket,
  issueTicket,
  officeStub,
  testOfficeConfig,
} from "./helpers";

/*
 * Issue 15, point 4: the holder of a served ticket says how it went, once, for
 * 24 hours; the office keeps what was said and about which service, hour, wait
 * and counter, never who said it.
 */

const HOUR = 60 * 60 * 1000;

function officeSql<T>(officeId: string, fn: (sql: SqlStorage) => T): Promise<T> {
  return runInDurableObject(officeStub(officeId), (_office, state) => fn(state.storage.sql));
}

/** A ticket issued, called, started and completed at desk-1; its token. */
async function servedTicket(
  officeId: string,
): Promise<{ token: string; id: string; code: string }> {
  const issued = await issueTicket(officeId);
  await callNext(officeId, "desk-1");
  await counterAction(officeId, "desk-1", "start");
  await counterAction(officeId, "desk-1", "complete");
  return { token: issued.token, id: issued.ticket.id, code: issued.ticket.code };
}

const feedback = (officeId: string, token: string, body: unknown) =>
  api("POST", `/offices/${officeId}/tickets/${token}/feedback`, { body });

describe("Feedback after service", () => {
  it("A served ticket's holder gives feedback once: 201, then 409 feedback_given; the ticket says given.", async () => {
    const officeId = await createOffice();
    const { token } = await servedTicket(officeId);
    expect((await getTicket(officeId, token)).feedback).toBe("open");
    const first = await feedback(officeId, token, {
      score: 2,
      reasons: ["waiting-time", "information"],
      comment: "  Troppa attesa  ",
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ feedback: "given" });
    expectError(await feedback(officeId, token, { score: 5 }), 409, "feedback_given");
    expect((await getTicket(officeId, token)).feedback).toBe("given");
    const rows = await officeSql(officeId, (sql) => sql.exec(`SELECT * FROM feedback`).toArray());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      service_id: "general",
      counter_id: "desk-1",
      score: 2,
      reasons: "waiting-time information",
      comment: "Troppa attesa",
    });
  });

  it("A ticket still waiting, called or being served is refused with 409 ticket_not_done, and nothing is stored.", async () => {
    const officeId = await createOffice();
    const waiting = await issueTicket(officeId);
    expectError(await feedback(officeId, waiting.token, { score: 4 }), 409, "ticket_not_done");
    await callNext(officeId, "desk-1");
    expectError(await feedback(officeId, waiting.token, { score: 4 }), 409, "ticket_not_done");
    expect((await getTicket(officeId, waiting.token)).feedback).toBeUndefined();
    const count = await officeSql(
      officeId,
      (sql) => sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM feedback`).one().n,
    );
    expect(count).toBe(0);
  });

  it("After 24 hours from service the link answers 410 feedback_closed and the page no longer asks.", async () => {
    const officeId = await createOffice();
    const { token } = await servedTicket(officeId);
    await setOfficeClock(officeId, Date.now() + 24 * HOUR + 5 * 60_000);
    expect((await getTicket(officeId, token)).feedback).toBe("closed");
    expectError(await feedback(officeId, token, { score: 5 }), 410, "feedback_closed");
  });

  it("An unknown link is 404 unknown_ticket; a body that does not fit is 400, and nothing is marked.", async () => {
    const officeId = await createOffice();
    expectError(
      await feedback(officeId, "AAAAAAAAAAAAAAAAAAAAAA", { score: 3 }),
      404,
      "unknown_ticket",
    );
    const { token } = await servedTicket(officeId);
    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 2.5 },
      { score: 5, reasons: ["waiting-time"] },
      { score: 1, reasons: ["courtesy", "courtesy"] },
      { score: 3, comment: "x".repeat(501) },
      {},
    ])
      expectError(await feedback(officeId, token, body), 400, "invalid_request");
    expect((await getTicket(officeId, token)).feedback).toBe("open");
  });

  it("No row can be followed back: the feedback table holds no token, ticket id, code or address, and the wait is to the minute.", async () => {
    const officeId = await createOffice();
    const { token, id, code } = await servedTicket(officeId);
    expect(
      (
        await api("POST", `/offices/${officeId}/tickets/${token}/feedback`, {
          body: { score: 5, reasons: ["short-wait", "courtesy"], comment: "Grazie" },
          headers: { "cf-connecting-ip": "198.51.100.23" },
        })
      ).status,
    ).toBe(201);
    const { columns, rows } = await officeSql(officeId, (sql) => {
      const cursor = sql.exec(`SELECT * FROM feedback`);
      return { columns: cursor.columnNames, rows: cursor.toArray() };
    });
    expect(columns.sort()).toEqual(
      [
        "comment",
        "counter_id",
        "day",
        "hour",
        "reasons",
        "score",
        "service_id",
        "wait_seconds",
      ].sort(),
    );
    const text = JSON.stringify(rows);
    for (const secret of [token, id, code, "198.51.100.23"]) expect(text).not.toContain(secret);
    expect((rows[0]?.wait_seconds as number) % 60).toBe(0);
  });

  it("The office's alarm erases comments after 12 months and keeps the score; the figures count it.", async () => {
    const officeId = await createOffice();
    const { token } = await servedTicket(officeId);
    expect((await feedback(officeId, token, { score: 4, comment: "ok" })).status).toBe(201);
    const today = (await getOffice(officeId)).day;
    const report = await api<FeedbackReport>(
      "GET",
      `/offices/${officeId}/reports/feedback?from=${today}&to=${today}`,
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.overall).toEqual({ count: 1, satisfaction: 1, meanScore: 4 });
    expect(report.body.served).toBe(1);
    expect(report.body.responseRate).toBe(1);
    expect(report.body.comments).toBe(1);
    const comment = () =>
      officeSql(officeId, (sql) =>
        sql
          .exec<{ comment: string | null; score: number }>(`SELECT comment, score FROM feedback`)
          .one(),
      );
    await setOfficeClock(officeId, Date.now() + 300 * 24 * HOUR);
    await runDurableObjectAlarm(officeStub(officeId));
    expect(await comment()).toEqual({ comment: "ok", score: 4 });
    await setOfficeClock(officeId, Date.now() + 368 * 24 * HOUR);
    await runDurableObjectAlarm(officeStub(officeId));
    expect(await comment()).toEqual({ comment: null, score: 4 });
  });

  it("feedback.csv has a line per answer with its comment, and the counter only when per-clerk figures are on.", async () => {
    const officeId = await createOffice({ ...testOfficeConfig(), clerkFigures: false });
    const { token } = await servedTicket(officeId);
    expect(
      (await feedback(officeId, token, { score: 1, reasons: ["other"], comment: "=cmd" })).status,
    ).toBe(201);
    const { day } = await getOffice(officeId);
    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/feedback.csv?from=${day}&to=${day}`,
    );
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines[0]).toBe("day,hour,service,wait_minutes,score,reasons,comment");
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d,\d+,general,\d+,1,other,'=cmd$/);
    const report = await api<FeedbackReport>(
      "GET",
      `/offices/${officeId}/reports/feedback?from=${day}&to=${day}`,
    );
    expect(report.body.byCounter).toEqual([]);
    expect(report.body.overall.satisfaction).toBe(0);
  });
});
