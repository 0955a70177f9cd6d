import { AccessibilityIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";

/** Priority ticket on/off: a real toggle button (aria-pressed) with a switch drawn beside its label. */
export function PriorityToggle({ model }: { model: KioskModel }) {
  const m = model.messages.value.kiosk.priority;
  const on = model.priority.value;
  return (
    <button
      type="button"
      class="priority"
      data-testid="priority-toggle"
      aria-pressed={on}
      onClick={model.togglePriority}
    >
      <span class="priority__icon">
        <AccessibilityIcon />
      </span>
      <span class="priority__text">
        <span class="priority__label">{m.label}</span>
        <span class="priority__hint">{m.hint}</span>
      </span>
      <span class="priority__state" aria-hidden="true">
        <span class="switch">
          <span class="switch__knob" />
        </span>
        <span class="priority__state-text">{on ? m.on : m.off}</span>
      </span>
    </button>
  );
}
