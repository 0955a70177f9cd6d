import type { ChartConfiguration } from "chart.js";
import { useMemo } from "preact/hooks";
import type { OfficeState } from "../../../shared/protocol/state";
import type { OfficeReport } from "../../../shared/reports/office-report";
import { useChart } from "../../charts/chart";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount, formatDay } from "../../model/format";
import { serviceName } from "../../model/live-view";
import { perDaySeries, seriesColour } from "../../model/report-view";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
}

/** Tickets per service per day as stacked bars (by week over long ranges), with its table. */
export function PerDayChart({ app, state, lang, report }: Props) {
  const m = app.messages.value.dashboard.reports.perDay;
  const data = useMemo(() => perDaySeries(report.ticketsPerDay), [report]);
  const names = data.series.map((s) => serviceName(state, s.serviceId, lang));
  const config = useMemo<ChartConfiguration<"bar">>(
    () => ({
      type: "bar",
      data: {
        labels: data.labels.map((day) => formatDay(day, lang)),
        datasets: data.series.map((series, index) => ({
          label: names[index]!,
          data: series.values,
          backgroundColor: seriesColour(index),
          borderWidth: 0,
        })),
      },
      options: {
        plugins: { legend: { position: "bottom", labels: { boxWidth: 18, padding: 14 } } },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    }),
    [data, lang, names.join()],
  );
  const canvas = useChart(config);
  const totals = data.labels.map((_, i) =>
    data.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
  );
  return (
    <section class="panel report-section" aria-labelledby="per-day-title">
      <h3 id="per-day-title" class="section-title">
        {m.heading}
      </h3>
      <div class="chart-box chart-bars" aria-hidden="true">
        <canvas ref={canvas} data-testid="per-day-canvas" />
      </div>
      <details class="table-details">
        <summary>{m.caption}</summary>
        <div class="table-scroll">
          <table class="data-table" data-testid="per-day-table">
            <thead>
              <tr>
                <th scope="col">{m.day}</th>
                {names.map((name) => (
                  <th key={name} scope="col" class="num">
                    {name}
                  </th>
                ))}
                <th scope="col" class="num">
                  {m.total}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.labels.map((day, i) => (
                <tr key={day}>
                  <th scope="row">{formatDay(day, lang, true)}</th>
                  {data.series.map((series) => (
                    <td key={series.serviceId} class="num">
                      {formatCount(series.values[i] ?? 0, lang)}
                    </td>
                  ))}
                  <td class="num">{formatCount(totals[i] ?? 0, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
