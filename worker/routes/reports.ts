import type { Hono } from "hono";
import * as z from "zod/mini";
import { HistoryImported } from "../../shared/protocol/responses";
import { CSV_FORMATS, type CsvFormat, FeedbackReport, OfficeReport } from "../../shared/reports";
import { officeParam } from "../http/path-params";
import { type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";
import { HistoryImport } from "../office/report-answers";

/** A history import carries up to 5,000 tickets (~2 MB); every other body stays under 64 KB. */
const HISTORY_MAX_BYTES = 4 * 1024 * 1024;

const RANGE_RULE = "Give the range as ?from=YYYY-MM-DD&to=YYYY-MM-DD.";
/** A local date of the range; the office checks it is one (here only its length is bounded). */
const RangeDate = z.pipe(
  z.string({ error: RANGE_RULE }).check(z.minLength(1, { error: RANGE_RULE })),
  z.transform((date: string) => date.slice(0, 20)),
);
const RangeQuery = z.object({ from: RangeDate, to: RangeDate });
const ReportQuery = z.extend(RangeQuery, {
  onTimeMinutes: z.optional(
    z.coerce
      .number({ error: "onTimeMinutes must be a number." })
      .check(z.int(), z.gte(0), z.lte(120)),
  ),
});
const CSV_FORMAT_NAMES = Object.keys(CSV_FORMATS) as [CsvFormat, ...CsvFormat[]];
const CsvQuery = z.extend(RangeQuery, {
  format: z.optional(
    z.enum(CSV_FORMAT_NAMES, { error: 'format must be "standard" or "excel-it".' }),
  ),
});

export function reportRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "report",
      method: "get",
      path: "/api/offices/{office}/reports",
      role: "supervisor",
      summary:
        "The office's report for ?from=&to= (local dates, inclusive, up to three years): arrivals by weekday × hour, tickets per service per day, wait and service times per service, counter and clerk (mean, median, 90th percentile), the share served within the target wait, no-shows, give-ups, transfers, desks needed per hour (walk-ins and booked minutes), and appointments booked, checked in, missed and cancelled with their lead time and punctuality (called within ?onTimeMinutes= of the slot, 5 by default).",
      params: { office: officeParam },
      query: ReportQuery,
      success: { status: 200, description: "The report", body: OfficeReport },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).report(query),
  );

  defineRoute(
    app,
    {
      operationId: "ticketsCsv",
      method: "get",
      path: "/api/offices/{office}/reports/tickets.csv",
      role: "supervisor",
      summary:
        "Every ticket of ?from=&to= (local dates, inclusive, up to three years; streamed 1,000 tickets at a time) as CSV with every timestamp (office-local and epoch ms), wait and service seconds, and for an appointment's ticket its slot and how late it was called. &format=excel-it gives the form Excel set to Italian opens in columns: `;` between cells and a decimal comma.",
      params: { office: officeParam },
      query: CsvQuery,
      success: { status: 200, description: "text/csv", mediaType: "text/csv" },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).ticketsCsv(query),
  );

  defineRoute(
    app,
    {
      operationId: "appointmentsCsv",
      method: "get",
      path: "/api/offices/{office}/reports/appointments.csv",
      role: "supervisor",
      summary:
        "Every booking whose slot falls in ?from=&to= (up to three years; streamed 500 at a time) as CSV, whatever became of it (checked in, missed, cancelled, still booked): slot, slot length, channel, when it was booked and the lead time, check-in, cancellation or miss, the ticket and how late it was called. No personal data: no name, contact, reason or booking code. &format=excel-it as for tickets.csv.",
      params: { office: officeParam },
      query: CsvQuery,
      success: { status: 200, description: "text/csv", mediaType: "text/csv" },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).appointmentsCsv(query),
  );

  defineRoute(
    app,
    {
      operationId: "importHistory",
      method: "post",
      path: "/api/setup/offices/{office}/history",
      role: "operator",
      summary:
        "Brings in past tickets and bookings ({ tickets: ReportTicket[], appointments?: PastAppointment[] }, up to 5,000 of each per request, days before today only; ids already present are skipped; bookings carry no personal data): npm run demo:history, or a move from another system.",
      params: { office: officeParam },
      body: HistoryImport,
      maxBodyBytes: HISTORY_MAX_BYTES,
      success: {
        status: 200,
        description: "How many were added and skipped",
        body: HistoryImported,
      },
      errors: [400, 401, 403, 404, 413],
    },
    (c, { params, body }) => officeClient(c.env, params.office).importHistory(body),
  );

  defineRoute(
    app,
    {
      operationId: "feedbackReport",
      method: "get",
      path: "/api/offices/{office}/reports/feedback",
      role: "supervisor",
      summary:
        "Feedback after service over ?from=&to= (local dates of service, inclusive): satisfaction (the share of scores 4–5) and mean score overall, by service, weekday, hour and waiting time (0–5, 5–15, 15–30, 30–60, 60+ minutes), the scores and reasons given, the response rate (answers per served ticket), and by counter only if the office keeps per-clerk figures.",
      params: { office: officeParam },
      query: RangeQuery,
      success: { status: 200, description: "The feedback figures", body: FeedbackReport },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).feedbackReport(query),
  );

  defineRoute(
    app,
    {
      operationId: "feedbackCsv",
      method: "get",
      path: "/api/offices/{office}/reports/feedback.csv",
      role: "supervisor",
      summary:
        "Every feedback answer of ?from=&to= as CSV: day, local hour, service, counter (only with per-clerk figures on), wait in minutes, score, reasons and the comment (until it is erased, 12 months by default). No ticket, code or link: an answer cannot be followed back to whoever gave it. &format=excel-it as for tickets.csv.",
      params: { office: officeParam },
      query: CsvQuery,
      success: { status: 200, description: "text/csv", mediaType: "text/csv" },
      errors: [400, 401, 403, 404],
    },
    (c, { params, query }) => officeClient(c.env, params.office).feedbackCsv(query),
  );
}
