import * as z from "zod/mini";
import type { OfficeState } from "../../shared/protocol";
import {
  appointmentCsvLines,
  CSV_FORMATS,
  computeOfficeReport,
  inOfficeOrder,
  isCsvFormat,
  LocalClock,
  MAX_REPORT_DAYS,
  PastAppointment,
  type ReportAppointment,
  ReportRange,
  ReportTicket,
  ticketCsvLines,
} from "../../shared/reports";
import { dayNumberOf } from "../../shared/reports/calendar";
import { errorBody } from "../http/errors";
import { randomCode } from "./bookings";
import { internalBody } from "./internal-router";
import type { AppointmentsTable } from "./store/appointments-table";
import type { TicketHistory } from "./store/ticket-history";

/** Past tickets (and bookings) brought in at once; larger histories come in several requests. */
export const MAX_IMPORT_TICKETS = 5000;
export const HistoryImport = z.object({
  tickets: z.array(ReportTicket).check(z.maxLength(MAX_IMPORT_TICKETS)),
  /** Past bookings, anonymous: what became of them, for the appointments' figures. */
  appointments: z.optional(z.array(PastAppointment).check(z.maxLength(MAX_IMPORT_TICKETS))),
});

const OnTimeMinutes = z.coerce.number().check(z.int(), z.gte(0), z.lte(120));

export interface ReportContext {
  state: OfficeState;
  history: TicketHistory;
  appointments: AppointmentsTable;
  newToken: () => string;
  clock: () => number;
}

/**
 * The office's reading side: reports and CSV over a date range, today's
 * figures for the dashboard, and importing a past history. Reports read the
 * tickets table, never the live queue, so they cannot slow a call down
 * beyond the moment they take.
 */
export async function importHistory(request: Request, context: ReportContext): Promise<Response> {
  const body = await internalBody(request, HistoryImport);
  if (!body.ok) return body.response;
  const { tickets, appointments = [] } = body.value;
  const { state, newToken } = context;
  const added = context.history.importPast(tickets, state.day, newToken);
  // Days before today only, as for tickets: today's bookings are the live office's.
  const local = new LocalClock(state.config.timeZone);
  const now = context.clock();
  let appointmentsAdded = 0;
  for (const appointment of appointments) {
    if (local.dateTime(appointment.start).slice(0, 10) >= state.day) continue;
    const tokenHash = `imported:${newToken()}`;
    if (context.appointments.importPast(appointment, randomCode(), tokenHash, now))
      appointmentsAdded++;
  }
  return Response.json({
    added,
    skipped: tickets.length - added,
    appointmentsAdded,
    appointmentsSkipped: appointments.length - appointmentsAdded,
  });
}

export function todayAnswer(context: ReportContext): Response {
  return Response.json(todayFigures(context.state, context.history));
}

/**
 * The local dates a report or CSV covers, from the query, checked whole (real dates, in
 * order, at most MAX_REPORT_DAYS) before a single row is read: a range the report would
 * refuse must not cost the office's only thread a read of every ticket in it first.
 */
export function rangeOf(url: URL): { from: string; to: string } | Response {
  const range = ReportRange.safeParse({
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
  });
  if (range.success) return range.data;
  const issue = range.error.issues[0];
  const field = issue?.path.join(".") || "range";
  return invalid(
    `from and to must be dates (YYYY-MM-DD), from not after to, at most ${MAX_REPORT_DAYS} days: ${field}: ${issue?.message ?? "invalid"}.`,
    range.error.issues,
  );
}

export function ticketsCsvAnswer(url: URL, context: ReportContext): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const { from, to } = range;
  const format = url.searchParams.get("format") ?? "standard";
  if (!isCsvFormat(format)) return invalid('format must be "standard" or "excel-it".');
  const { history } = context;
  const { timeZone, clerkFigures } = context.state.config;
  const dialect = CSV_FORMATS[format];
  const suffix = format === "standard" ? "" : `-${format}`;
  // Days in order, each day's tickets by issue time (then id), at most a page at a time.
  let day = history.nextDayWithTickets(null, from, to);
  let after: { issuedAt: number; id: string } | null = null;
  const nextPage = (): string[] | null => {
    if (day === null) return null;
    const page = history.pageOfDay(day, after, TICKETS_PAGE);
    const last = page.at(-1);
    if (last && page.length === TICKETS_PAGE) after = { issuedAt: last.issuedAt, id: last.id };
    else {
      day = history.nextDayWithTickets(day, from, to);
      after = null;
    }
    const [, ...lines] = ticketCsvLines(page, timeZone, dialect, { clerks: clerkFigures });
    return lines;
  };
  return new Response(
    pagedCsv(headerOf(ticketCsvLines([], timeZone, dialect, { clerks: clerkFigures })), nextPage),
    {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="turno-tickets-${from}-${to}${suffix}.csv"`,
      },
    },
  );
}

/**
 * Rows read per page of the exports: a few milliseconds of the office's thread. A call
 * crosses several event-loop turns (connection, Worker, office), and each can land behind
 * a page: with 1,000-row pages (~15-20 ms) a call waited up to 230 ms during a year's
 * export, with 100 rows 15 ms (README, Benchmarks, the flood).
 */
const TICKETS_PAGE = 100;
const APPOINTMENTS_PAGE = 100;

export function appointmentsCsvAnswer(url: URL, context: ReportContext): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const { from, to } = range;
  const format = url.searchParams.get("format") ?? "standard";
  if (!isCsvFormat(format)) return invalid('format must be "standard" or "excel-it".');
  const { timeZone } = context.state.config;
  const dialect = CSV_FORMATS[format];
  const clock = new LocalClock(timeZone);
  const { start, end, slotMinutes } = appointmentWindow(from, to, context);
  let after: { start: number; id: string } | null = null;
  const nextPage = (): string[] | null => {
    const page = context.appointments.forReportPage(
      start,
      end,
      after,
      APPOINTMENTS_PAGE,
      slotMinutes,
    );
    const last = page.at(-1);
    if (!last) return null;
    after = { start: last.start, id: last.id };
    const appointments = page.filter((appointment) => {
      const day = clock.dateTime(appointment.start).slice(0, 10);
      return day >= from && day <= to;
    });
    // Each booking's own ticket, by its id: never the range's every ticket at once.
    const tickets = appointments
      .map((appointment) =>
        appointment.ticketId === null ? null : context.history.ticketById(appointment.ticketId),
      )
      .filter((ticket): ticket is ReportTicket => ticket !== null);
    const [, ...lines] = appointmentCsvLines(appointments, tickets, timeZone, dialect);
    return lines;
  };
  const suffix = format === "standard" ? "" : `-${format}`;
  return new Response(
    pagedCsv(headerOf(appointmentCsvLines([], [], timeZone, dialect)), nextPage),
    {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="turno-appointments-${from}-${to}${suffix}.csv"`,
      },
    },
  );
}

