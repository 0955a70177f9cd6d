import {
  CSV_FORMATS,
  computeFeedbackReport,
  feedbackCsvLines,
  isCsvFormat,
} from "../../shared/reports";
import { invalid, type ReportContext, rangeOf } from "./report-answers";
import type { FeedbackTable } from "./store/feedback-table";

/*
 * The feedback's reading side: the figures and feedback.csv over a range of local dates.
 * A range's answers are few (one per served ticket at most, most tickets give none), so
 * they are read at once; the served tickets come as the main report reads them.
 */

export function feedbackReportAnswer(
  url: URL,
  context: ReportContext,
  feedback: FeedbackTable,
): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const servedByService: Record<string, number> = {};
  for (const ticket of context.history.forReport(range.from, range.to, context.state.day)) {
    if (ticket.status === "done")
      servedByService[ticket.serviceId] = (servedByService[ticket.serviceId] ?? 0) + 1;
  }
  return Response.json(
    computeFeedbackReport(range, feedback.between(range.from, range.to), servedByService, {
      counters: context.state.config.clerkFigures,
    }),
  );
}

export function feedbackCsvAnswer(
  url: URL,
  context: ReportContext,
  feedback: FeedbackTable,
): Response {
  const range = rangeOf(url);
  if (range instanceof Response) return range;
  const format = url.searchParams.get("format") ?? "standard";
  if (!isCsvFormat(format)) return invalid('format must be "standard" or "excel-it".');
  const lines = feedbackCsvLines(feedback.between(range.from, range.to), CSV_FORMATS[format], {
    counters: context.state.config.clerkFigures,
    // Only supervisors, admins and the operator reach the reports (README "Security").
    comments: true,
  });
  const suffix = format === "standard" ? "" : `-${format}`;
  return new Response(lines.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="turno-feedback-${range.from}-${range.to}${suffix}.csv"`,
    },
  });
}
