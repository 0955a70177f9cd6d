import { focusOnMount } from "../../shared/ui/focus-on-mount";
import type { DisplayModel } from "../display-model";
import { SecondLanguage } from "./second-language";

/**
 * Browsers keep a page silent until someone interacts with it. Until then
 * this invites one tap (or the remote's OK: it takes the focus). The first
 * time it is a card over the lower half of the screen; once sound has been
 * enabled on this screen before, a reload (after a deploy, a power cut) only
 * shows a small reminder in the bottom line. A player started with
 * --autoplay-policy=no-user-gesture-required never shows either.
 */
export function EnableSound({
  model,
  placement,
}: {
  model: DisplayModel;
  placement: "card" | "reminder";
}) {
  const { sound } = model;
  if (!sound.available || sound.unlocked.value) return null;
  const reminder = sound.remembered.value;
  if (reminder !== (placement === "reminder")) return null;
  const m = model.messages.value.display;
  const second = model.secondMessages.value?.display;
  const button = (
    <button
      type="button"
      class="enable-sound-button"
      data-testid="enable-sound"
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
  );
  if (reminder) return <span class="enable-sound-reminder">{button}</span>;
  return (
    <div class="enable-sound">
      {button}
      <p class="enable-sound-hint">{m.enableSoundHint}</p>
    </div>
  );
}
