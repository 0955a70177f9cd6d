import { format } from "../../../shared/i18n";
import { COUNTER_MODES, type CounterMode } from "../../../shared/protocol/config";
import type { DashboardApp } from "../../model/dashboard-app";
import { formatElapsed, formatTimeOfDay } from "../../model/format";
import type { LiveModel } from "../../model/live-model";
import { counterTimer } from "../../model/live-view";

/** Per counter: mode (changeable), clerk, current ticket and its running time. */
export function CountersTable({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const m = app.messages.value.dashboard;
  const rows = live.counters.value;
  const now = live.now.value;
  const pending = live.pending.value;
  const timeZone = live.state.value?.config.timeZone ?? "UTC";
  const lang = app.lang.value;
  return (
    <section class="panel" aria-labelledby="counters-title">
      <h2 id="counters-title" class="section-title">
        {m.live.counters.heading}
      </h2>
      <div class="table-scroll">
        <table class="data-table counters-table" data-testid="counters-table">
          <thead>
            <tr>
              <th scope="col">{m.live.counters.counter}</th>
              <th scope="col">{m.live.counters.mode}</th>
              <th scope="col">{m.live.counters.clerk}</th>
              <th scope="col">{m.live.counters.ticket}</th>
              <th scope="col" class="num">
                {m.live.counters.time}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const timer = counterTimer(row, now);
              const selectId = `mode-${row.counterId}`;
              return (
                <tr
                  key={row.counterId}
                  data-testid={`counter-row-${row.counterId}`}
                  data-mode={row.mode}
                >
                  <th scope="row">
                    <span class="counter-name">{row.name}</span>
                    {row.defaultMode !== "front" && (
                      <small class="muted">
                        {" "}
                        · {format(m.live.counters.usual, { mode: m.modes[row.defaultMode] })}
                      </small>
                    )}
                  </th>
                  <td>
                    <label class="visually-hidden" for={selectId}>
                      {format(m.live.counters.setMode, { counter: row.name })}
                    </label>
                    <select
                      id={selectId}
                      class={`mode-select mode-${row.mode}`}
                      value={row.mode}
                      disabled={pending !== null}
                      data-testid={`counter-mode-${row.counterId}`}
                      onChange={(event) => {
                        const next = event.currentTarget.value as CounterMode;
                        if (next !== row.mode) void live.setMode(row.counterId, next);
                      }}
                    >
                      {COUNTER_MODES.map((mode) => (
                        <option key={mode} value={mode}>
                          {m.modes[mode]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-testid={`counter-clerk-${row.counterId}`}>
                    {row.clerkName ?? m.live.counters.noClerk}
                  </td>
                  <td class="code" data-testid={`counter-ticket-${row.counterId}`}>
                    {row.ticket?.code ?? m.live.counters.noTicket}
                    {row.ticket && row.ticket.appointmentAt !== null && (
                      <small class="muted">
                        {" "}
                        ·{" "}
                        {format(m.live.appointments.marker, {
                          time: formatTimeOfDay(row.ticket.appointmentAt, timeZone, lang),
                        })}
                      </small>
                    )}
                  </td>
                  <td class="num" data-testid={`counter-time-${row.counterId}`}>
                    {timer
                      ? format(
                          timer.kind === "serving"
                            ? m.live.counters.serving
                            : m.live.counters.called,
                          { time: formatElapsed(timer.ms) },
                        )
                      : ""}
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
