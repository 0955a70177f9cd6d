import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ReportTicket } from "../../shared/reports";
import { dayNumberOf, isoDateOf } from "../../shared/reports/calendar";
import { api, createOffice, credentialHeaders, issueTicket, ORIGIN } from "./helpers";

/*
 * Issue 13, point 6: an office has one thread, and a year's CSV used to be read whole
 * before its first byte. This measures how long a clerk's call-next over HTTP takes while
 * a year of tickets streams out, and prints the figure; it asserts only that every call
 * was answered and the export is whole (timings on a shared test machine prove nothing).
 */
const DAYS = 250;
const PER_DAY = 200;
const CALLS = 15;

function yearOfTickets(lastDay: string): ReportTicket[] {
  const tickets: ReportTicket[] = [];
  const last = dayNumberOf(lastDay);
  for (let d = DAYS; d >= 1; d--) {
    const day = isoDateOf(last - d);
    const opens = Date.parse(`${day}T08:00:00Z`);
    for (let n = 1; n <= PER_DAY; n++) {
      const issuedAt = opens + n * 120_000;
      const code = `A${String(n).padStart(3, "0")}`;
      tickets.push({
        id: `${day}-${code}`,
        day,
        code,
        serviceId: "general",
        counterId: "desk-1",
        clerkId: "acc_past",
        clerkName: "Anna Bianchi",
        status: "done",
        channel: "kiosk",
        priority: false,
        issuedAt,
        calledAt: issuedAt + 600_000,
        startedAt: issuedAt + 630_000,
        finishedAt: issuedAt + 900_000,
        transfers: 0,
        recalls: 0,
      });
    }
  }
  return tickets;
}

async function timedCallNext(officeId: string, counterId: string): Promise<number> {
  const t0 = performance.now();
  const called = await api("POST", `/offices/${officeId}/counters/${counterId}/call-next`, {
    body: {},
  });
  const ms = performance.now() - t0;
  expect(called.status, JSON.stringify(called.body)).toBe(200);
  // Started, so the next call-next completes it and calls the next one.
  const started = await api("POST", `/offices/${officeId}/counters/${counterId}/start`, {
    body: {},
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return ms;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

describe("A year's CSV export and the live office", () => {
  it("Issue 13, point 6: call-next keeps being answered while a year's tickets CSV streams (prints the latency).", async () => {
    const officeId = await createOffice();
    const today = (await api<{ day: string }>("GET", `/offices/${officeId}/today`)).body.day;
    const tickets = yearOfTickets(today);
    for (let start = 0; start < tickets.length; start += 5000) {
      const imported = await api("POST", `/setup/offices/${officeId}/history`, {
        body: { tickets: tickets.slice(start, start + 5000) },
      });
      expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(200);
    }
    const issuedToday = 2 * CALLS + 2;
    for (let n = 0; n < issuedToday; n++) await issueTicket(officeId);

    const idle: number[] = [];
    for (let n = 0; n < CALLS; n++) idle.push(await timedCallNext(officeId, "desk-1"));

    const from = isoDateOf(dayNumberOf(today) - 366);
    const exportStart = performance.now();
    let exportMs = 0;
    let exportDone = false;
    const exporting = SELF.fetch(
      `${ORIGIN}/api/offices/${officeId}/reports/tickets.csv?from=${from}&to=${today}`,
      { headers: credentialHeaders() },
    )
      .then((response) => response.text())
      .then((text) => {
        exportMs = performance.now() - exportStart;
        exportDone = true;
        return text;
      });
    const during: number[] = [];
    for (let n = 0; n < CALLS && !exportDone; n++)
      during.push(await timedCallNext(officeId, "desk-2"));
    const csv = await exporting;
    // The header, the year, and today's tickets.
    expect(csv.trim().split("\r\n")).toHaveLength(1 + tickets.length + issuedToday);

    console.log(
      `[issue 13, point 6] call-next over HTTP, ${tickets.length} tickets: idle median ${median(idle).toFixed(1)} ms, max ${Math.max(...idle).toFixed(1)} ms; ` +
        `during the CSV export (${(exportMs / 1000).toFixed(1)} s, ${(csv.length / 1e6).toFixed(1)} MB): ${during.length} calls, ` +
        `median ${median(during).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms`,
    );
    expect(during.length).toBeGreaterThan(0);
  }, 300_000);
});
