import { format } from "../../shared/i18n";
import { slotClock } from "../model/calendar-days";
import type { ManagePageModel } from "../model/manage-page-model";
import { longDay } from "../model/when-text";
import { whenText } from "./booking-when";
import { DayChoice } from "./DayChoice";
import { RefusalNote } from "./RefusalNote";
import { StepHeading } from "./StepHeading";
import { TimeChoice } from "./TimeChoice";

/** Moving the booking: a day, a time, then "Move to …?". The booking stays as it is until the office agrees. */
export function MoveFlow({ model }: { model: ManagePageModel }) {
  const m = model.messages.value;
  const g = m.book.manage;
  const lang = model.language.value;
  const picker = model.picker.value;
  const moveTo = model.moveTo.value;
  const refusal = model.moveRefusal.value;
  const sending = model.sending.value;
  const day = picker?.day.value ?? null;
  const phase = moveTo ? "confirm" : day ? "time" : "day";
  const daysAhead = picker ? daysBetween(picker.today, picker.lastDay) : 0;
  const newWhen = moveTo
    ? format(m.book.details.when, {
        day: longDay(moveTo.startLocal.slice(0, 10), lang),
        time: slotClock(moveTo),
      })
    : "";
  return (
    <section class="card" aria-labelledby="step-title" data-testid={`move-step-${phase}`}>
      <button
        type="button"
        class="button button--back"
        data-testid="back"
        disabled={sending}
        onClick={model.moveBack}
      >
        <span aria-hidden="true">‹ </span>
        {m.book.back}
      </button>
      <div class="step__top">
        <StepHeading key={phase} takeFocus>
          {phase === "confirm"
            ? format(g.moveQuestion, { when: newWhen })
            : phase === "time"
              ? m.book.time.title
              : g.moveTitle}
        </StepHeading>
        <p class="step__chosen">{whenText(model)}</p>
      </div>
      <RefusalNote text={refusal ? m.book.refusals[refusal] : null} />
      {phase === "day" && picker && (
        <DayChoice
          picker={picker}
          messages={m}
          lang={lang}
          daysAhead={daysAhead}
          onChoose={model.chooseMoveDay}
        />
      )}
      {phase === "time" && day && (
        <TimeChoice day={day} messages={m} onChoose={model.chooseMoveSlot} />
      )}
      {phase === "confirm" && (
        <div class="actions">
          <p class="hint">{g.moveKeeps}</p>
          <button
            type="button"
            class="button button--primary"
            data-testid="move-confirm"
            disabled={sending}
            onClick={() => void model.confirmMove()}
          >
            {sending ? g.moving : g.moveYes}
          </button>
          <button
            type="button"
            class="button button--secondary"
            data-testid="move-keep"
            disabled={sending}
            onClick={model.stopMoving}
          >
            {g.moveNo}
          </button>
        </div>
      )}
    </section>
  );
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
