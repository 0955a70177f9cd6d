import { useEffect, useRef } from "preact/hooks";
import { format } from "../../shared/i18n";
import type { TicketView } from "../../shared/protocol/api";
import { ConfirmChoice } from "../../shared/ui/ConfirmChoice";
import type { TicketPageModel } from "../model/ticket-page-model";

/** "Give up my place", with a confirmation step: a cancelled ticket cannot be restored. */
export function CancelPlace({ model, ticket }: { model: TicketPageModel; ticket: TicketView }) {
  const m = model.messages.value.ticket.cancel;
  const step = model.cancelStep.value;
  const question = useRef<HTMLParagraphElement>(null);

  // Moving focus to the question makes screen readers read it, and keeps keyboard users in place.
  useEffect(() => {
    if (step === "confirm") question.current?.focus();
  }, [step]);

  if (step === "idle") {
    return (
      <button
        type="button"
        class="button button--quiet"
        data-testid="cancel-ticket"
        onClick={model.askToCancel}
      >
        {m.button}
      </button>
    );
  }
  const sending = step === "sending";
  return (
    <section class="confirm" aria-labelledby="cancel-question">
      <p id="cancel-question" ref={question} tabIndex={-1} class="confirm__question">
        {format(m.question, { code: ticket.code })}
      </p>
      {step === "failed" && (
        <p class="confirm__error" role="alert">
          {m.failed}
        </p>
      )}
      <ConfirmChoice
        rowClass="confirm__actions"
        sending={sending}
        yes={m.yes}
        working={m.working}
        no={m.no}
        onYes={() => void model.confirmCancel()}
        onNo={model.keepPlace}
      />
    </section>
  );
}
