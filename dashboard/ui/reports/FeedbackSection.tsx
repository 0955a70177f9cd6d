import { format } from "../../../shared/i18n";
import type { OfficeState } from "../../../shared/protocol/state";
import type { FeedbackReport } from "../../../shared/reports/feedback";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount, formatShare, shortWeekday } from "../../model/format";
import { serviceName } from "../../model/live-view";
import type { ReportsModel } from "../../model/reports-model";
import { Tile } from "./Tile";
import { WEEKDAY_INDEXES } from "./weekdays";

interface Props {
  app: DashboardApp;
  state: OfficeState;
  lang: string;
  feedback: FeedbackReport;
  reports: ReportsModel;
}

interface Row {
  key: string;
  label: string;
  count: number;
  satisfaction: number | null;
}

/** A small table of satisfaction: what, how many answered, the share of 4–5. */
function SatisfactionTable(props: {
  caption: string;
  head: string;
  rows: Row[];
  lang: string;
  m: { answers: string; satisfaction: string };
  testId: string;
}) {
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col" class="num">
              {props.m.answers}
            </th>
            <th scope="col" class="num">
              {props.m.satisfaction}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td class="num">{formatCount(row.count, props.lang)}</td>
              <td class="num">{formatShare(row.satisfaction, props.lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Issue 15, point 4: how citizens found the service: satisfaction (the share of 4
 * and 5) overall, by service, weekday, hour and wait, the response rate, and by
 * counter only where the office keeps per-clerk figures.
 */
export function FeedbackSection({ app, state, lang, feedback, reports }: Props) {
  const m = app.messages.value.dashboard.reports.feedback;
  if (feedback.overall.count === 0) return null;
  const csv = reports.feedbackCsvHref();
  const csvExcelIt = reports.feedbackCsvHref("excel-it");
  const minutes = (value: number) => format(m.minutes, { n: value });
  return (
    <section
      class="panel report-section"
      aria-labelledby="feedback-title"
      data-testid="report-feedback"
    >
      <h3 id="feedback-title" class="section-title">
        {m.heading}
      </h3>
      <p class="muted">{m.hint}</p>
      <dl class="figures">
        <Tile
          label={m.satisfaction}
          value={formatShare(feedback.overall.satisfaction, lang)}
          testId="feedback-satisfaction"
        />
        <Tile label={m.answers} value={formatCount(feedback.overall.count, lang)} />
        <Tile label={m.responseRate} value={formatShare(feedback.responseRate, lang)} />
        <Tile label={m.comments} value={formatCount(feedback.comments, lang)} />
      </dl>
      <SatisfactionTable
        caption={m.byService}
        head={m.service}
        lang={lang}
        m={m}
        testId="feedback-by-service"
        rows={feedback.byService
          .filter((row) => row.count > 0)
          .map((row) => ({
            key: row.serviceId,
            label: serviceName(state, row.serviceId, lang),
            ...row,
          }))}
      />
      <SatisfactionTable
        caption={m.byWait}
        head={m.wait}
        lang={lang}
        m={m}
        testId="feedback-by-wait"
        rows={feedback.byWait.map((row) => ({
          key: String(row.fromMinutes),
          label:
            row.toMinutes === null
              ? `≥ ${minutes(row.fromMinutes)}`
              : `${row.fromMinutes}–${minutes(row.toMinutes)}`,
          ...row,
        }))}
      />
      <SatisfactionTable
        caption={m.byWeekday}
        head={m.weekday}
        lang={lang}
        m={m}
        testId="feedback-by-weekday"
        rows={WEEKDAY_INDEXES.map((i) => ({
          key: String(i),
          label: shortWeekday(i, lang),
          count: feedback.byWeekday[i]?.count ?? 0,
          satisfaction: feedback.byWeekday[i]?.satisfaction ?? null,
        })).filter((row) => row.count > 0)}
      />
      <SatisfactionTable
        caption={m.byHour}
        head={m.hour}
        lang={lang}
        m={m}
        testId="feedback-by-hour"
        rows={feedback.byHour
          .map((figures, hour) => ({ key: String(hour), label: `${hour}:00`, ...figures }))
          .filter((row) => row.count > 0)}
      />
      {feedback.byCounter.length > 0 && (
        <SatisfactionTable
          caption={m.byCounter}
          head={m.counter}
          lang={lang}
          m={m}
          testId="feedback-by-counter"
          rows={feedback.byCounter.map((row) => ({
            key: row.counterId,
            label: state.config.counters.find((c) => c.id === row.counterId)?.name ?? row.counterId,
            ...row,
          }))}
        />
      )}
      <div class="range-tools">
        {csv && (
          <a class="button-link" href={csv} download data-testid="feedback-csv">
            {m.csv}
          </a>
        )}
        {csvExcelIt && (
          <a class="button-link" href={csvExcelIt} download>
            {m.csvExcelIt}
          </a>
        )}
      </div>
    </section>
  );
}
