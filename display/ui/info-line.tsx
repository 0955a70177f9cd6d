import type { DisplayModel } from "../model/display-model";
import { noticeSize } from "../model/queue-texts";
import { ConnectionStatus } from "./connection-status";
import { EnableSound } from "./enable-sound";
import { SpeakerIcon } from "./speaker-icon";

/**
 * The bottom line: opening hours today (open / closed, when it reopens),
 * then the notices slot (a supervisor's notice, large: the line grows to
 * fit it), then the connection mark and the discreet voice controls button.
 */
export function InfoLine({ model }: { model: DisplayModel }) {
  const hours = model.hours.value;
  const notice = model.data.value?.notice ?? null;
  return (
    <footer class="info-line">
      {hours && (
        <span class={`hours${hours.open ? " is-open" : ""}`}>
          <span class="hours-dot" aria-hidden="true" />
          {hours.text}
        </span>
      )}
      <span class="notices" data-testid="notices" aria-live="polite">
        {notice && (
          <span class={`notice ${noticeSize(notice)}`} data-testid="notice">
            {notice}
          </span>
        )}
      </span>
      <EnableSound model={model} />
      <ConnectionStatus model={model} />
      <button
        type="button"
        class="settings-button"
        aria-label={model.messages.value.display.openSettings}
        title={model.messages.value.display.openSettings}
        onClick={() => model.openSettings()}
      >
        <SpeakerIcon />
      </button>
    </footer>
  );
}
