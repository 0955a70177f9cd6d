import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount } from "../../model/format";
import type { LiveModel } from "../../model/live-model";
import { ActionNoteLine } from "./ActionNoteLine";
import { AlertsPanel } from "./AlertsPanel";
import { AppointmentsPanel } from "./AppointmentsPanel";
import { ConflictsPanel } from "./ConflictsPanel";
import { CountersTable } from "./CountersTable";
import { NoticeForm } from "./NoticeForm";
import { ServicesTable } from "./ServicesTable";

/**
 * Issue 5, point 1: the office now — alerts first, then services, counters and the notice.
 * Issue 10, point 9: on a manager's wide screen (1440×900) all of it in the first screen,
 * even for a city office's 13 services and 10 counters: alerts across the top, services on
 * the left, counters and the notice on the right, in compact rows (styles/live.css).
 */
export function LiveView({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const m = app.messages.value.dashboard.live;
  const lang = app.lang.value;
  const state = live.state.value!;
  const totals = live.totals.value;
  return (
    <div class="live" data-testid="live-view">
      <h2 class="visually-hidden">{m.heading}</h2>
      <ActionNoteLine app={app} live={live} />
      <div class="live-grid">
        <div class="live-main">
          <dl class="figures live-figures" aria-label={m.today}>
            <Figure
              label={m.issuedToday}
              value={totals ? formatCount(totals.issued, lang) : "…"}
              testId="today-issued"
            />
            <Figure
              label={m.servedToday}
              value={totals ? formatCount(totals.served, lang) : "…"}
              testId="today-served"
            />
            <Figure
              label={m.waitingNow}
              value={formatCount(live.waiting.value, lang)}
              testId="waiting-now"
            />
            <div class="figure figure-target">
              <dt>{format(m.target, { minutes: state.config.targetWaitMinutes })}</dt>
            </div>
          </dl>
          <ServicesTable app={app} live={live} />
          <NoticeForm app={app} live={live} />
        </div>
        <div class="live-side">
          <AlertsPanel app={app} live={live} />
          <ConflictsPanel app={app} live={live} />
          <CountersTable app={app} live={live} />
          <AppointmentsPanel app={app} live={live} />
        </div>
      </div>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
