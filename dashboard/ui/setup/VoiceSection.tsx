import { numberInput, updateVoice, voiceOf } from "../../model/config-form";
import { Field, invalidProps } from "./fields";
import type { SectionProps } from "./OfficeSection";

const LEVELS = [
  { name: "volume", min: 0, max: 1 },
  { name: "rate", min: 0.5, max: 1.5 },
  { name: "pitch", min: 0.5, max: 1.5 },
] as const;

/** The waiting-room displays' voice, office-wide: every screen's defaults, applied live. */
export function VoiceSection({ app, setup, draft }: SectionProps) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup;
  const issues = setup.issues.value;
  const voice = voiceOf(draft);
  return (
    <fieldset class="panel setup-section" data-testid="setup-voice">
      <legend class="section-title">{m.sections.voice}</legend>
      <p class="field-hint">{m.voice.hint}</p>
      <div class="field-row">
        {LEVELS.map(({ name, min, max }) => (
          <Field
            key={name}
            id={`voice-${name}`}
            label={m.voice[name]}
            path={`voice.${name}`}
            issues={issues}
            messages={messages}
          >
            <input
              id={`voice-${name}`}
              type="number"
              inputMode="decimal"
              min={min}
              max={max}
              step={0.1}
              value={Number.isNaN(voice[name]) ? "" : voice[name]}
              data-testid={`config-voice-${name}`}
              {...invalidProps(issues, `voice.${name}`)}
              onInput={(e) =>
                setup.edit(updateVoice(draft, { [name]: numberInput(e.currentTarget.value) }))
              }
            />
          </Field>
        ))}
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={voice.chime}
          data-testid="config-voice-chime"
          onChange={(e) => setup.edit(updateVoice(draft, { chime: e.currentTarget.checked }))}
        />
        {m.voice.chime}
      </label>
    </fieldset>
  );
}
