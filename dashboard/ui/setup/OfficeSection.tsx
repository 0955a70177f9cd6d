import { type ConfigDraft, numberInput, updateOffice } from "../../model/config-form";
import type { DashboardApp } from "../../model/dashboard-app";
import type { SetupModel } from "../../model/setup-model";
import { Field, invalidProps } from "./fields";

export interface SectionProps {
  app: DashboardApp;
  setup: SetupModel;
  draft: ConfigDraft;
}

/** The office's name, target wait (and the share to call within it), remote tickets and per-clerk figures; its time zone and languages for reference. */
export function OfficeSection(props: SectionProps) {
  const { app, setup, draft } = props;
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
        <OfficeNumber
          {...props}
          path="targetWaitMinutes"
          label={m.office.target}
          hint={m.office.targetHint}
          range={[1, 480]}
          testId="config-target"
        />
        <OfficeNumber
          {...props}
          path="targetSharePercent"
          label={m.office.share}
          hint={m.office.shareHint}
          range={[50, 99]}
          testId="config-target-share"
        />
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
      <label class="check">
        <input
          type="checkbox"
          checked={draft.clerkFigures ?? true}
          data-testid="config-clerk-figures"
          onChange={(e) =>
            setup.edit(updateOffice(draft, { clerkFigures: e.currentTarget.checked }))
          }
        />
        {m.office.clerkFigures}
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

/** One of the office's whole-number settings, with its range and the schema's verdict. */
function OfficeNumber({
  app,
  setup,
  draft,
  path,
  label,
  hint,
  range: [min, max],
  testId,
}: SectionProps & {
  path: "targetWaitMinutes" | "targetSharePercent";
  label: string;
  hint: string;
  range: [number, number];
  testId: string;
}) {
  const issues = setup.issues.value;
  const id = `office-${path}`;
  const value = draft[path];
  return (
    <Field
      id={id}
      label={label}
      path={path}
      hint={hint}
      wide
      issues={issues}
      messages={app.messages.value}
    >
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value === undefined || Number.isNaN(value) ? "" : value}
        data-testid={testId}
        {...invalidProps(issues, path)}
        onInput={(e) =>
          setup.edit(updateOffice(draft, { [path]: numberInput(e.currentTarget.value) }))
        }
      />
    </Field>
  );
}
