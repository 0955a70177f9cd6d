/**
 * Reports over a year of a busy office: 150,000+ past tickets imported into
 * Turno, then the year's report and CSV asked for over HTTP, as the
 * dashboard does. The baseline is the same report computed in this process
 * from the same tickets in memory: what is left is storage and transport.
 */
import { performance } from "node:perf_hooks";
import { generateHistory, openDays } from "../../scripts/demo-history/generate";
import { demoOfficeConfig, OPEN_AROUND_THE_CLOCK } from "../../shared/demo-office";
import type { OfficeConfigInput } from "../../shared/protocol/config";
import { computeOfficeReport, type ReportTicket } from "../../shared/reports";
import { callNext, credentials, fillQueue, httpJson, newAgent } from "./load";

export const REPORT_TARGET_MS = 1000;
const RUNS = 5;

export interface ReportResults {
  tickets: number;
  from: string;
  to: string;
  importSeconds: number;
  /** GET /reports for the whole year, per run. */
  turnoMs: number[];
  csvMs: number;
  csvBytes: number;
  /** The same report computed in this process, per run. */
  inProcessMs: number[];
  /** Call-next over HTTP in the same office with nothing else running, then while the year's CSV streams. */
  callIdleMs: number[];
  callDuringCsvMs: number[];
  csvDuringCallsMs: number;
}

/**
 * The demo office three times over (21 desks, three times the people): a big city office.
 * Open around the clock, so a clerk can call in it while its CSV streams, whenever the
 * bench runs.
 */
export function busyOffice(): OfficeConfigInput {
  const counters = [1, 2, 3].flatMap((copy) =>
    demoOfficeConfig.counters.map((counter) => ({
      ...counter,
      id: `${counter.id}-${copy}`,
      name: `${counter.name} (${copy})`,
    })),
  );
  return { ...demoOfficeConfig, openingHours: OPEN_AROUND_THE_CLOCK, counters };
}

const LATENCY_CALLS = 20;

/** Call-next at a counter over HTTP as the bench clerk: its answer's time, then started so the next call may follow. */
async function timedCall(
  agent: ReturnType<typeof newAgent>,
  base: string,
  office: string,
  counter: string,
): Promise<number> {
  const { answer: called, ms } = await callNext(agent, base, office, counter, 60_000);
  if (called.status !== 200)
    throw new Error(`call-next on ${counter}: ${called.status} ${called.body.slice(0, 300)}`);
  const started = await httpJson(
    agent,
    base,
    "POST",
    `/api/offices/${office}/counters/${counter}/start`,
    {},
    60_000,
    credentials.clerk,
  );
  if (started.status !== 200) throw new Error(`start on ${counter}: ${started.status}`);
  return ms;
}

/** A year of tickets (all open days of the past 365) from three demo offices' worth of people. */
export function busyYear(today: string): { tickets: ReportTicket[]; from: string; to: string } {
  const config = busyOffice();
  const days = openDays(config, today, 300);
  const tickets = [1, 2, 3].flatMap((copy) =>
    generateHistory(config, days, 1000 + copy).map((ticket) => {
      // Each copy numbers its tickets in its own thousand: A001 → A1001, A2001, A3001.
      const code = `${ticket.code[0]}${copy * 1000 + Number(ticket.code.slice(1))}`;
      return { ...ticket, id: `${ticket.day}-${code}`, code };
    }),
  );
  return { tickets, from: days[0]!, to: days.at(-1)! };
}

/** A year of a busy office, imported into `office` (configured as `config`) over the setup API. */
export interface SeededYear {
  tickets: ReportTicket[];
  from: string;
  to: string;
  importSeconds: number;
}

