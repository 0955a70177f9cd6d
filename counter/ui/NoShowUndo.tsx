import { format } from "../../shared/i18n";
import type { CounterModel } from "../model/counter-model";

/**
 * The no-show waiting for its undo window: what will happen, in how long,
 * and Undo (a button in the tab order, and Esc anywhere on the console).
 */
export function NoShowUndo({ model }: { model: CounterModel }) {
  const pending = model.pendingNoShow.value;
  if (!pending) return null;
  const m = model.messages.value.counter.actions;
  return (
    <div class="no-show-undo" data-testid="no-show-pending">
      <p id="no-show-undo-text" class="no-show-undo-text" role="status">
        {format(m.noShowPending, { code: pending.code, s: pending.secondsLeft })}
      </p>
      <button
        type="button"
        class="no-show-undo-button"
        data-testid="no-show-undo"
        aria-describedby="no-show-undo-text"
        aria-keyshortcuts="Escape"
        onClick={model.undoNoShow}
      >
        {m.undo}
        <span class="kbd" aria-hidden="true">
          Esc
        </span>
      </button>
    </div>
  );
}
