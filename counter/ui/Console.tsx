import type { CounterModel } from "../model/counter-model";
import { ActionPanel } from "./ActionPanel";
import { CheckInDialog } from "./CheckInDialog";
import { CurrentTicket } from "./CurrentTicket";
import { NoShowUndo } from "./NoShowUndo";
import { ProblemMessage } from "./ProblemMessage";
import { QueuePanel } from "./QueuePanel";
import { TransferDialog } from "./TransferDialog";

/** One counter at work: the ticket and its actions on the left, whom it could call on the right. */
export function Console({ model }: { model: CounterModel }) {
  return (
    <div class="console">
      <section class="console-work" aria-labelledby="current-heading">
        <CurrentTicket model={model} />
        <NoShowUndo model={model} />
        <ProblemMessage model={model} />
        <ActionPanel model={model} />
      </section>
      <QueuePanel model={model} />
      <TransferDialog model={model} />
      <CheckInDialog model={model} />
      <Announcer model={model} />
    </div>
  );
}

/** Tells screen-reader users what the counter now holds, once per change (not every timer tick). */
function Announcer({ model }: { model: CounterModel }) {
  const m = model.messages.value.counter.current;
  const ticket = model.view.value?.current;
  const status = ticket?.status === "called" || ticket?.status === "serving" ? ticket.status : null;
  return (
    <p class="visually-hidden" aria-live="polite">
      {ticket && status ? `${ticket.code}: ${m.status[status]}` : m.none}
    </p>
  );
}