export async function seedBusyYear(
  base: string,
  office: string,
  operator: Record<string, string>,
  today: string,
  config: OfficeConfigInput = busyOffice(),
): Promise<SeededYear> {
  const { tickets, from, to } = busyYear(today);
  const agent = newAgent(1);
  try {
    const configured = await httpJson(
      agent,
      base,
      "PUT",
      `/api/offices/${office}`,
      { ...config, name: "Turno bench: a year of a busy office" },
      30_000,
      operator,
    );
    if (configured.status !== 201 && configured.status !== 200)
      throw new Error(`report office: ${configured.status} ${configured.body.slice(0, 300)}`);
    const importStart = performance.now();
    for (let start = 0; start < tickets.length; start += 5000) {
      const answer = await httpJson(
        agent,
        base,
        "POST",
        `/api/setup/offices/${office}/history`,
        { tickets: tickets.slice(start, start + 5000) },
        120_000,
        operator,
      );
      if (answer.status !== 200)
        throw new Error(`importing history: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
    return { tickets, from, to, importSeconds: (performance.now() - importStart) / 1000 };
  } finally {
    agent.destroy();
  }
}

/** The year's CSV over HTTP, as the dashboard downloads it: how long it took and how big it was. */
export async function exportYearCsv(
  base: string,
  office: string,
  year: { from: string; to: string },
  operator: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ ms: number; bytes: number }> {
  const agent = newAgent(1);
  // httpJson's timeout is for a silent socket; a trickling export is cut off here, whole.
  const deadline = setTimeout(() => agent.destroy(), timeoutMs);
  try {
    const t0 = performance.now();
    const csv = await httpJson(
      agent,
      base,
      "GET",
      `/api/offices/${office}/reports/tickets.csv?from=${year.from}&to=${year.to}`,
      undefined,
      timeoutMs,
      operator,
    );
    if (csv.status !== 200) throw new Error(`csv: ${csv.status} ${csv.body.slice(0, 300)}`);
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(csv.body) };
  } finally {
    clearTimeout(deadline);
    agent.destroy();
  }
}

export async function measureReports(
  base: string,
  office: string,
  operator: Record<string, string>,
  today: string,
): Promise<ReportResults> {
  const { tickets, from, to, importSeconds } = await seedBusyYear(base, office, operator, today);
  const agent = newAgent(2);
  try {
    const path = `/api/offices/${office}/reports?from=${from}&to=${to}`;
    const turnoMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const answer = await httpJson(agent, base, "GET", path, undefined, 60_000, operator);
      turnoMs.push(performance.now() - t0);
      if (answer.status !== 200)
        throw new Error(`report: ${answer.status} ${answer.body.slice(0, 300)}`);
      const totals = (JSON.parse(answer.body) as { totals: { tickets: number } }).totals;
      if (totals.tickets !== tickets.length)
        throw new Error(`report counted ${totals.tickets} of ${tickets.length} tickets`);
    }
    const csv = await exportYearCsv(base, office, { from, to }, operator);

    // Issue 13, point 6: how long a clerk's call waits while the year's CSV streams out of
    // the same office (one thread): idle first, then during the export.
    await fillQueue(base, office, 2 * LATENCY_CALLS + 10);
    const callIdleMs: number[] = [];
    for (let n = 0; n < LATENCY_CALLS; n++)
      callIdleMs.push(await timedCall(agent, base, office, "sportello-1-1"));
    let csvDone = false;
    const duringStart = performance.now();
    const exporting = exportYearCsv(base, office, { from, to }, operator).finally(() => {
      csvDone = true;
    });
    const callDuringCsvMs: number[] = [];
    // Give the export a head start: the first call lands while it reads, not before.
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (!csvDone && callDuringCsvMs.length < LATENCY_CALLS)
      callDuringCsvMs.push(await timedCall(agent, base, office, "sportello-2-1"));
    await exporting;
    const csvDuringCallsMs = performance.now() - duringStart;

    const options = { from, to, timeZone: demoOfficeConfig.timeZone, targetWaitMinutes: 20 };
    const inProcessMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      computeOfficeReport(tickets, options);
      inProcessMs.push(performance.now() - t0);
    }
    return {
      tickets: tickets.length,
      from,
      to,
      importSeconds,
      turnoMs,
      csvMs: csv.ms,
      csvBytes: csv.bytes,
      inProcessMs,
      callIdleMs,
      callDuringCsvMs,
      csvDuringCallsMs,
    };
  } finally {
    agent.destroy();
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function printReportResults(r: ReportResults, log: (line: string) => void): boolean {
  const turno = median(r.turnoMs);
  const inProcess = median(r.inProcessMs);
  const pass = Math.max(...r.turnoMs) <= REPORT_TARGET_MS;
  log(
    `\n━━ Reports over a year of a busy office (${r.tickets.toLocaleString("en")} tickets, ${r.from} → ${r.to}) ━━`,
  );
  log(
    `                                      Turno (HTTP)  baseline (in process)  Turno/baseline   target  result`,
  );
  log(
    `year report, median of ${RUNS}         ${turno.toFixed(0).padStart(9)} ms  ${inProcess.toFixed(0).padStart(18)} ms  ${(turno / inProcess).toFixed(2).padStart(13)}×  ≤ ${REPORT_TARGET_MS} ms  ${pass ? "PASS" : "FAIL"}`,
  );
  log(
    `year report, slowest of ${RUNS}        ${Math.max(...r.turnoMs)
      .toFixed(0)
      .padStart(9)} ms  ${Math.max(...r.inProcessMs)
      .toFixed(0)
      .padStart(18)} ms`,
  );
  log(
    `  CSV export of the year: ${(r.csvMs / 1000).toFixed(1)} s, ${(r.csvBytes / 1e6).toFixed(1)} MB; importing the year took ${r.importSeconds.toFixed(1)} s`,
  );
  log(
    `  call latency during a year's CSV export (call-next over HTTP, same office): median ${median(r.callDuringCsvMs).toFixed(1)} ms, slowest ${Math.max(...r.callDuringCsvMs).toFixed(1)} ms over ${r.callDuringCsvMs.length} calls in the ${(r.csvDuringCallsMs / 1000).toFixed(1)} s export; idle median ${median(r.callIdleMs).toFixed(1)} ms, slowest ${Math.max(...r.callIdleMs).toFixed(1)} ms`,
  );
  log(
    "  Baseline = the same pure report function over the same tickets held in this process (no storage, no HTTP).",
  );
  return pass;
}
