import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { startOfNextDay } from "../../shared/engine";
import { addDays } from "../../shared/protocol/wall-time";
import type { OfficeReport, ReportTicket } from "../../shared/reports";
import { networkOf } from "../../worker/storage/audit-log";
import {
  DEFAULT_RETENTION,
  RETENTION_BATCH,
  retentionPeriods,
} from "../../worker/storage/retention";
import { setOfficeClock } from "./appointment-helpers";
import { directoryStub, from, inDirectory, login, newAccount, newAddress } from "./auth-helpers";
import {
  api,
  createOffice,
  getOffice,
  issueTicket,
  officeStub,
  pairedDevice,
  signedIn,
  testOfficeConfig,
} from "./helpers";

/*
 * Issue 13, point 9: every kind of personal record has an end, enforced by
 * the objects' alarms (README "Personal data"). The office's clock is moved
 * as the appointments' tests move it; the Directory's alarm has a clock of
 * its own for the same purpose.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function officeSql<T>(officeId: string, fn: (sql: SqlStorage) => T): Promise<T> {
  return runInDurableObject(officeStub(officeId), (_office, state) => fn(state.storage.sql));
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  [key: string]: SqlStorageValue;
}

const auditRows = (sql: SqlStorage) =>
  sql
    .exec<AuditRow>(`SELECT id, at, actor FROM audit ORDER BY id`)
    .toArray()
    .map((row) => ({ at: row.at, address: JSON.parse(row.actor).address as string | null }));

/** Past tickets of one day, each called by a clerk, imported as `npm run demo:history` does. */
function pastTickets(day: string, count: number, clerk = "anna"): ReportTicket[] {
  const start = Date.parse(`${day}T10:00:00Z`);
  return Array.from({ length: count }, (_, index) => ({
    id: `${day}-A${String(index + 1).padStart(3, "0")}`,
    day,
    code: `A${String(index + 1).padStart(3, "0")}`,
    serviceId: "general",
    counterId: "desk-1",
    clerkId: `acc_${clerk}`,
    clerkName: clerk,
    status: "done" as const,
    channel: "kiosk" as const,
    priority: false,
    issuedAt: start + index * 1000,
    calledAt: start + index * 1000 + 5 * MINUTE,
    startedAt: start + index * 1000 + 6 * MINUTE,
    finishedAt: start + index * 1000 + 10 * MINUTE,
    transfers: 0,
    recalls: 0,
  }));
}

