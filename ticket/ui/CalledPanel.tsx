import type { TicketView } from "../../shared/protocol/api";
import { ArrowIcon } from "../../shared/ui/icons";
import type { TicketPageModel } from "../model/ticket-page-model";

/** "It's your turn — Go to Sportello 3": the one thing the person must see, as large as the screen allows. */
export function CalledPanel({ model, ticket }: { model: TicketPageModel; ticket: TicketView }) {
  const t = model.messages.value.ticket;
  return (
    <section class="called" role="alert" aria-labelledby="called-title">
      <h2 id="called-title" class="called__title">
        {t.status.called}
      </h2>
      <p class="called__go" data-testid="go-to">
        <span class="called__label">
          <ArrowIcon /> {t.goTo}
        </span>
        <strong class="called__counter">{ticket.counterName}</strong>
      </p>
      <p class="called__hint">{t.calledHint}</p>
    </section>
  );
}
