import { waitStartOf } from "../../shared/engine/routing";
import { format } from "../../shared/i18n";
import { CalendarIcon } from "../../shared/ui/icons";
import { appointmentMarkerText } from "../model/appointment-marker";
import type { CounterModel } from "../model/counter-model";
import { formatClock } from "../model/durations";
import { languageName, serviceName } from "../model/names";

/** The ticket at the counter, large, with how long its holder waited and a live service timer. */
export function CurrentTicket({ model }: { model: CounterModel }) {
  const view = model.view.value;
  const state = model.state.value;
  if (!view || !state) return null;
  const lang = model.lang.value;
  const m = model.messages.value.counter;
  const ticket = view.current;

  if (!ticket || (ticket.status !== "called" && ticket.status !== "serving")) {
    const next = model.queue.value?.next;
    return (
      <article class="ticket-card is-idle" data-testid="current-ticket" data-status="none">
        <h2 id="current-heading" class="ticket-card-heading">
          <span data-testid="current-ticket-status">{m.current.heading}</span>
        </h2>
        <div class="ticket-card-body">
          <p class="ticket-idle-title">{m.current.none}</p>
          {view.mode !== "front" ? (
            <p class={`ticket-mode-notice mode-${view.mode}`}>{modeNotice(model, view.mode)}</p>
          ) : next ? (
            <div class="ticket-next">
              <span class="ticket-next-label">{m.current.nextUp}</span>
              <span class="ticket-next-code">{next.code}</span>
              <span class="ticket-next-service">{serviceName(state, next.serviceId, lang)}</span>
              <span class="ticket-idle-hint">{m.current.noneHint}</span>
            </div>
          ) : (
            <p class="ticket-idle-hint">{m.current.queueEmpty}</p>
          )}
        </div>
      </article>
    );
  }

  const now = model.now.value;
  const called = ticket.status === "called";
  const marker = model.appointmentMarker(ticket);
  // An appointment's wait counts from when it was due, not from an early check-in.
  const waitedMs = Math.max(
    0,
    (ticket.calledAt ?? now) - (marker ? waitStartOf(ticket) : ticket.issuedAt),
  );
  const timerStart = (called ? ticket.calledAt : ticket.startedAt) ?? now;
  return (
    <article
      class={`ticket-card is-${ticket.status}`}
      data-testid="current-ticket"
      data-status={ticket.status}
    >
      <h2 id="current-heading" class="ticket-card-heading">
        <span class="ticket-status" data-testid="current-ticket-status" data-status={ticket.status}>
          {m.current.status[ticket.status]}
        </span>
        <span class="ticket-flags">
          {ticket.priority && <span class="flag flag-priority">{m.current.priority}</span>}
          {marker && (
            <span class="flag flag-appointment" data-testid="current-ticket-appointment">
              <CalendarIcon /> {appointmentMarkerText(marker, model.messages.value)}
            </span>
          )}
          {marker?.late && <span class="flag flag-late">{m.appointment.late}</span>}
          {ticket.transfers > 0 && (
            <span class="flag flag-transferred">{m.current.transferred}</span>
          )}
          {ticket.recalls > 0 && (
            <span class="flag">{format(m.current.recalls, { n: ticket.recalls })}</span>
          )}
          {ticket.lang && ticket.lang !== lang && (
            <span class="flag" lang={lang}>
              {format(m.current.speaks, { language: languageName(ticket.lang, lang) })}
            </span>
          )}
        </span>
      </h2>
      <div class="ticket-card-body">
        <p class="ticket-code" data-testid="current-ticket-code">
          {ticket.code}
        </p>
        <p class="ticket-service">{serviceName(state, ticket.serviceId, lang)}</p>
      </div>
      <dl class="ticket-times">
        <div class="ticket-time">
          <dt>{m.current.waited}</dt>
          <dd>{formatClock(waitedMs)}</dd>
        </div>
        <div class="ticket-time ticket-timer">
          <dt>{called ? m.current.calledFor : m.current.servingFor}</dt>
          <dd data-testid="service-timer">{formatClock(now - timerStart)}</dd>
        </div>
      </dl>
      {view.mode !== "front" && (
        <p class={`ticket-mode-notice mode-${view.mode}`}>{modeNotice(model, view.mode)}</p>
      )}
    </article>
  );
}

/** Why the counter is not calling, and who can change that: the clerk themself, or a supervisor. */
function modeNotice(model: CounterModel, mode: "paused" | "back-office" | "closed"): string {
  const m = model.messages.value.counter;
  return model.canChangeMode.value ? m.modeNotice[mode] : m.modeNoticeClerk[mode];
}
