import { useEffect, useRef } from "preact/hooks";
import { format } from "../../shared/i18n";
import type { CounterModel } from "../model/counter-model";
import { serviceName, servicePrefix } from "../model/names";
import { ModeBadge } from "./ModeBadge";

/**
 * Where to send the current ticket: another service (back in its queue by
 * original issue time) or one named counter. A modal <dialog>: the page
 * behind is inert, Tab stays inside, Esc closes it.
 */
export function TransferDialog({ model }: { model: CounterModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = model.transferOpen.value;
  const view = model.view.value;
  const state = model.state.value;
  const targets = model.targets.value;
  const ticket = view?.current;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  // The ticket left the counter (another browser acted): nothing left to transfer.
  useEffect(() => {
    if (open && !ticket) model.closeTransfer();
  }, [open, ticket, model]);

  const lang = model.lang.value;
  const m = model.messages.value.counter;
  return (
    <dialog
      ref={dialog}
      class="transfer-dialog"
      aria-labelledby="transfer-title"
      aria-describedby="transfer-hint"
      data-testid="transfer-dialog"
      onClose={model.closeTransfer}
      onKeyDown={trapTab}
    >
      {open && state && targets && ticket && (
        <div class="transfer-content">
          <h2 id="transfer-title">{format(m.transfer.title, { code: ticket.code })}</h2>
          <p id="transfer-hint" class="transfer-hint">
            {m.transfer.hint}
          </p>
          <div class="transfer-scroll">
            <h3>{m.transfer.toService}</h3>
            <ul class="transfer-options">
              {targets.services.map((service) => (
                <li key={service.id}>
                  <button
                    type="button"
                    class="transfer-option"
                    data-testid={`transfer-service-${service.id}`}
                    disabled={service.isCurrent}
                    onClick={() => model.transferTo({ toServiceId: service.id })}
                  >
                    <span class="prefix-chip" aria-hidden="true">
                      {servicePrefix(state, service.id)}
                    </span>
                    <span class="transfer-option-name">{serviceName(state, service.id, lang)}</span>
                    {service.isCurrent && (
                      <span class="transfer-option-note">{m.transfer.current}</span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
            <h3>{m.transfer.toCounter}</h3>
            <ul class="transfer-options">
              {targets.counters.map((counter) => (
                <li key={counter.id}>
                  <button
                    type="button"
                    class="transfer-option"
                    data-testid={`transfer-counter-${counter.id}`}
                    onClick={() => model.transferTo({ toCounterId: counter.id })}
                  >
                    <span class="transfer-option-name is-counter">{counter.name}</span>
                    <ModeBadge mode={counter.mode} label={m.modes[counter.mode]} />
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div class="transfer-footer">
            <button type="button" class="transfer-cancel" onClick={model.closeTransfer}>
              {m.transfer.cancel}
              <span class="kbd" aria-hidden="true">
                Esc
              </span>
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

/** Tab and Shift+Tab wrap around inside the dialog instead of leaving for the browser's toolbar. */
export function trapTab(event: KeyboardEvent): void {
  if (event.key !== "Tab") return;
  const dialog = event.currentTarget as HTMLElement;
  const focusable = Array.from(
    dialog.querySelectorAll<HTMLElement>(
      "button:not([disabled]), [href], [tabindex]:not([tabindex='-1'])",
    ),
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
