import { focusOnMount } from "../../shared/ui/focus-on-mount";
import type { DisplayModel } from "../model/display-model";
import { SecondLanguage } from "./second-language";
import { SpeakerIcon } from "./speaker-icon";

/**
 * Browsers keep a page silent until someone interacts with it. Until then
 * this invites one tap (or the remote's OK: it takes the focus), as a small
 * bar in the bottom line: a wall TV may have no one to tap it, so it never
 * covers the calls, the queues or the notice. A player that allows
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
        <SpeakerIcon />
        <span class="enable-sound-text">
          {m.enableSound}
          <SecondLanguage lang={model.secondLang.value} text={second?.enableSound} />
        </span>
      </button>
    </span>
  );
}
