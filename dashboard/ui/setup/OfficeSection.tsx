import { type ConfigDraft, numberInput, updateOffice } from "../../model/config-form";
import type { DashboardApp } from "../../model/dashboard-app";
import type { SetupModel } from "../../model/setup-model";
import { Field, invalidProps } from "./fields";

export interface SectionProps {
  app: DashboardApp;
  setup: SetupModel;
  draft: ConfigDraft;
}

/** The office's name, target wait (and the share to call within it) and remote tickets; its time zone and languages for reference. */
export function OfficeSection({ app, setup, draft }: SectionProps) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup;
  const issues = setup.issues.value;
  const common = { issues, messages };
  return (
    <fieldset class="panel setup-section" data-testid="setup-office">
      <legend class="section-title">{m.sections.office}</legend>
      <div class="field-row">
        <Field id="office-name" label={m.office.name} path="name" wide {...common}>
          <input
            id="office-name"
            type="text"
            value={draft.name}
            maxLength={80}
            data-testid="config-office-name"
            {...invalidProps(issues, "name")}
            onInput={(e) => setup.edit(updateOffice(draft, { name: e.currentTarget.value }))}
          />
        </Field>
      </div>
      <div class="field-row field-row-top">
        <Field
          id="office-target"
          label={m.office.target}
          path="targetWaitMinutes"
          hint={m.office.targetHint}
          wide
          {...common}
        >
          <input
            id="office-target"
            type="number"
            inputMode="numeric"
            min={1}
            max={480}
            step={1}
            value={Number.isNaN(draft.targetWaitMinutes) ? "" : draft.targetWaitMinutes}
            data-testid="config-target"
            {...invalidProps(issues, "targetWaitMinutes")}
            onInput={(e) =>
              setup.edit(
                updateOffice(draft, { targetWaitMinutes: numberInput(e.currentTarget.value) }),
              )
            }
          />
        </Field>
        <Field
          id="office-share"
          label={m.office.share}
          path="targetSharePercent"
          hint={m.office.shareHint}
          wide
          {...common}
        >
          <input
            id="office-share"
            type="number"
            inputMode="numeric"
            min={50}
            max={99}
            step={1}
            value={
              draft.targetSharePercent === undefined || Number.isNaN(draft.targetSharePercent)
                ? ""
                : draft.targetSharePercent
            }
            data-testid="config-target-share"
            {...invalidProps(issues, "targetSharePercent")}
            onInput={(e) =>
              setup.edit(
                updateOffice(draft, { targetSharePercent: numberInput(e.currentTarget.value) }),
              )
            }
          />
        </Field>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={draft.allowRemoteTickets ?? false}
          data-testid="config-remote"
          onChange={(e) =>
            setup.edit(updateOffice(draft, { allowRemoteTickets: e.currentTarget.checked }))
          }
        />
        {m.office.remote}
      </label>
      <dl class="facts">
        <div>
          <dt>{m.office.timeZone}</dt>
          <dd>{draft.timeZone}</dd>
        </div>
        <div>
          <dt>{m.office.languages}</dt>
          <dd>{(draft.languages ?? []).join(", ")}</dd>
        </div>
      </dl>
    </fieldset>
  );
}
