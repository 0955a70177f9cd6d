import { waitStartOf } from "../../shared/engine/routing";
import { format, formatWait } from "../../shared/i18n";
import type { Ticket } from "../../shared/protocol/ticket";
import { CalendarIcon } from "../../shared/ui/icons";
import { appointmentMarkerText, notDueText } from "../model/appointment-marker";
import type { CounterModel } from "../model/counter-model";
import type { QueueGroup } from "../model/counter-view";
import { formatWaited } from "../model/durations";
import { problemText } from "../model/errors";
import { serviceName, servicePrefix } from "../model/names";

/**
 * Whom this counter could call, by queue, each in call-next order. A row
 * calls its ticket now (click, Enter or Space); arrow keys move between rows.
 */
export function QueuePanel({ model }: { model: CounterModel }) {
  const queue = model.queue.value;
  if (!queue) return null;
  const m = model.messages.value.counter.queue;
  const blocked = model.callBlocked.value;
  return (
    <section class="queue" aria-labelledby="queue-heading">
      <header class="queue-header">
        <h2 id="queue-heading">{m.heading}</h2>
        <span class="queue-total" data-testid="queue-total">
          {queue.total === 0
            ? m.none
            : queue.total === 1
              ? m.one
              : format(m.total, { n: queue.total })}
        </span>
      </header>
      {(blocked || queue.total > 0) && (
        <p class={`queue-hint${blocked ? " is-blocked" : ""}`}>
          {blocked
            ? problemText(blocked, model.messages.value, model.canChangeMode.value)
            : m.callHint}
        </p>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys only move focus between the row buttons */}
      <div class="queue-scroll" onKeyDown={moveFocusBetweenRows}>
        {queue.groups.map((group) => (
          <QueueGroupView key={group.key} group={group} model={model} nextId={queue.next?.id} />
        ))}
      </div>
    </section>
  );
}

function QueueGroupView(props: {
  group: QueueGroup;
  model: CounterModel;
  nextId: string | undefined;
}) {
  const { group, model } = props;
  const state = model.state.value;
  if (!state) return null;
  const lang = model.lang.value;
  const m = model.messages.value.counter.queue;
  const headingId = `queue-${group.key.replace(":", "-")}`;
  const count = group.tickets.length;
  return (
    <section
      class={`queue-group${count === 0 ? " is-empty" : ""}${group.serviceId ? "" : " is-transferred"}`}
      aria-labelledby={headingId}
      data-testid={group.serviceId ? `queue-service-${group.serviceId}` : "queue-transferred"}
    >
      <div class="queue-group-header">
        <h3 id={headingId}>
          {group.serviceId && (
            <span class="prefix-chip" aria-hidden="true">
              {servicePrefix(state, group.serviceId)}
            </span>
          )}
          {group.serviceId ? serviceName(state, group.serviceId, lang) : m.transferredHere}
        </h3>
        <span class="queue-group-stats">
          <span class="queue-group-count">
            {count === 0 ? m.none : count === 1 ? m.one : format(m.total, { n: count })}
          </span>
          {group.serviceId && count > 0 && (
            <span class="queue-group-wait">
              {format(m.estimatedWait, { wait: formatWait(group.estimatedWaitSeconds, lang) })}
            </span>
          )}
        </span>
      </div>
      {count > 0 && (
        <ol class="queue-rows">
          {group.tickets.map((ticket) => (
            <QueueRow
              key={ticket.id}
              ticket={ticket}
              model={model}
              isNext={ticket.id === props.nextId}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function QueueRow(props: { ticket: Ticket; model: CounterModel; isNext: boolean }) {
  const { ticket, model } = props;
  const state = model.state.value;
  if (!state) return null;
  const lang = model.lang.value;
  const messages = model.messages.value;
  const m = messages.counter.queue;
  const marker = model.appointmentMarker(ticket);
  // An appointment waits from when it is due: arriving early is the holder's own time.
  const waitedMs = model.now.value - (marker ? waitStartOf(ticket) : ticket.issuedAt);
  const waited =
    marker && !marker.due ? notDueText(marker, messages) : formatWaited(waitedMs, messages);
  const overTarget = (!marker || marker.due) && waitedMs > state.config.targetWaitMinutes * 60_000;
  const service = serviceName(state, ticket.serviceId, lang);
  const callable = model.canCallChosen.value;
  return (
    <li>
      <button
        type="button"
        class={`queue-row${props.isNext ? " is-next" : ""}${callable ? "" : " is-inert"}${marker && !marker.due ? " is-not-due" : ""}`}
        data-testid={`queue-ticket-${ticket.code}`}
        aria-disabled={!callable}
        onClick={() => model.callTicket(ticket.id)}
      >
        <span class="visually-hidden">{m.callPrefix} </span>
        <span class="queue-row-code">{ticket.code}</span>
        <span class="queue-row-flags">
          {props.isNext && <span class="flag flag-next">{m.next}</span>}
          {ticket.priority && <span class="flag flag-priority">{m.priority}</span>}
          {marker && (
            <span class="flag flag-appointment" data-testid={`queue-appointment-${ticket.code}`}>
              <CalendarIcon /> {appointmentMarkerText(marker, messages)}
            </span>
          )}
          {marker?.late && <span class="flag flag-late">{messages.counter.appointment.late}</span>}
          {ticket.targetCounterId !== null && (
            <span class="flag flag-transferred">{m.transferred}</span>
          )}
          {ticket.targetCounterId !== null && <span class="queue-row-service">{service}</span>}
        </span>
        <span class={`queue-row-waited${overTarget ? " is-over-target" : ""}`}>{waited}</span>
      </button>
    </li>
  );
}

/** Up/Down/Home/End move focus along the row buttons, across groups. */
function moveFocusBetweenRows(event: KeyboardEvent): void {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
  const container = event.currentTarget as HTMLElement;
  const rows = Array.from(container.querySelectorAll<HTMLButtonElement>(".queue-row"));
  const index = rows.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1 || rows.length === 0) return;
  event.preventDefault();
  const target =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? rows.length - 1
        : Math.min(rows.length - 1, Math.max(0, index + (event.key === "ArrowDown" ? 1 : -1)));
  rows[target]?.focus();
}
