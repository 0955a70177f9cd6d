import type { OfficeState } from "../../../shared/protocol/state";
import type { OfficeReport } from "../../../shared/reports/office-report";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount } from "../../model/format";
import { counterName, serviceName } from "../../model/live-view";
import { type TimesRow, timesRow } from "../../model/report-view";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
}

/** Wait and service minutes (mean, median, 90th percentile) by service, counter and clerk. */
export function TimesTables({ app, state, lang, report }: Props) {
  const m = app.messages.value.dashboard.reports.times;
  const { times } = report;
  const overall = timesRow("all", m.overall, times.overall, lang);
  const byService = times.byService.map((row) =>
    timesRow(row.serviceId, serviceName(state, row.serviceId, lang), row, lang),
  );
  const byCounter = times.byCounter.map((row) =>
    timesRow(row.counterId, counterName(state, row.counterId), row, lang),
  );
  const byClerk = times.byClerk.map((row) =>
    timesRow(row.clerkId, row.clerkName ?? m.unknownClerk, row, lang),
  );
  return (
    <section class="panel report-section" aria-labelledby="times-title">
      <h3 id="times-title" class="section-title">
        {m.heading}
      </h3>
      <p class="muted">{m.hint}</p>
      <div class="times-grid">
        <TimesTable
          app={app}
          title={m.byService}
          rows={byService}
          total={overall}
          testId="times-service"
        />
        <TimesTable app={app} title={m.byCounter} rows={byCounter} testId="times-counter" />
        <TimesTable app={app} title={m.byClerk} rows={byClerk} testId="times-clerk" />
      </div>
    </section>
  );
}

function TimesTable({
  app,
  title,
  rows,
  total,
  testId,
}: {
  app: DashboardApp;
  title: string;
  rows: TimesRow[];
  total?: TimesRow;
  testId: string;
}) {
  const m = app.messages.value.dashboard.reports.times;
  const lang = app.lang.value;
  const line = (row: TimesRow, isTotal = false) => (
    <tr key={row.key} class={isTotal ? "row-total" : undefined}>
      <th scope="row">{row.label}</th>
      <td class="num">{formatCount(row.waitCount, lang)}</td>
      {row.wait.map((value, i) => (
        <td key={`w${i}`} class={i === 0 ? "num group-start" : "num"}>
          {value}
        </td>
      ))}
      {row.service.map((value, i) => (
        <td key={`s${i}`} class={i === 0 ? "num group-start" : "num"}>
          {value}
        </td>
      ))}
    </tr>
  );
  return (
    <div class="table-scroll">
      <table class="data-table times-table" data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {m.name}
            </th>
            <th scope="col" rowSpan={2} class="num">
              {m.count}
            </th>
            <th scope="colgroup" colSpan={3} class="group-start">
              {m.wait}
            </th>
            <th scope="colgroup" colSpan={3} class="group-start">
              {m.service}
            </th>
          </tr>
          <tr>
            {[m.mean, m.median, m.p90, m.mean, m.median, m.p90].map((label, i) => (
              <th key={`${label}${i}`} scope="col" class={i % 3 === 0 ? "num group-start" : "num"}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => line(row))}
          {total && line(total, true)}
        </tbody>
      </table>
    </div>
  );
}
