import { focusOnMount } from "../../shared/ui/focus-on-mount";
import type { DisplayModel } from "../display-model";
import { SecondLanguage } from "./second-language";

/**
 * Browsers keep a page silent until someone interacts with it. Until then
 * this invites one tap (or the remote's OK: it takes the focus), as a small
 * bar in the bottom line: a wall TV may have no one to tap it, so it never
 * covers the calls, the queues or the notice (issue 10). A player that allows
 * autoplay (--autoplay-policy=no-user-gesture-required) has its audio running
 * from the start (sound-unlock.ts) and never shows it.
 */
export function EnableSound({ model }: { model: DisplayModel }) {
  const { sound } = model;
  if (!sound.available || sound.unlocked.value) return null;
  const m = model.messages.value.display;
  const second = model.secondMessages.value?.display;
  return (
    <span class="enable-sound-reminder">
      <button
        type="button"
        class="enable-sound-button"
        data-testid="enable-sound"
        title={m.enableSoundHint}
        ref={focusOnMount}
        onClick={() => sound.unlock()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"
          />
        </svg>
        <span class="enable-sound-text">
          {m.enableSound}
          <SecondLanguage lang={model.secondLang.value} text={second?.enableSound} />
        </span>
      </button>
    </span>
  );
}
