import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import type { SeatWarning } from "../../model/day-appointments";
import { formatWaitMinutes } from "../../model/format";
import type { LiveModel } from "../../model/live-model";
import { serviceName } from "../../model/live-view";

/**
 * The point of the live view: a service over the target wait, with a
 * one-click switch of a back-office desk to the front; and a desk that can go
 * back, with a one-click switch back.
 */
export function AlertsPanel({ app, live }: { app: DashboardApp; live: LiveModel }) {
  const m = app.messages.value.dashboard.live.alerts;
  const lang = app.lang.value;
  const state = live.state.value!;
  const alerts = live.alerts.value;
  const back = live.switchBack.value;
  const seats = live.appointments.warnings.value;
  const pending = live.pending.value;
  const target = state.config.targetWaitMinutes;
  return (
    <section class="alerts" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title" class="section-title">
        {m.heading}
      </h2>
      <div aria-live="polite">
        {alerts.length === 0 && back.length === 0 && seats.length === 0 && (
          <p class="alerts-none" data-testid="alerts-none">
            {m.none}
          </p>
        )}
        {alerts.map((alert) => {
          const name = serviceName(state, alert.serviceId, lang);
          const [best, ...others] = alert.options;
          return (
            <div
              key={alert.serviceId}
              class="alert alert-over"
              role="alert"
              data-testid={`wait-alert-${alert.serviceId}`}
            >
              <p class="alert-text">
                <span class="alert-icon" aria-hidden="true">
                  !
                </span>
                {alert.estimatedWaitSeconds === null
                  ? format(m.noDesk, { service: name, waiting: alert.waiting })
                  : format(m.over, {
                      service: name,
                      wait: formatWaitMinutes(alert.estimatedWaitSeconds, lang),
                      target,
                      waiting: alert.waiting,
                    })}
              </p>
              {best ? (
                <div class="alert-actions">
                  {[best, ...others].map((option, index) => (
                    <button
                      key={option.counterId}
                      type="button"
                      class={index === 0 ? "button-primary" : "button-secondary"}
                      disabled={pending !== null}
                      data-testid={`switch-front-${option.counterId}`}
                      data-service={alert.serviceId}
                      onClick={() => void live.setMode(option.counterId, "front")}
                    >
                      <span>{format(m.switchTo, { counter: option.name })}</span>
                      <small>
                        {format(m.after, {
                          wait: formatWaitMinutes(option.estimatedWaitAfterSeconds, lang),
                        })}
                        {option.ticketCode &&
                          ` · ${format(m.busyNote, { counter: option.name, code: option.ticketCode })}`}
                      </small>
                    </button>
                  ))}
                </div>
              ) : (
                <p class="alert-hint">{format(m.noCandidate, { service: name })}</p>
              )}
            </div>
          );
        })}
        {seats.map((warning) => (
          <SeatAlert key={warning.serviceId} app={app} live={live} warning={warning} />
        ))}
        {back.length > 0 && (
          <div class="alert alert-back" data-testid="switch-back-advice">
            <h3 class="alert-subtitle">{m.switchBackHeading}</h3>
            {back.map((advice) => (
              <div key={advice.counterId} class="alert-back-row">
                <p class="alert-text" data-testid={`switch-back-text-${advice.counterId}`}>
                  {advice.worstWaitAfterSeconds < 60
                    ? format(m.switchBackNoWait, { counter: advice.name })
                    : format(m.switchBack, {
                        counter: advice.name,
                        wait: formatWaitMinutes(advice.worstWaitAfterSeconds, lang),
                      })}
                </p>
                <button
                  type="button"
                  class="button-secondary"
                  disabled={pending !== null}
                  data-testid={`switch-back-${advice.counterId}`}
                  onClick={() => void live.setMode(advice.counterId, "back-office")}
                >
                  {format(m.switchBackButton, { counter: advice.name })}
                  {advice.ticketCode && (
                    <small>{format(m.switchBackAfterTicket, { code: advice.ticketCode })}</small>
                  )}
                </button>
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * More people booked at once in the coming hour than desks open for their
 * service: said before they arrive, with the desks that could open.
 */
function SeatAlert(props: { app: DashboardApp; live: LiveModel; warning: SeatWarning }) {
  const { app, live, warning } = props;
  const m = app.messages.value.dashboard.live.alerts;
  const state = live.state.value!;
  const service = serviceName(state, warning.serviceId, app.lang.value);
  const values = {
    service,
    booked: warning.booked,
    time: warning.time,
    counters: warning.openCounters,
  };
  const text =
    warning.openCounters === 0
      ? format(m.seatsNoDesk, values)
      : warning.openCounters === 1
        ? format(m.seatsOneDesk, values)
        : format(m.seatsOver, values);
  return (
    <div class="alert alert-over" role="alert" data-testid={`seat-alert-${warning.serviceId}`}>
      <p class="alert-text">
        <span class="alert-icon" aria-hidden="true">
          !
        </span>
        {text}
      </p>
      {warning.candidates.length > 0 ? (
        <div class="alert-actions">
          {warning.candidates.map((option, index) => (
            <button
              key={option.counterId}
              type="button"
              class={index === 0 ? "button-primary" : "button-secondary"}
              disabled={live.pending.value !== null}
              data-testid={`seat-open-${option.counterId}`}
              data-service={warning.serviceId}
              onClick={() => void live.setMode(option.counterId, "front")}
            >
              {format(m.switchTo, { counter: option.name })}
            </button>
          ))}
        </div>
      ) : (
        <p class="alert-hint">{format(m.seatsNoCandidate, { service })}</p>
      )}
    </div>
  );
}
