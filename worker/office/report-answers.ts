import * as z from "zod/mini";
import { IsoDate, type OfficeState } from "../../shared/protocol";
import {
  appointmentCsvLines,
  CSV_FORMATS,
  computeOfficeReport,
  inOfficeOrder,
  isCsvFormat,
  LocalClock,
  PastAppointment,
  type ReportAppointment,
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

const Range = z.object({ from: IsoDate, to: IsoDate });
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

/** The local dates a report or CSV covers, from the query. */
function rangeOf(url: URL): { from: string; to: string } | Response {
  const range = Range.safeParse({
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
  });
  return range.success ? range.data : invalid("from and to must be dates (YYYY-MM-DD).");
}

export function ticketsCsvAnswer(url: URL, context: ReportContext): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const { from, to } = range;
  const format = url.searchParams.get("format") ?? "standard";
  if (!isCsvFormat(format)) return invalid('format must be "standard" or "excel-it".');
  const tickets = [...context.history.between(from, to)];
  const suffix = format === "standard" ? "" : `-${format}`;
  const { timeZone, clerkFigures } = context.state.config;
  const lines = ticketCsvLines(tickets, timeZone, CSV_FORMATS[format], { clerks: clerkFigures });
  return new Response(csvStream(lines), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="turno-tickets-${from}-${to}${suffix}.csv"`,
    },
  });
}

export function appointmentsCsvAnswer(url: URL, context: ReportContext): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const { from, to } = range;
  const format = url.searchParams.get("format") ?? "standard";
  if (!isCsvFormat(format)) return invalid('format must be "standard" or "excel-it".');
  const { timeZone } = context.state.config;
  const clock = new LocalClock(timeZone);
  const appointments = appointmentsAround(from, to, context).filter((appointment) => {
    const day = clock.dateTime(appointment.start).slice(0, 10);
    return day >= from && day <= to;
  });
  const tickets = appointments.some((appointment) => appointment.ticketId !== null)
    ? [...context.history.between(from, to)]
    : [];
  const suffix = format === "standard" ? "" : `-${format}`;
  const lines = appointmentCsvLines(appointments, tickets, timeZone, CSV_FORMATS[format]);
  return new Response(csvStream(lines), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="turno-appointments-${from}-${to}${suffix}.csv"`,
    },
  });
}

/**
 * The bookings whose slot may fall on a local day of the range: the UTC days around it,
 * a day wider on each side for any time zone; the report keeps the range's own.
 */
function appointmentsAround(from: string, to: string, context: ReportContext): ReportAppointment[] {
  const DAY_MS = 86_400_000;
  const services = new Map(context.state.config.services.map((service) => [service.id, service]));
  return context.appointments.forReport(
    (dayNumberOf(from) - 1) * DAY_MS,
    (dayNumberOf(to) + 2) * DAY_MS,
    (serviceId) => services.get(serviceId)?.booking?.slotMinutes ?? null,
  );
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

function invalid(message: string, issues?: unknown[]): Response {
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

/**
 * The CSV a thousand lines at a time: a year of tickets is tens of megabytes
 * as one string. The rows are read first (a consistent snapshot of the range);
 * the byte-order mark makes Excel read accented names as UTF-8.
 */
function csvStream(lines: Generator<string, void, undefined>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream({
    pull(controller) {
      let chunk = started ? "" : "\uFEFF";
      started = true;
      for (let count = 0; count < 1000; count++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
