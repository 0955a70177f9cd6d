import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatCount, formatElapsed, formatWaitMinutes } from "../../model/format";
import type { LiveModel } from "../../model/live-model";
import { longestWaitMs, type ServiceRow } from "../../model/live-view";

/** Per service: waiting, longest wait (ticking), estimate, desks open, today's figures, issuing. */
export function ServicesTable({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const m = app.messages.value.dashboard.live.services;
  const rows = live.services.value;
  return (
    <section class="panel" aria-labelledby="services-title">
      <h2 id="services-title" class="section-title">
        {m.heading}
      </h2>
      <div class="table-scroll">
        <table class="data-table services-table" data-testid="services-table">
          <thead>
            <tr>
              <th scope="col">{m.service}</th>
              <th scope="col" class="num">
                {m.waiting}
              </th>
              <th scope="col" class="num">
                {m.longest}
              </th>
              <th scope="col" class="num">
                {m.estimate}
              </th>
              <th scope="col" class="num">
                {m.desks}
              </th>
              <th scope="col" class="num">
                {m.issued}
              </th>
              <th scope="col" class="num">
                {m.served}
              </th>
              <th scope="col">{m.issuing}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ServiceLine key={row.serviceId} app={app} live={live} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ServiceLine({ app, live, row }: { app: DashboardApp; live: LiveModel; row: ServiceRow }) {
  const m = app.messages.value.dashboard.live.services;
  const lang = app.lang.value;
  const [confirming, setConfirming] = useState(false);
  const longest = longestWaitMs(row, live.now.value);
  const pending = live.pending.value;
  return (
    <tr
      class={row.overTarget ? "row-over" : undefined}
      data-testid={`service-row-${row.serviceId}`}
      data-over-target={String(row.overTarget)}
    >
      <th scope="row">
        <span class="prefix-badge" aria-hidden="true">
          {row.prefix}
        </span>
        <span class="service-name">{row.name}</span>
        {row.mode === "appointment" && <small class="muted"> · {m.appointment}</small>}
      </th>
      <td class="num big" data-testid={`service-waiting-${row.serviceId}`}>
        {formatCount(row.waiting, lang)}
      </td>
      <td class="num" data-testid={`service-longest-${row.serviceId}`}>
        {longest === null ? m.noOne : formatElapsed(longest)}
      </td>
      <td class="num" data-testid={`service-estimate-${row.serviceId}`}>
        {row.overTarget && (
          <span class="warn-mark" aria-hidden="true">
            ▲{" "}
          </span>
        )}
        {row.estimatedWaitSeconds === null
          ? row.waiting > 0
            ? m.noDesk
            : m.noOne
          : row.waiting === 0
            ? m.noWait
            : formatWaitMinutes(row.estimatedWaitSeconds, lang)}
      </td>
      <td class="num">{row.openCounters}</td>
      <td class="num">{row.today ? formatCount(row.today.issued, lang) : "…"}</td>
      <td class="num">{row.today ? formatCount(row.today.served, lang) : "…"}</td>
      <td class="issuing-cell">
        {row.issuing === "closed" ? (
          <span class="status-pill status-closed">{m.closedConfig}</span>
        ) : confirming ? (
          <div class="confirm">
            <p class="confirm-text">{format(m.closeConfirm, { service: row.name })}</p>
            <button
              type="button"
              class="button-danger"
              disabled={pending !== null}
              data-testid={`service-close-confirm-${row.serviceId}`}
              onClick={() => {
                setConfirming(false);
                void live.setServiceToday(row.serviceId, false);
              }}
            >
              {m.closeYes}
            </button>
            <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
              {m.cancel}
            </button>
          </div>
        ) : (
          <div class="issuing">
            <span
              class={`status-pill ${row.issuing === "open" ? "status-open" : "status-finished"}`}
              data-testid={`service-issuing-${row.serviceId}`}
              data-issuing={row.issuing}
            >
              {row.issuing === "open" ? m.open : m.closedToday}
            </span>
            {row.issuing === "open" ? (
              <button
                type="button"
                class="button-secondary button-small"
                disabled={pending !== null}
                data-testid={`service-close-${row.serviceId}`}
                onClick={() => setConfirming(true)}
              >
                {/* The short words in the compact wide layout (styles/live.css), the full ones else. */}
                <span class="label-full">{m.closeToday}</span>
                <span class="label-short" aria-hidden="true">
                  {m.closeTodayShort}
                </span>
              </button>
            ) : (
              <button
                type="button"
                class="button-secondary button-small"
                disabled={pending !== null}
                data-testid={`service-reopen-${row.serviceId}`}
                onClick={() => void live.setServiceToday(row.serviceId, true)}
              >
                {m.reopenToday}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
