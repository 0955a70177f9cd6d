import type { Hono } from "hono";
import { isCsvFormat } from "../../shared/reports";
import { errorResponse } from "../http/errors";
import { pathSlug, readBody } from "../http/request";
import { type AppContext, type AppEnv, defineRoute } from "../http/route";
import { officeClient } from "../office/client";
import { HistoryImport } from "../office/report-answers";

/** A history import carries up to 5,000 tickets (~2 MB); every other body stays under 64 KB. */
const HISTORY_MAX_BYTES = 4 * 1024 * 1024;

function rangeOf(c: AppContext): { from: string; to: string } | Response {
  const from = c.req.query("from");
  const to = c.req.query("to");
  if (!from || !to)
    return errorResponse(
      400,
      "invalid_request",
      "Give the range as ?from=YYYY-MM-DD&to=YYYY-MM-DD.",
    );
  return { from: from.slice(0, 20), to: to.slice(0, 20) };
}

export function reportRoutes(app: Hono<AppEnv>): void {
  defineRoute(
    app,
    {
      operationId: "report",
      method: "get",
      path: "/api/offices/{office}/reports",
      role: "supervisor",
      summary:
        "The office's report for ?from=&to= (local dates, inclusive, up to three years): arrivals by weekday × hour, tickets per service per day, wait and service times per service, counter and clerk (mean, median, 90th percentile), the share served within the target wait, no-shows, give-ups, transfers, and desks needed per hour.",
      success: [200, "OfficeReport (shared/reports/office-report.ts)"],
      errors: [400, 401, 403, 404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const range = rangeOf(c);
      if (range instanceof Response) return range;
      return officeClient(c.env, office.value).report(range);
    },
  );

  defineRoute(
    app,
    {
      operationId: "ticketsCsv",
      method: "get",
      path: "/api/offices/{office}/reports/tickets.csv",
      role: "supervisor",
      summary:
        "Every ticket of ?from=&to= as CSV with every timestamp (office-local and epoch ms), wait and service seconds. &format=excel-it gives the form Excel set to Italian opens in columns: `;` between cells and a decimal comma.",
      success: [200, "text/csv"],
      errors: [400, 401, 403, 404],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const range = rangeOf(c);
      if (range instanceof Response) return range;
      const format = c.req.query("format");
      if (format !== undefined && !isCsvFormat(format))
        return errorResponse(400, "invalid_request", 'format must be "standard" or "excel-it".');
      return officeClient(c.env, office.value).ticketsCsv({ ...range, format });
    },
  );

  defineRoute(
    app,
    {
      operationId: "importHistory",
      method: "post",
      path: "/api/setup/offices/{office}/history",
      role: "operator",
      summary:
        "Brings in past tickets ({ tickets: ReportTicket[] }, up to 5,000 per request, days before today only; ids already present are skipped): npm run demo:history, or a move from another system.",
      body: HistoryImport,
      success: [200, "{ added, skipped }"],
      errors: [400, 401, 403, 404, 413],
    },
    async (c) => {
      const office = pathSlug(c, "office", "office");
      if (!office.ok) return office.response;
      const body = await readBody(c, HistoryImport, HISTORY_MAX_BYTES);
      if (!body.ok) return body.response;
      return officeClient(c.env, office.value).importHistory(body.value);
    },
  );
}
