import { format } from "../../../shared/i18n";
import type { OfficeState } from "../../../shared/protocol/state";
import type { OfficeReport } from "../../../shared/reports/office-report";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount, formatShare } from "../../model/format";
import { serviceName } from "../../model/live-view";
import { formatLateness, formatLeadTime } from "../../model/report-view";
import type { ReportsModel } from "../../model/reports-model";
import { Tile } from "./Tile";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
  reports: ReportsModel;
}

const COUNTS = ["booked", "checkedIn", "missed", "cancelled"] as const;

/**
 * Issue 12, point 6: the appointments of the range: how many were booked and what became
 * of them, how far ahead people book, and whether the office called them at their time.
 * Shown only when the range has bookings or appointment tickets.
 */
export function AppointmentsSection({ app, state, lang, report, reports }: Props) {
  const m = app.messages.value.dashboard.reports.appointments;
  const { appointments } = report;
  const { overall, onTimeMinutes } = appointments;
  if (overall.booked === 0 && overall.called === 0) return null;
  const onTime = format(m.onTime, { minutes: onTimeMinutes });
  const csv = reports.appointmentsCsvHref();
  const csvExcelIt = reports.appointmentsCsvHref("excel-it");
  const rows = [
    ...appointments.byService.map((row) => ({
      key: row.serviceId,
      label: serviceName(state, row.serviceId, lang),
      ...row,
    })),
    { key: "all", label: app.messages.value.dashboard.reports.times.overall, ...overall },
  ];
  return (
    <section
      class="panel report-section"
      aria-labelledby="appointments-title"
      data-testid="report-appointments"
    >
      <h3 id="appointments-title" class="section-title">
        {m.heading}
      </h3>
      <p class="muted">{format(m.hint, { minutes: onTimeMinutes })}</p>
      <dl class="figures appointments-figures">
        <Tile label={m.booked} value={formatCount(overall.booked, lang)} />
        <Tile
          label={m.checkedIn}
          value={formatCount(overall.checkedIn, lang)}
          testId="appointments-checked-in"
        />
        <Tile label={m.missed} value={formatCount(overall.missed, lang)} />
        <Tile label={m.cancelled} value={formatCount(overall.cancelled, lang)} />
        {overall.upcoming > 0 && (
          <Tile label={m.upcoming} value={formatCount(overall.upcoming, lang)} />
        )}
        <Tile
          label={onTime}
          value={formatShare(overall.onTimeShare, lang)}
          testId="appointments-on-time"
          wide
          note={{
            text: format(m.latenessNote, {
              lateness: formatLateness(overall.callLateness.medianSeconds, lang, m),
            }),
            short: false,
          }}
        />
        <Tile
          label={m.leadTime}
          value={formatLeadTime(overall.leadTime.medianSeconds, lang, m)}
          testId="appointments-lead-time"
          wide
          note={{
            text: format(m.leadNote, {
              lead: formatLeadTime(overall.leadTime.p90Seconds, lang, m),
            }),
            short: false,
          }}
        />
      </dl>
      <div class="table-scroll">
        <table class="data-table appointments-table" data-testid="appointments-table">
          <caption class="visually-hidden">{m.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.service}</th>
              {COUNTS.map((column) => (
                <th key={column} scope="col" class="num">
                  {m[column]}
                </th>
              ))}
              <th scope="col" class="num">
                {m.leadTime}
              </th>
              <th scope="col">{onTime}</th>
              <th scope="col" class="num">
                {m.latenessShort}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} class={row.key === "all" ? "row-total" : undefined}>
                <th scope="row">{row.label}</th>
                {COUNTS.map((column) => (
                  <td key={column} class="num">
                    {formatCount(row[column], lang)}
                  </td>
                ))}
                <td class="num">{formatLeadTime(row.leadTime.medianSeconds, lang, m)}</td>
                <td>
                  <div class="share">
                    <span class="share-value">{formatShare(row.onTimeShare, lang)}</span>
                    <span class="share-bar" aria-hidden="true">
                      <span
                        class="share-fill"
                        style={{ width: `${Math.round((row.onTimeShare ?? 0) * 100)}%` }}
                      />
                    </span>
                  </div>
                </td>
                <td class="num">{formatLateness(row.callLateness.medianSeconds, lang, m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="range-tools appointments-tools">
        {csv && (
          <a class="button-link" href={csv} download data-testid="appointments-csv">
            {m.csv}
          </a>
        )}
        {csvExcelIt && (
          <a class="button-link" href={csvExcelIt} download data-testid="appointments-csv-excel-it">
            {m.csvExcelIt}
          </a>
        )}
      </div>
    </section>
  );
}
