import { COUNTER_MODES, type CounterMode } from "../../../shared/protocol/config";
import {
  addCounter,
  hasIssuesUnder,
  removeCounter,
  setCounterService,
  updateCounter,
} from "../../model/config-form";
import { Field, FieldError, invalidProps } from "./fields";
import { serviceLabel } from "./labels";
import type { SectionProps } from "./OfficeSection";

/** One card per counter: name, the services it handles, the mode it starts the day in. */
export function CountersSection({ app, setup, draft }: SectionProps) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup;
  const lang = app.lang.value;
  const issues = setup.issues.value;
  const savedIds = new Set(setup.saved.value?.counters.map((c) => c.id) ?? []);
  const common = { issues, messages };
  return (
    <fieldset class="panel setup-section" data-testid="setup-counters">
      <legend class="section-title">{m.sections.counters}</legend>
      <FieldError issues={issues} path="counters" messages={messages} />
      <div class="cards">
        {draft.counters.map((counter, index) => {
          const path = `counters.${index}`;
          const idFor = (field: string) => `counter-${index}-${field}`;
          const handles = new Set(counter.serviceIds ?? []);
          return (
            <div
              key={index}
              class={hasIssuesUnder(issues, path) ? "card card-invalid" : "card"}
              data-testid={`config-counter-${index}`}
            >
              <div class="field-row">
                <Field id={idFor("name")} label={m.counters.name} path={`${path}.name`} {...common}>
                  <input
                    id={idFor("name")}
                    type="text"
                    value={counter.name}
                    maxLength={40}
                    data-testid={`config-counter-${index}-name`}
                    {...invalidProps(issues, `${path}.name`)}
                    onInput={(e) =>
                      setup.edit(updateCounter(draft, index, { name: e.currentTarget.value }))
                    }
                  />
                </Field>
                <Field id={idFor("id")} label={m.counters.id} path={`${path}.id`} {...common}>
                  <input
                    id={idFor("id")}
                    type="text"
                    value={counter.id}
                    readOnly={savedIds.has(counter.id)}
                    maxLength={40}
                    data-testid={`config-counter-${index}-id`}
                    {...invalidProps(issues, `${path}.id`)}
                    onInput={(e) =>
                      setup.edit(
                        updateCounter(draft, index, { id: e.currentTarget.value.toLowerCase() }),
                      )
                    }
                  />
                </Field>
                <Field
                  id={idFor("mode")}
                  label={m.counters.defaultMode}
                  path={`${path}.defaultMode`}
                  {...common}
                >
                  <select
                    id={idFor("mode")}
                    value={counter.defaultMode ?? "front"}
                    data-testid={`config-counter-${index}-mode`}
                    onChange={(e) =>
                      setup.edit(
                        updateCounter(draft, index, {
                          defaultMode: e.currentTarget.value as CounterMode,
                        }),
                      )
                    }
                  >
                    {COUNTER_MODES.map((mode) => (
                      <option key={mode} value={mode}>
                        {messages.dashboard.modes[mode]}
                      </option>
                    ))}
                  </select>
                </Field>
                <button
                  type="button"
                  class="button-secondary button-small card-remove"
                  data-testid={`config-counter-${index}-remove`}
                  onClick={() => setup.edit(removeCounter(draft, index))}
                >
                  {m.counters.remove}
                  <span class="visually-hidden"> {counter.name}</span>
                </button>
              </div>
              <fieldset class="checks">
                <legend class="field-label">{m.counters.services}</legend>
                {draft.services.map((service) => (
                  <label key={service.id} class="check check-chip">
                    <input
                      type="checkbox"
                      checked={handles.has(service.id)}
                      data-testid={`config-counter-${index}-service-${service.id}`}
                      onChange={(e) =>
                        setup.edit(
                          setCounterService(draft, index, service.id, e.currentTarget.checked),
                        )
                      }
                    />
                    {serviceLabel(service, lang, draft.languages ?? [])}
                  </label>
                ))}
                <FieldError issues={issues} path={`${path}.serviceIds`} messages={messages} />
              </fieldset>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        class="button-secondary"
        data-testid="config-counter-add"
        onClick={() => setup.edit(addCounter(draft, m.counters.newName))}
      >
        + {m.counters.add}
      </button>
    </fieldset>
  );
}
