import { format } from "../../../shared/i18n";
import type { OfficeState } from "../../../shared/protocol/state";
import type { OfficeReport } from "../../../shared/reports/office-report";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount, formatShare } from "../../model/format";
import { serviceName } from "../../model/live-view";
import { shareStanding } from "../../model/report-view";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
}

/** The share of called tickets that waited at most the target, per service, with a bar. */
export function TargetTable({ app, state, lang, report }: Props) {
  const m = app.messages.value.dashboard.reports.target;
  const { withinTarget } = report;
  const goal = report.staffing.serviceLevel;
  const shortNote = format(app.messages.value.dashboard.reports.summary.withinTargetShort, {
    share: Math.round(goal * 100),
  });
  const rows = [
    ...withinTarget.byService.map((row) => ({
      key: row.serviceId,
      label: serviceName(state, row.serviceId, lang),
      ...row,
    })),
    {
      key: "all",
      label: app.messages.value.dashboard.reports.times.overall,
      ...withinTarget.overall,
    },
  ];
  return (
    <section class="panel report-section" aria-labelledby="target-title">
      <h3 id="target-title" class="section-title">
        {m.heading}
      </h3>
      <div class="table-scroll">
        <table class="data-table" data-testid="target-table">
          <caption class="muted">
            {format(m.caption, { minutes: withinTarget.targetWaitMinutes })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{m.service}</th>
              <th scope="col" class="num">
                {m.called}
              </th>
              <th scope="col" class="num">
                {m.within}
              </th>
              <th scope="col">{m.share}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const standing = shareStanding(row.share, goal);
              return (
                <tr key={row.key} class={row.key === "all" ? "row-total" : undefined}>
                  <th scope="row">{row.label}</th>
                  <td class="num">{formatCount(row.called, lang)}</td>
                  <td class="num">{formatCount(row.withinTarget, lang)}</td>
                  <td>
                    <div class="share" data-standing={standing ?? undefined}>
                      <span class="share-value">{formatShare(row.share, lang)}</span>
                      <span class="share-bar" aria-hidden="true">
                        <span
                          class={
                            standing === "short" ? "share-fill share-fill-short" : "share-fill"
                          }
                          style={{ width: `${Math.round((row.share ?? 0) * 100)}%` }}
                        />
                      </span>
                      {standing === "short" && <span class="share-short">{shortNote}</span>}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
