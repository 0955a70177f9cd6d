import { format, formatWait } from "../../shared/i18n";
import type { TicketView } from "../../shared/protocol/api";
import { HourglassIcon, PeopleIcon } from "../../shared/ui/icons";
import { canGiveUpPlace } from "../model/give-up";
import { FINAL_STATUSES, type TicketPageModel } from "../model/ticket-page-model";
import { CalledPanel } from "./CalledPanel";
import { CancelPlace } from "./CancelPlace";
import { FeedbackPanel } from "./FeedbackPanel";
import { NotifyControl } from "./NotifyControl";

type Status = keyof TicketPageModel["messages"]["value"]["ticket"]["status"];
type EndedStatus = keyof TicketPageModel["messages"]["value"]["ticket"]["ended"];

function Position({ model, ticket }: { model: TicketPageModel; ticket: TicketView }) {
  const m = model.messages.value;
  const ahead = ticket.peopleAhead;
  const aheadText =
    ahead === null
      ? ""
      : ahead === 0
        ? m.common.noOneAhead
        : ahead === 1
          ? m.common.onePersonAhead
          : format(m.common.peopleAhead, { n: ahead });
  return (
    <div class="position" aria-live="polite">
      <p class="position__ahead" data-testid="people-ahead" data-count={ahead ?? undefined}>
        <PeopleIcon />
        <span>{aheadText}</span>
      </p>
      {ticket.estimatedWaitSeconds !== null && (
        <p class="position__wait">
          <HourglassIcon />
          <span>
            {m.ticket.estimatedWait}:{" "}
            <strong>{formatWait(ticket.estimatedWaitSeconds, model.language.value)}</strong>
          </span>
        </p>
      )}
    </div>
  );
}

/** One ticket: its number and service, and what its status means for the person holding it. */
export function TicketCard({ model, ticket }: { model: TicketPageModel; ticket: TicketView }) {
  const t = model.messages.value.ticket;
  const status = ticket.status;
  const statusText = t.status[status as Status] ?? status;
  const ended = FINAL_STATUSES.includes(status);
  const canCancel = canGiveUpPlace(status);
  return (
    <>
      {status === "called" && <CalledPanel model={model} ticket={ticket} />}
      <section class={`card ticket ticket--${status}`} aria-labelledby="ticket-heading">
        <div class="ticket__top">
          <h1 id="ticket-heading" class="ticket__label">
            {t.yourNumber}
          </h1>
          {/* Once called, the panel above says "It's your turn": said once, not twice. */}
          {status !== "called" && (
            <p
              class={`status-pill status-pill--${status}`}
              data-testid="ticket-status"
              data-status={status}
            >
              {statusText}
            </p>
          )}
        </div>
        <p class="ticket__code" data-testid="ticket-code">
          {ticket.code}
        </p>
        <p class="ticket__service">
          {model.serviceName.value}
          {ticket.priority && <span class="tag">{t.priority}</span>}
        </p>
        {status === "waiting" && <Position model={model} ticket={ticket} />}
        {status === "serving" && (
          <p class="ticket__note">{format(t.servingAt, { counter: ticket.counterName ?? "" })}</p>
        )}
        {ended && <p class="ticket__note">{t.ended[status as EndedStatus]}</p>}
      </section>
      {status === "waiting" && <p class="keep-open">{t.keepOpen}</p>}
      {status === "waiting" && <NotifyControl model={model} />}
      {canCancel && <CancelPlace model={model} ticket={ticket} />}
      {status === "done" &&
        (ticket.feedback === "open" || model.feedbackForm.step.value === "thanks") && (
          <FeedbackPanel model={model} />
        )}
    </>
  );
}
