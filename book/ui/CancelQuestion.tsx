import { format } from "../../shared/i18n";
import { ConfirmChoice } from "../../shared/ui/ConfirmChoice";
import type { ManagePageModel } from "../model/manage-page-model";
import { whenText } from "./booking-when";
import { RefusalNote } from "./RefusalNote";
import { StepHeading } from "./StepHeading";

/** "Cancel your appointment of …?": a cancelled booking cannot be restored, so it is asked first. */
export function CancelQuestion({ model }: { model: ManagePageModel }) {
  const m = model.messages.value.book;
  const g = m.manage;
  const sending = model.sending.value;
  const refusal = model.cancelRefusal.value;
  return (
    <section class="card" aria-labelledby="step-title" data-testid="cancel-question">
      <StepHeading takeFocus>{format(g.cancelQuestion, { when: whenText(model) })}</StepHeading>
      <RefusalNote text={refusal ? m.refusals[refusal] : null} />
      <ConfirmChoice
        rowClass="actions"
        sending={sending}
        yes={g.cancelYes}
        working={g.cancelling}
        no={g.cancelNo}
        onYes={() => void model.confirmCancel()}
        onNo={model.keepBooking}
      />
    </section>
  );
}
