import { format } from "../../../shared/i18n";
import type { OfficeState } from "../../../shared/protocol/state";
import { WEEKDAYS } from "../../../shared/protocol/weekdays";
import type { OfficeReport } from "../../../shared/reports/office-report";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatHour, shortWeekday } from "../../model/format";
import { staffingGrid, staffingSentence, staffingValues } from "../../model/report-view";
import { WEEKDAY_INDEXES, WeekdayHead } from "./weekdays";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  report: OfficeReport;
  hours: number[];
}

/**
 * "Which desk should open at 10 on Mondays": desks needed per weekday × hour
 * to meet the target wait (Erlang C), each cell saying how it was reached
 * (arrivals × minutes), and the busiest hours written out in full.
 */
export function StaffingTable({ app, lang, report, hours }: Props) {
  const m = app.messages.value.dashboard.reports.staffing;
  const grid = staffingGrid(report, hours);
  const dayNames = WEEKDAY_INDEXES.map((i) => shortWeekday(i, lang));
  const sentence = (cell: NonNullable<(typeof grid.rows)[number][number]>) =>
    staffingSentence(cell, dayNames[WEEKDAYS.indexOf(cell.weekday)]!, lang, m);
  return (
    <section class="panel report-section" aria-labelledby="staffing-title">
      <h3 id="staffing-title" class="section-title">
        {m.heading}
      </h3>
      <p class="muted">
        {format(m.hint, {
          share: Math.round(report.staffing.serviceLevel * 100),
          minutes: report.staffing.targetWaitMinutes,
        })}
      </p>
      {report.staffing.cells.some((cell) => cell.appointmentMinutes > 0) && (
        <p class="muted" data-testid="staffing-booked-hint">
          {m.bookedHint}
        </p>
      )}
      {grid.busiest.length > 0 && (
        <div class="busiest">
          <h4 class="busiest-title">{m.busiest}</h4>
          <ul data-testid="staffing-busiest">
            {grid.busiest.map((cell) => (
              <li key={`${cell.weekday}-${cell.hour}`}>{sentence(cell)}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="table-scroll">
        <table class="data-table staffing-table" data-testid="staffing-table">
          <caption class="visually-hidden">{m.heading}</caption>
          <WeekdayHead hourLabel={m.hour} dayNames={dayNames} />
          <tbody>
            {grid.hours.map((hour, row) => (
              <tr key={hour}>
                <th scope="row">{formatHour(hour)}</th>
                {grid.rows[row]!.map((cell, weekday) => {
                  if (!cell)
                    return (
                      <td key={weekday} class="num staff-empty">
                        —
                      </td>
                    );
                  const values = staffingValues(cell, dayNames[weekday]!, lang);
                  return (
                    <td
                      key={weekday}
                      class={`num staff-cell staff-${Math.min(cell.desksForTarget ?? 0, 8)}`}
                      title={sentence(cell)}
                      data-testid={`staffing-${weekday}-${hour}`}
                    >
                      <span class="staff-desks" aria-hidden="true">
                        {values.desks}
                      </span>
                      <span class="staff-detail" aria-hidden="true">
                        {cell.meanArrivals > 0 && `${values.arrivals} × ${values.minutes}′`}
                        {values.booked && (
                          <span class="staff-booked">
                            {format(m.bookedShort, { minutes: values.booked })}
                          </span>
                        )}
                      </span>
                      <span class="visually-hidden">{sentence(cell)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