async function importTickets(officeId: string, tickets: ReportTicket[]): Promise<void> {
  const imported = await api<{ added: number }>("POST", `/setup/offices/${officeId}/history`, {
    body: { tickets },
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.added).toBe(tickets.length);
}

const keptTokens = (officeId: string) =>
  officeSql(
    officeId,
    (sql) =>
      sql
        .exec<{ n: number }>(`SELECT COUNT(*) AS n FROM tickets WHERE token NOT LIKE 'erased:%'`)
        .one().n,
  );

describe("Retention periods", () => {
  it("Each period comes from its variable, in whole days; a bad value is reported and the default kept.", () => {
    expect(retentionPeriods({})).toEqual(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION).toMatchObject({
      auditDays: 365,
      auditAddressDays: 30,
      ticketTokenDays: 1,
      clerkFiguresDays: 365,
    });
    const periods = retentionPeriods({
      TURNO_RETAIN_AUDIT_DAYS: "180",
      TURNO_RETAIN_AUDIT_ADDRESS_DAYS: "7",
      TURNO_RETAIN_TICKET_TOKEN_DAYS: "0",
      TURNO_RETAIN_CLERK_FIGURES_DAYS: "-3",
    });
    expect(periods).toEqual({
      ...DEFAULT_RETENTION,
      auditDays: 180,
      auditAddressDays: 7,
      ticketTokenDays: 0,
    });
    expect(retentionPeriods({ TURNO_RETAIN_AUDIT_DAYS: "0" }).auditDays).toBe(365);
    expect(retentionPeriods({ TURNO_RETAIN_AUDIT_DAYS: "1.5" }).auditDays).toBe(365);
  });

  it("An address is cut to its network: IPv4 to its /24, IPv6 to its /48; a cut one stays, anything else goes.", () => {
    expect(networkOf("192.168.10.77")).toBe("192.168.10.0/24");
    expect(networkOf("2001:db8:aa:bb::1")).toBe("2001:db8:aa::/48");
    expect(networkOf("2001:0db8:00aa:00bb:0000:0000:0000:0001")).toBe("2001:db8:aa::/48");
    expect(networkOf("::1")).toBe("0:0:0::/48");
    expect(networkOf("192.168.10.0/24")).toBe("192.168.10.0/24");
    expect(networkOf("unknown")).toBeNull();
  });
});

describe("The office's alarm keeps personal data only as long as its period", () => {
  it("Audit entries older than 12 months go, addresses older than 30 days are cut to their network, and a second run changes nothing.", async () => {
    const officeId = await createOffice();
    const later = Date.now() + 400 * DAY;
    // Entries as the office appends them, in time order, at the ages the periods turn on.
    await runInDurableObject(officeStub(officeId), (_office, state) => {
      const append = (at: number, address: string | null) =>
        state.storage.sql.exec(
          `INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, 'callNext', '{}')`,
          at,
          JSON.stringify({ kind: "staff", id: "acc_1", name: "anna", address }),
        );
      append(later - 366 * DAY, "10.1.2.3");
      append(later - 100 * DAY, "2001:db8:aa:bb::1");
      append(later - 31 * DAY, "10.9.8.7");
      append(later - 29 * DAY, "10.9.8.6");
    });
    await setOfficeClock(officeId, later);
    expect(await runDurableObjectAlarm(officeStub(officeId))).toBe(true);
    const expected = [
      { at: later - 100 * DAY, address: "2001:db8:aa::/48" },
      { at: later - 31 * DAY, address: "10.9.8.0/24" },
      { at: later - 29 * DAY, address: "10.9.8.6" },
    ];
    // The office's own entry from its creation is over a year old by then too.
    expect(await officeSql(officeId, auditRows)).toEqual(expected);
    expect(await runDurableObjectAlarm(officeStub(officeId))).toBe(true);
    expect(await officeSql(officeId, auditRows)).toEqual(expected);
  });

  it("A ticket's tracking link works on its day and the next; the alarm after that erases its token.", async () => {
    const officeId = await createOffice();
    const first = await issueTicket(officeId);
    const { day, timeZone } = await getOffice(officeId);
    await setOfficeClock(officeId, startOfNextDay(day, timeZone) + 30 * MINUTE);
    await runDurableObjectAlarm(officeStub(officeId));
    const nextDay = await issueTicket(officeId);
    const yesterday = await api<{ status: string }>(
      "GET",
      `/offices/${officeId}/tickets/${first.token}`,
    );
    expect(yesterday.status).toBe(200);
    expect(yesterday.body.status).toBe("expired");

    await setOfficeClock(officeId, startOfNextDay(addDays(day, 1), timeZone) + 30 * MINUTE);
    await runDurableObjectAlarm(officeStub(officeId));
    const gone = await api<{ error: { code: string } }>(
      "GET",
      `/offices/${officeId}/tickets/${first.token}`,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("unknown_ticket");
    expect(
      (await api("GET", `/offices/${officeId}/tickets/${nextDay.token}`)).status,
      "the previous day's link still works",
    ).toBe(200);
  });

  it("Audit entries go in batches too: a backlog larger than a batch takes two runs.", async () => {
    const officeId = await createOffice();
    const later = Date.now() + 400 * DAY;
    await runInDurableObject(officeStub(officeId), (_office, state) => {
      for (let index = 0; index < RETENTION_BATCH + 50; index++)
        state.storage.sql.exec(
          `INSERT INTO audit (at, actor, action, detail) VALUES (?, '{"kind":"staff","id":"a","name":"a","address":null}', 'callNext', '{}')`,
          later - 380 * DAY + index,
        );
    });
    await setOfficeClock(officeId, later);
    const count = () =>
      officeSql(
        officeId,
        (sql) => sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM audit`).one().n,
      );
    await runDurableObjectAlarm(officeStub(officeId));
    expect(await count()).toBe(51);
    await runDurableObjectAlarm(officeStub(officeId));
    expect(await count()).toBe(0);
  });

  it("Erasing works in batches: a year of imported tokens goes over several runs, the alarm coming back at once while work is left.", async () => {
    const officeId = await createOffice();
    const { day } = await getOffice(officeId);
    const count = RETENTION_BATCH + 100;
    await importTickets(officeId, [
      ...pastTickets(addDays(day, -3), count / 2),
      ...pastTickets(addDays(day, -4), count / 2),
    ]);
    expect(await keptTokens(officeId)).toBe(count);
    const stub = officeStub(officeId);
    await runDurableObjectAlarm(stub);
    expect(await keptTokens(officeId)).toBe(count - RETENTION_BATCH);
    const alarm = await runInDurableObject(stub, (_office, state) => state.storage.getAlarm());
    expect(alarm, "back within seconds, not at midnight").toBeLessThan(Date.now() + 5000);
    await runDurableObjectAlarm(stub);
    expect(await keptTokens(officeId)).toBe(0);
  });

  it("Who called each ticket is forgotten after 12 months: the report and the CSV of that day no longer name the clerk.", async () => {
    const officeId = await createOffice(testOfficeConfig({ patch: { timeZone: "UTC" } }));
    const { day } = await getOffice(officeId);
    const old = addDays(day, -370);
    const recent = addDays(day, -30);
    await importTickets(officeId, [
      ...pastTickets(old, 2, "anna"),
      ...pastTickets(recent, 2, "bruno"),
    ]);
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const clerks = async (from: string, to: string) =>
      (
        await api<OfficeReport>("GET", `/offices/${officeId}/reports?from=${from}&to=${to}`, {
          as: supervisor.as,
        })
      ).body.times.byClerk.map((clerk) => clerk.clerkName);
    expect(await clerks(old, old)).toEqual(["anna"]);

    const stub = officeStub(officeId);
    await runDurableObjectAlarm(stub);
    expect(await clerks(old, old), "the packed day was packed again").toEqual([]);
    expect(await clerks(recent, recent)).toEqual(["bruno"]);
    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=${old}&to=${old}`,
      { as: supervisor.as },
    );
    expect(String(csv.body)).not.toContain("anna");
    expect(String(csv.body)).not.toContain("acc_anna");
  });
});

describe("Per-clerk figures can be switched off for an office (worker-monitoring rules)", () => {
  it("With clerkFigures off, the report has no figures by clerk, the CSV has no clerk columns, and calls are no longer recorded by clerk.", async () => {
    const officeId = await createOffice(
      testOfficeConfig({ patch: { timeZone: "UTC", clerkFigures: false } }),
    );
    const { day } = await getOffice(officeId);
    const past = addDays(day, -2);
    await importTickets(officeId, pastTickets(past, 2, "anna"));
    const supervisor = await signedIn([{ office: officeId, role: "supervisor" }]);
    const report = await api<OfficeReport>(
      "GET",
      `/offices/${officeId}/reports?from=${past}&to=${day}`,
      { as: supervisor.as },
    );
    expect(report.status).toBe(200);
    expect(report.body.totals.tickets).toBe(2);
    expect(report.body.times.byClerk).toEqual([]);
    const csv = await api<string>(
      "GET",
      `/offices/${officeId}/reports/tickets.csv?from=${past}&to=${day}`,
      { as: supervisor.as },
    );
    const [header, ...lines] = String(csv.body).replace("\uFEFF", "").trim().split("\r\n");
    expect(header).not.toContain("clerk");
    expect(header!.split(",")).toHaveLength(lines[0]!.split(",").length);
    expect(String(csv.body)).not.toContain("anna");

    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    await issueTicket(officeId);
    const called = await api("POST", `/offices/${officeId}/counters/desk-1/call-next`, {
      as: clerk.as,
      body: {},
    });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    const recorded = await officeSql(officeId, (sql) =>
      sql
        .exec<{ clerk_id: string | null }>(`SELECT clerk_id FROM tickets WHERE day = ?`, day)
        .toArray(),
    );
    expect(recorded).toEqual([{ clerk_id: null }]);
  });
});

describe("The Directory's alarm keeps personal data only as long as its period", () => {
  const setDirectoryClock = (now: number) =>
    runInDurableObject(directoryStub(), (directory) => {
      directory.clock = () => now;
    });

  it("Ended sessions go at once, sign-in attempts after a day, known places after 90 days, audit entries after 12 months, their addresses cut after 30 days.", async () => {
    const { username } = await newAccount([{ office: await createOffice(), role: "clerk" }]);
    const address = newAddress();
    expect((await login(username, undefined, address)).status).toBe(200);
    expect((await login(username, "wrong password here", address)).status).toBe(401);
    const byUser = (sql: SqlStorage) => ({
      sessions: sql
        .exec(
          `SELECT 1 FROM sessions JOIN accounts ON accounts.id = sessions.account_id WHERE username = ?`,
          username,
        )
        .toArray().length,
      attempts: sql.exec(`SELECT 1 FROM login_attempts WHERE username = ?`, username).toArray()
        .length,
      known: sql
        .exec(
          `SELECT 1 FROM known_places JOIN accounts ON accounts.id = known_places.account_id WHERE username = ?`,
          username,
        )
        .toArray().length,
      audit: sql
        .exec<{ actor: string }>(`SELECT actor FROM audit WHERE actor LIKE ?`, `%"${username}"%`)
        .toArray()
        .map((row) => JSON.parse(row.actor).address as string),
    });
    const before = await inDirectory(byUser);
    expect(before).toMatchObject({ sessions: 1, attempts: 2, known: 1 });
    expect(before.audit).toEqual([address, address]);
    const network = networkOf(address);

    const run = async (after: number) => {
      await setDirectoryClock(Date.now() + after);
      expect(await runDurableObjectAlarm(directoryStub())).toBe(true);
      return inDirectory(byUser);
    };
    expect(await run(13 * 60 * MINUTE)).toMatchObject({ sessions: 0, attempts: 2, known: 1 });
    expect(await run(2 * DAY)).toMatchObject({ sessions: 0, attempts: 0, known: 1 });
    expect((await run(2 * DAY)).audit).toEqual([address, address]);
    expect((await run(31 * DAY)).audit).toEqual([network, network]);
    expect(await run(91 * DAY)).toMatchObject({ known: 0, audit: [network, network] });
    expect((await run(366 * DAY)).audit).toEqual([]);
    await setDirectoryClock(Date.now());
  });

  it("Wrong pairing codes are forgotten after a day.", async () => {
    const address = newAddress();
    const officeId = await createOffice();
    const paired = await api("POST", `/offices/${officeId}/devices/pair`, {
      as: "anonymous",
      body: { code: "ZZZZ-ZZZZ" },
      headers: from(address),
    });
    expect(paired.status).toBeGreaterThanOrEqual(400);
    const failures = () =>
      inDirectory(
        (sql) =>
          sql.exec(`SELECT 1 FROM pairing_failures WHERE address = ?`, address).toArray().length,
      );
    expect(await failures()).toBe(1);
    await setDirectoryClock(Date.now() + 2 * DAY);
    await runDurableObjectAlarm(directoryStub());
    await setDirectoryClock(Date.now());
    expect(await failures()).toBe(0);
  });

  it("A revoked device (its name and who paired it) is forgotten 12 months after its revocation; a device in use stays.", async () => {
    const officeId = await createOffice();
    const kept = await pairedDevice(officeId, "display");
    const revoked = await pairedDevice(officeId, "kiosk");
    expect((await api("DELETE", `/offices/${officeId}/devices/${revoked.deviceId}`)).status).toBe(
      200,
    );
    const rows = () =>
      inDirectory((sql) =>
        sql
          .exec<{ id: string }>(`SELECT id FROM devices WHERE office = ? ORDER BY id`, officeId)
          .toArray()
          .map((row) => row.id),
      );
    expect(await rows()).toEqual([kept.deviceId, revoked.deviceId].sort());
    await setDirectoryClock(Date.now() + 300 * DAY);
    await runDurableObjectAlarm(directoryStub());
    expect(await rows()).toHaveLength(2);
    await setDirectoryClock(Date.now() + 366 * DAY);
    await runDurableObjectAlarm(directoryStub());
    await setDirectoryClock(Date.now());
    expect(await rows()).toEqual([kept.deviceId]);
  });
});
