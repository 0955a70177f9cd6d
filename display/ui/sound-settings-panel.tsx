import { focusOnMount } from "../../shared/ui/focus-on-mount";
import type { DisplayModel } from "../model/display-model";
import { SOUND_LIMITS } from "../model/sound-settings";

type Level = keyof typeof SOUND_LIMITS;

/**
 * "Controlli voce": volume, speed and pitch of this screen, hidden until the
 * discreet button or the S key opens it. Arrow keys move the sliders, so a
 * TV remote is enough; Escape or "Chiudi" closes it.
 */
export function SoundSettingsPanel({ model }: { model: DisplayModel }) {
  if (!model.settingsOpen.value) return null;
  const m = model.messages.value.display;
  const settings = model.settings.value;
  const close = () => model.closeSettings();
  const slider = (name: Level, label: string, ref?: (element: HTMLElement | null) => void) => (
    <label class="setting">
      <span class="setting-name">{label}</span>
      <input
        ref={ref}
        type="range"
        min={SOUND_LIMITS[name].min}
        max={SOUND_LIMITS[name].max}
        step={SOUND_LIMITS[name].step}
        value={settings[name]}
        onInput={(event) =>
          model.updateSettings({ [name]: Number((event.target as HTMLInputElement).value) })
        }
      />
      <output class="setting-value">{settings[name].toFixed(1)}</output>
    </label>
  );
  return (
    <div
      class="settings-panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="settings-title"
      onKeyDown={(event) => {
        if (event.key === "Escape" || event.key === "Esc") close();
        event.stopPropagation();
      }}
    >
      <h2 id="settings-title">{m.settingsTitle}</h2>
      {slider("volume", m.volume, focusOnMount)}
      {slider("rate", m.rate)}
      {slider("pitch", m.pitch)}
      <label class="setting setting-toggle">
        <input
          type="checkbox"
          checked={settings.voice}
          onChange={(event) =>
            model.updateSettings({ voice: (event.target as HTMLInputElement).checked })
          }
        />
        <span class="setting-name">{m.voiceOn}</span>
      </label>
      {!model.voiceAvailable.value && <p class="setting-note">{m.noVoice}</p>}
      <div class="settings-actions">
        <button type="button" class="settings-action" onClick={() => model.testSound()}>
          {m.test}
        </button>
        <button type="button" class="settings-action is-primary" onClick={close}>
          {m.close}
        </button>
      </div>
    </div>
  );
}
