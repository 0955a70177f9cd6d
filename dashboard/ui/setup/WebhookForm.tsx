import { useState } from "preact/hooks";
import { SUBSCRIBABLE_TYPES } from "../../../shared/protocol/webhooks";
import type { DashboardApp } from "../../model/dashboard-app";
import type { NewWebhook } from "../../model/webhooks-model";

type Group = "ticket" | "office" | "appointment";
const groupOf = (type: string): Group =>
  type.startsWith("ticket.")
    ? "ticket"
    : type.startsWith("appointment.")
      ? "appointment"
      : "office";
const GROUPS: Group[] = ["ticket", "office", "appointment"];

export const EMPTY_WEBHOOK: NewWebhook = {
  url: "",
  description: "",
  events: [],
  includeContact: false,
};

/**
 * An endpoint's URL, description, events by group and contact opt-in: the form that adds
 * one (Setup → Webhooks) and the one that changes one in its card. `idPrefix` keeps the
 * fields' ids unique on the page; `testIdPrefix` names them for the browser tests.
 */
export function WebhookForm({
  app,
  initial,
  idPrefix,
  testIdPrefix,
  submitLabel,
  submitTestId,
  hint,
  busy,
  onSubmit,
  onCancel,
}: {
  app: DashboardApp;
  initial: NewWebhook;
  idPrefix: string;
  testIdPrefix: string;
  submitLabel: string;
  submitTestId: string;
  hint?: string | undefined;
  busy: boolean;
  /** Resolves true when saved: a form that adds one then starts empty again. */
  onSubmit: (input: NewWebhook) => Promise<boolean>;
  onCancel?: (() => void) | undefined;
}) {
  const m = app.messages.value.dashboard.setup.webhooks;
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [events, setEvents] = useState<Set<string>>(new Set(initial.events));
  const [includeContact, setIncludeContact] = useState(initial.includeContact);
  const toggle = (types: readonly string[], on: boolean) => {
    const next = new Set(events);
    for (const type of types) on ? next.add(type) : next.delete(type);
    setEvents(next);
  };
  const wantsAppointments = [...events].some((type) => groupOf(type) === "appointment");
  const id = (name: string) => `${idPrefix}-${name}`;
  const testId = (name: string) => `${testIdPrefix}-${name}`;

  return (
    <form
      class="webhook-form"
      data-testid={testId("form")}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit({
          url,
          description,
          events: [...events],
          includeContact: includeContact && wantsAppointments,
        }).then((saved) => {
          if (!saved || onCancel) return;
          setUrl(initial.url);
          setDescription(initial.description);
          setEvents(new Set(initial.events));
          setIncludeContact(initial.includeContact);
        });
      }}
    >
      <div class="field-row">
        <div class="field field-wide">
          <label for={id("url")} class="field-label">
            {m.url}
          </label>
          <input
            id={id("url")}
            type="url"
            value={url}
            required
            maxLength={2000}
            placeholder="https://"
            data-testid={testId("url")}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={id("description")} class="field-label">
            {m.description}
          </label>
          <input
            id={id("description")}
            type="text"
            value={description}
            maxLength={200}
            data-testid={testId("description")}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </div>
      </div>
      {GROUPS.map((group) => {
        const types = SUBSCRIBABLE_TYPES.filter((type) => groupOf(type) === group);
        const all = types.every((type) => events.has(type));
        return (
          <fieldset key={group} class="checks" data-testid={testId(`events-${group}`)}>
            <legend class="field-label">
              {m.events}: {m.groups[group]}
            </legend>
            <label class="check check-chip">
              <input
                type="checkbox"
                checked={all}
                data-testid={testId(`all-${group}`)}
                onChange={(e) => toggle(types, e.currentTarget.checked)}
              />
              {m.allEvents}
            </label>
            {types.map((type) => (
              <label key={type} class="check check-chip">
                <input
                  type="checkbox"
                  checked={events.has(type)}
                  data-testid={testId(`event-${type}`)}
                  onChange={(e) => toggle([type], e.currentTarget.checked)}
                />
                <code>{type}</code>
              </label>
            ))}
          </fieldset>
        );
      })}
      <label class="check">
        <input
          type="checkbox"
          checked={includeContact}
          disabled={!wantsAppointments}
          aria-describedby={id("contact-hint")}
          data-testid={testId("contact")}
          onChange={(e) => setIncludeContact(e.currentTarget.checked)}
        />
        {m.includeContact}
      </label>
      <p id={id("contact-hint")} class="field-hint">
        {m.includeContactHint}
      </p>
      {hint && <p class="field-hint">{hint}</p>}
      <div class="webhook-actions">
        <button
          type="submit"
          class="button-primary"
          disabled={busy || !url.trim() || events.size === 0}
          data-testid={submitTestId}
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="button-secondary" onClick={onCancel}>
            {app.messages.value.dashboard.setup.accounts.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