/**
 * The instants whose bookings may fall on a local day of the range: the UTC days around
 * it, a day wider on each side for any time zone; callers keep the range's own.
 */
function appointmentWindow(from: string, to: string, context: ReportContext) {
  const DAY_MS = 86_400_000;
  const services = new Map(context.state.config.services.map((service) => [service.id, service]));
  return {
    start: (dayNumberOf(from) - 1) * DAY_MS,
    end: (dayNumberOf(to) + 2) * DAY_MS,
    slotMinutes: (serviceId: string) => services.get(serviceId)?.booking?.slotMinutes ?? null,
  };
}

function appointmentsAround(from: string, to: string, context: ReportContext): ReportAppointment[] {
  const { start, end, slotMinutes } = appointmentWindow(from, to, context);
  return context.appointments.forReport(start, end, slotMinutes);
}

export function reportAnswer(url: URL, context: ReportContext): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const { from, to } = range;
  const { state, history } = context;
  const onTime = url.searchParams.get("onTimeMinutes");
  const onTimeMinutes = onTime === null ? undefined : OnTimeMinutes.safeParse(onTime);
  if (onTimeMinutes && !onTimeMinutes.success)
    return invalid("onTimeMinutes must be a whole number of minutes from 0 to 120.");
  const options = {
    from,
    to,
    timeZone: state.config.timeZone,
    targetWaitMinutes: state.config.targetWaitMinutes,
    targetSharePercent: state.config.targetSharePercent,
    onTimeMinutes: onTimeMinutes?.data,
  };
  try {
    // Services and counters in Setup's order, not by id.
    const tickets = history.forReport(from, to, state.day);
    const report = computeOfficeReport(
      state.config.clerkFigures ? tickets : tickets.map(withoutClerk),
      options,
      appointmentsAround(from, to, context),
    );
    return Response.json(inOfficeOrder(report, state.config));
  } catch (error) {
    if (error instanceof z.core.$ZodError)
      return invalid(error.issues[0]?.message ?? "Invalid range.", error.issues);
    throw error;
  }
}

/** A ticket as an office without per-clerk figures reports it: no one's name or id. */
function withoutClerk(ticket: ReportTicket): ReportTicket {
  return { ...ticket, clerkId: null, clerkName: null };
}

export function invalid(message: string, issues?: unknown[]): Response {
  return Response.json(errorBody("invalid_request", message, issues), { status: 400 });
}

/** Issued, served, no-shows and give-ups today per service, and who works each counter. */
function todayFigures(state: OfficeState, history: TicketHistory) {
  const byService: Record<
    string,
    { issued: number; served: number; noShows: number; cancelled: number }
  > = {};
  for (const service of state.config.services)
    byService[service.id] = { issued: 0, served: 0, noShows: 0, cancelled: 0 };
  for (const { serviceId, status, count } of history.dayCounts(state.day)) {
    const figures = byService[serviceId] ?? { issued: 0, served: 0, noShows: 0, cancelled: 0 };
    byService[serviceId] = figures;
    figures.issued += count;
    if (status === "done") figures.served += count;
    if (status === "no-show") figures.noShows += count;
    if (status === "cancelled") figures.cancelled += count;
  }
  const staff = history.counterStaff();
  const counters: Record<string, { clerkName: string | null; since: number | null }> = {};
  for (const id of Object.keys(state.counters)) {
    const person = staff[id];
    counters[id] = { clerkName: person?.clerkName ?? null, since: person?.at ?? null };
  }
  return { day: state.day, services: byService, counters };
}

function headerOf(lines: Generator<string, void, undefined>): string {
  return lines.next().value ?? "";
}

/**
 * The CSV a page at a time (issue 13, point 6). The office has one thread: reading a year
 * of tickets before the first byte (seconds) held every call, ticket and socket of the
 * office until it was done. Each page here is a bounded read (at most 100 tickets of a
 * day, or 100 bookings), and the stream gives the office back between pages (a timer turn, whatever
 * the reader's pace), so live commands keep flowing during an export. The price: the
 * export is no longer one snapshot: a row changed during it appears as it was when its
 * page was read. The byte-order mark makes Excel read accented names as UTF-8.
 */
function pagedCsv(header: string, nextPage: () => string[] | null): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${header}`));
        return;
      }
      // A pull that enqueues nothing is not called again: read on past empty pages.
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const lines = nextPage();
        if (lines === null) return controller.close();
        if (lines.length > 0) return controller.enqueue(encoder.encode(lines.join("")));
      }
    },
  });
}
