import type { OfficeState } from "../../../shared/protocol/state";
import type { OfficeReport } from "../../../shared/reports/office-report";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount } from "../../model/format";
import { serviceName } from "../../model/live-view";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
}

const COLUMNS = [
  "tickets",
  "served",
  "noShows",
  "cancelled",
  "expired",
  "transfers",
  "recalls",
] as const;

/** How tickets ended: served, no-shows, give-ups, expired; transfers and recalls. */
export function OutcomesTable({ app, state, lang, report }: Props) {
  const m = app.messages.value.dashboard.reports.outcomes;
  const rows = [
    ...report.outcomes.byService.map((row) => ({
      key: row.serviceId,
      label: serviceName(state, row.serviceId, lang),
      counts: row,
    })),
    {
      key: "all",
      label: app.messages.value.dashboard.reports.times.overall,
      counts: report.outcomes.overall,
    },
  ];
  return (
    <section class="panel report-section" aria-labelledby="outcomes-title">
      <h3 id="outcomes-title" class="section-title">
        {m.heading}
      </h3>
      <div class="table-scroll">
        <table class="data-table" data-testid="outcomes-table">
          <thead>
            <tr>
              <th scope="col">{m.service}</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" class="num">
                  {m[column]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} class={row.key === "all" ? "row-total" : undefined}>
                <th scope="row">{row.label}</th>
                {COLUMNS.map((column) => (
                  <td key={column} class="num">
                    {formatCount(row.counts[column], lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
