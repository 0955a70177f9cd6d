import { format } from "../../../shared/i18n";
import { SERVICE_MODES, type ServiceMode } from "../../../shared/protocol/booking";
import { setServiceMode } from "../../model/booking-form";
import {
  addService,
  hasIssuesUnder,
  numberInput,
  removeService,
  setServiceName,
  updateService,
} from "../../model/config-form";
import { BookingEditor } from "./BookingEditor";
import { Field, FieldError, invalidProps } from "./fields";
import { serviceLabel } from "./labels";
import type { SectionProps } from "./OfficeSection";

/**
 * One card per service: letter, names in every language, walk-in, appointment
 * or mixed, minutes, offered; and for a service taking appointments, its
 * booking settings (BookingEditor).
 */
export function ServicesSection({ app, setup, draft }: SectionProps) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup;
  const issues = setup.issues.value;
  const savedIds = new Set(setup.saved.value?.services.map((s) => s.id) ?? []);
  const common = { issues, messages };
  const modeWords: Record<ServiceMode, string> = {
    "walk-in": m.services.walkIn,
    appointment: m.services.appointment,
    mixed: m.services.mixed,
  };
  const lang = app.lang.value;
  return (
    <fieldset class="panel setup-section" data-testid="setup-services">
      <legend class="section-title">{m.sections.services}</legend>
      <FieldError issues={issues} path="services" messages={messages} />
      <div class="cards">
        {draft.services.map((service, index) => {
          const path = `services.${index}`;
          const isNew = !savedIds.has(service.id);
          const idFor = (field: string) => `service-${index}-${field}`;
          return (
            <div
              key={index}
              class={hasIssuesUnder(issues, path) ? "card card-invalid" : "card"}
              data-testid={`config-service-${index}`}
            >
              <div class="field-row">
                <Field
                  id={idFor("prefix")}
                  label={m.services.prefix}
                  path={`${path}.prefix`}
                  {...common}
                >
                  <input
                    id={idFor("prefix")}
                    class="input-letter"
                    type="text"
                    value={service.prefix}
                    maxLength={1}
                    autoCapitalize="characters"
                    data-testid={`config-service-${index}-prefix`}
                    {...invalidProps(issues, `${path}.prefix`)}
                    onInput={(e) =>
                      setup.edit(
                        updateService(draft, index, {
                          prefix: e.currentTarget.value.toUpperCase(),
                        }),
                      )
                    }
                  />
                </Field>
                <Field id={idFor("id")} label={m.services.id} path={`${path}.id`} {...common}>
                  <input
                    id={idFor("id")}
                    type="text"
                    value={service.id}
                    readOnly={!isNew}
                    maxLength={40}
                    data-testid={`config-service-${index}-id`}
                    {...invalidProps(issues, `${path}.id`)}
                    onInput={(e) =>
                      setup.edit(
                        updateService(draft, index, { id: e.currentTarget.value.toLowerCase() }),
                      )
                    }
                  />
                </Field>
                {(draft.languages ?? []).map((lang) => (
                  <Field
                    key={lang}
                    id={idFor(`name-${lang}`)}
                    label={format(m.services.name, { language: lang.toUpperCase() })}
                    path={`${path}.names.${lang}`}
                    wide
                    {...common}
                  >
                    <input
                      id={idFor(`name-${lang}`)}
                      type="text"
                      lang={lang}
                      value={service.names?.[lang] ?? ""}
                      maxLength={80}
                      data-testid={`config-service-${index}-name-${lang}`}
                      {...invalidProps(issues, `${path}.names.${lang}`)}
                      onInput={(e) =>
                        setup.edit(setServiceName(draft, index, lang, e.currentTarget.value))
                      }
                    />
                  </Field>
                ))}
              </div>
              <div class="field-row">
                <Field id={idFor("mode")} label={m.services.mode} path={`${path}.mode`} {...common}>
                  <select
                    id={idFor("mode")}
                    value={service.mode ?? "walk-in"}
                    data-testid={`config-service-${index}-mode`}
                    onChange={(e) =>
                      setup.edit(setServiceMode(draft, index, e.currentTarget.value as ServiceMode))
                    }
                  >
                    {SERVICE_MODES.map((mode) => (
                      <option key={mode} value={mode}>
                        {modeWords[mode]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  id={idFor("minutes")}
                  label={m.services.minutes}
                  path={`${path}.defaultServiceMinutes`}
                  {...common}
                >
                  <input
                    id={idFor("minutes")}
                    type="number"
                    inputMode="decimal"
                    min={1}
                    max={240}
                    value={
                      Number.isNaN(service.defaultServiceMinutes)
                        ? ""
                        : (service.defaultServiceMinutes ?? 10)
                    }
                    data-testid={`config-service-${index}-minutes`}
                    {...invalidProps(issues, `${path}.defaultServiceMinutes`)}
                    onInput={(e) =>
                      setup.edit(
                        updateService(draft, index, {
                          defaultServiceMinutes: numberInput(e.currentTarget.value),
                        }),
                      )
                    }
                  />
                </Field>
                <label class="check check-inline">
                  <input
                    type="checkbox"
                    checked={service.open ?? true}
                    data-testid={`config-service-${index}-open`}
                    onChange={(e) =>
                      setup.edit(updateService(draft, index, { open: e.currentTarget.checked }))
                    }
                  />
                  {m.services.open}
                </label>
                <button
                  type="button"
                  class="button-secondary button-small card-remove"
                  data-testid={`config-service-${index}-remove`}
                  onClick={() => setup.edit(removeService(draft, index))}
                >
                  {m.services.remove}
                  <span class="visually-hidden">
                    {" "}
                    {service.names?.[draft.languages?.[0] ?? ""]}
                  </span>
                </button>
              </div>
              {(service.mode ?? "walk-in") !== "walk-in" && (
                <BookingEditor
                  setup={setup}
                  draft={draft}
                  index={index}
                  messages={messages}
                  lang={lang}
                  serviceName={serviceLabel(service, lang, draft.languages ?? [])}
                />
              )}
            </div>
          );
        })}
      </div>
      <button
        type="button"
        class="button-secondary"
        data-testid="config-service-add"
        onClick={() => setup.edit(addService(draft, m.services.newName))}
      >
        + {m.services.add}
      </button>
    </fieldset>
  );
}
