import { useEffect } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount, formatDay, formatReportMinutes, formatShare } from "../../model/format";
import type { LiveModel } from "../../model/live-model";
import { rangeQuery } from "../../model/report-range";
import { activeHours, isSingular, withinTargetNote } from "../../model/report-view";
import type { ReportsModel } from "../../model/reports-model";
import { AppointmentsSection } from "./AppointmentsSection";
import { FeedbackSection } from "./FeedbackSection";
import { Heatmap } from "./Heatmap";
import { OutcomesTable } from "./OutcomesTable";
import { PerDayChart } from "./PerDayChart";
import { RangePicker } from "./RangePicker";
import { StaffingTable } from "./StaffingTable";
import { TargetTable } from "./TargetTable";
import { Tile } from "./Tile";
import { TimesTables } from "./TimesTables";

/**
 * Issue 5, point 3: "when are our peaks, how long do people wait, and which
 * desk should open at 10 on Mondays", for a chosen range. Printable on A4
 * landscape (styles/print.css).
 */
export function ReportsView({
  app,
  live,
  reports,
}: {
  app: DashboardApp;
  live: LiveModel;
  reports: ReportsModel;
}) {
  const m = app.messages.value.dashboard.reports;
  const lang = app.lang.value;
  const state = live.state.value!;
  const today = state.day;
  const report = reports.report.value;
  const range = reports.range.value;

  useEffect(() => reports.start(today), [reports, today]);
  // The address keeps the range: a reload or a shared link shows the same report.
  useEffect(() => {
    if (range) history.replaceState(null, "", `#reports?${rangeQuery(range)}`);
  }, [range]);

  const problem = reports.problem.value;
  const hours = report ? activeHours(report.arrivals, state.config.openingHours) : [];
  const context = { app, state, lang };
  return (
    <div class="reports" data-testid="reports-view" aria-busy={reports.loading.value}>
      <div class="reports-head">
        <h2 class="section-title reports-title">
          {m.heading}
          {range && (
            <span class="reports-range-label" data-testid="report-range-label">
              {" "}
              · {formatDay(range.from, lang, true)} – {formatDay(range.to, lang, true)}
            </span>
          )}
        </h2>
        <span class="print-only">{state.config.name}</span>
      </div>
      <RangePicker app={app} reports={reports} today={today} />
      <div aria-live="polite" class="reports-status">
        {reports.loading.value && (
          <p class="muted" role="status" data-testid="report-loading">
            {m.loading}
          </p>
        )}
        {problem && (
          <p class="note note-error" role="alert" data-testid="report-error">
            {problem === "invalidRange" ? m.invalidRange : m.errors[problem]}
          </p>
        )}
      </div>
      {report && (
        <div class={reports.loading.value ? "report report-stale" : "report"} data-testid="report">
          <dl class="figures">
            <Tile label={m.summary.tickets} value={formatCount(report.totals.tickets, lang)} />
            <Tile label={m.summary.served} value={formatCount(report.totals.served, lang)} />
            <Tile
              label={format(m.summary.withinTarget, {
                minutes: report.withinTarget.targetWaitMinutes,
              })}
              value={formatShare(report.withinTarget.overall.share, lang)}
              testId="report-within-target"
              note={withinTargetNote(report, m.summary)}
            />
            <Tile
              label={m.summary.medianWait}
              value={`${formatReportMinutes(report.times.overall.wait.medianSeconds, lang)} min`}
            />
            <Tile
              label={m.summary.p90Wait}
              value={`${formatReportMinutes(report.times.overall.wait.p90Seconds, lang)} min`}
            />
            <Tile
              label={m.summary.noShows}
              value={formatCount(report.outcomes.overall.noShows, lang)}
            />
          </dl>
          <p class="muted">
            {format(
              isSingular(report.totals.daysWithTickets, lang) ? m.summary.daysOne : m.summary.days,
              {
                days: formatCount(report.totals.daysWithTickets, lang),
                total: formatCount(report.totals.daysInRange, lang),
              },
            )}
          </p>
          {report.totals.tickets === 0 ? (
            <>
              <p class="empty-report" data-testid="report-empty">
                {m.empty}
              </p>
              {/* Bookings ahead with no ticket yet: the appointments still show. */}
              <AppointmentsSection {...context} report={report} reports={reports} />
            </>
          ) : (
            <>
              <Heatmap {...context} report={report} hours={hours} />
              <StaffingTable {...context} report={report} hours={hours} />
              <AppointmentsSection {...context} report={report} reports={reports} />
              <PerDayChart {...context} report={report} />
              <TimesTables {...context} report={report} />
              <TargetTable {...context} report={report} />
              <OutcomesTable {...context} report={report} />
              {reports.feedback.value && (
                <FeedbackSection {...context} feedback={reports.feedback.value} reports={reports} />
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
