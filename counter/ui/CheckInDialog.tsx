import { useEffect, useRef } from "preact/hooks";
import { bookingCodeProblem } from "../../shared/client/booking-code";
import { checkInResultText } from "../model/check-in-text";
import type { CounterModel } from "../model/counter-model";
import { trapTab } from "./TransferDialog";

/**
 * Check in (A): the clerk types the booking code a person gives them and
 * the office issues the appointment's ticket, which joins the queue in call
 * order. The dialog stays open with the result, ready for the next code.
 */
export function CheckInDialog({ model }: { model: CounterModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const { checkIn } = model;
  const open = checkIn.isOpen.value;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      input.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const m = model.messages.value.counter.checkIn;
  const state = model.state.value;
  const code = checkIn.code.value;
  const pending = checkIn.pending.value;
  const result = checkIn.result.value;
  const shown =
    result && state
      ? checkInResultText(result, state, model.messages.value, model.lang.value)
      : null;
  const codeRefused =
    result?.kind === "refused" &&
    (result.refusal.code.startsWith("code_") || result.refusal.code === "unknown_appointment");
  return (
    <dialog
      ref={dialog}
      class="transfer-dialog check-in-dialog"
      aria-labelledby="check-in-title"
      aria-describedby="check-in-hint"
      data-testid="check-in-dialog"
      onClose={checkIn.close}
      onKeyDown={trapTab}
    >
      {open && (
        <form
          class="transfer-content check-in-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void checkIn.submit().then(() => input.current?.focus());
          }}
        >
          <h2 id="check-in-title">{m.title}</h2>
          <p id="check-in-hint" class="transfer-hint">
            {m.hint}
          </p>
          <label class="check-in-label" for="check-in-code">
            {m.codeLabel}
          </label>
          <div class="check-in-row">
            <input
              ref={input}
              id="check-in-code"
              class="check-in-code"
              data-testid="check-in-code"
              value={code}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              aria-invalid={codeRefused || bookingCodeProblem(code) === "character"}
              aria-describedby="check-in-code-hint"
              onInput={(event) => checkIn.input(event.currentTarget.value)}
            />
            <button
              type="submit"
              class="check-in-submit"
              data-testid="check-in-submit"
              disabled={pending}
              aria-busy={pending}
            >
              {pending ? m.working : m.submit}
            </button>
          </div>
          <p id="check-in-code-hint" class="check-in-code-hint">
            {m.codeHint}
          </p>
          {shown && (
            <p
              class={`check-in-result is-${shown.tone}`}
              role={shown.tone === "error" ? "alert" : "status"}
              data-testid="check-in-result"
              data-kind={result?.kind}
            >
              {shown.text}
            </p>
          )}
          <div class="transfer-footer">
            <button type="button" class="transfer-cancel" onClick={checkIn.close}>
              {m.close}
              <span class="kbd" aria-hidden="true">
                Esc
              </span>
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
