import { useEffect } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { DashboardApp } from "../../model/dashboard-app";
import { focusFirstInvalid } from "../../model/field-focus";
import type { LiveModel } from "../../model/live-model";
import { problemText } from "../../model/problem-text";
import type { SetupModel } from "../../model/setup-model";
import { AccountsSection } from "./AccountsSection";
import { CountersSection } from "./CountersSection";
import { DevicesSection } from "./DevicesSection";
import { HoursSection } from "./HoursSection";
import { OfficeSection } from "./OfficeSection";
import { ServicesSection } from "./ServicesSection";
import { VoiceSection } from "./VoiceSection";
import { WebhooksSection } from "./WebhooksSection";

const DEVICES_REFRESH_MS = 20_000;

/**
 * Issue 5, point 2, for the office's administrators: the configuration
 * (office, services, counters, hours, the displays' voice) edited as one draft and saved whole —
 * applied live to every screen — then the devices and the people.
 */
export function SetupView({
  app,
  setup,
}: {
  app: DashboardApp;
  live: LiveModel;
  setup: SetupModel;
}) {
  const m = app.messages.value.dashboard.setup;
  const draft = setup.draft.value;
  useEffect(() => {
    void setup.loadDevices();
    void setup.loadAccounts();
    // A device paired from a code shows up here by itself.
    const timer = setInterval(() => void setup.loadDevices(), DEVICES_REFRESH_MS);
    return () => clearInterval(timer);
  }, [setup]);
  if (!draft) return null;
  const props = { app, setup, draft };
  return (
    <div class="setup" data-testid="setup-view">
      <h2 class="visually-hidden">{m.heading}</h2>
      <form
        class="config-form"
        noValidate
        data-testid="config-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          void setup.save().then((saved) => {
            // Straight to the first field that needs attention (keyboard and screen readers),
            // scrolled above the sticky save bar, not under it (WCAG 2.4.11).
            if (!saved) focusFirstInvalid(form, form.querySelector<HTMLElement>(".save-bar"));
          });
        }}
      >
        <OfficeSection {...props} />
        <ServicesSection {...props} />
        <CountersSection {...props} />
        <HoursSection {...props} />
        <VoiceSection {...props} />
        <SaveBar app={app} setup={setup} />
      </form>
      <DevicesSection app={app} setup={setup} />
      <WebhooksSection app={app} webhooks={setup.webhooks} />
      <AccountsSection app={app} setup={setup} />
    </div>
  );
}

function SaveBar({ app, setup }: { app: DashboardApp; setup: SetupModel }) {
  const m = app.messages.value.dashboard.setup;
  const status = setup.status.value;
  const dirty = setup.dirty.value;
  let message: string | null = null;
  let detail: string | null = null;
  let tone = "info";
  if (status.kind === "saved") {
    message = m.saved;
    tone = "ok";
  } else if (status.kind === "invalid") {
    message = m.invalid;
    tone = "error";
  } else if (status.kind === "failed") {
    // Our sentence in the reader's language; the server's (which ticket holds what) as detail.
    const words = problemText(status, app.messages.value, app.lang.value);
    message = format(m.conflict, { detail: words.message });
    detail = words.detail;
    tone = "error";
  } else if (setup.changedElsewhere.value) {
    message = m.changedElsewhere;
    tone = "warn";
  } else if (dirty) {
    message = m.unsaved;
  }
  return (
    <div class="save-bar" data-testid="config-save-bar">
      <p
        class={`save-message save-${tone}`}
        role={tone === "error" ? "alert" : "status"}
        data-testid="config-status"
        data-status={status.kind}
      >
        {message}
        {detail && <span class="save-detail">{detail}</span>}
      </p>
      <button
        type="button"
        class="button-secondary"
        disabled={!dirty || status.kind === "saving"}
        data-testid="config-discard"
        onClick={setup.discard}
      >
        {m.discard}
      </button>
      <button
        type="submit"
        class="button-primary"
        disabled={status.kind === "saving"}
        data-testid="config-save"
      >
        {status.kind === "saving" ? m.saving : m.save}
      </button>
    </div>
  );
}
