import { STAFF_LANGUAGES } from "../../shared/client/staff-language";
import { AccountBox, ConnectionIndicator, LanguageSwitch } from "../../shared/ui/topbar";
import type { CounterApp } from "../model/counter-app";
import { ModeBadge } from "./ModeBadge";

/** Office, counter and mode, connection, language, switch counter, who is signed in: always on top. */
export function Header({ app }: { app: CounterApp }) {
  const m = app.messages.value.counter;
  const model = app.model.value;
  const state = model?.state.value;
  const view = model?.view.value;
  const officeName = state?.config.name ?? app.office.value?.name ?? app.officeId;
  return (
    <header class="topbar">
      <div class="topbar-office">
        <span class="topbar-brand">Turno</span>
        {/* Cut first when the bar is narrow: the whole name on hover. */}
        <span class="topbar-office-name" title={officeName}>
          {officeName}
        </span>
      </div>
      <div class="topbar-counter">
        {view ? (
          <>
            <h1 class="topbar-counter-name">{view.counter.name}</h1>
            <ModeBadge mode={view.mode} label={m.modes[view.mode]} testId="counter-mode" large />
          </>
        ) : (
          <span class="topbar-app-name">{m.appName}</span>
        )}
      </div>
      <div class="topbar-tools">
        {model && (
          <ConnectionIndicator
            status={model.status.value}
            labels={m.header.connection}
            reloadLabel={m.header.reload}
          />
        )}
        <LanguageSwitch
          languages={STAFF_LANGUAGES}
          current={app.lang.value}
          legend={m.header.language}
          onChange={app.setLanguage}
        />
        {model && view && (
          <button type="button" class="topbar-button" onClick={model.switchCounter}>
            {m.header.switchCounter}
          </button>
        )}
        <AccountBox
          session={app.session}
          messages={app.messages.value.auth}
          below={
            <button
              type="button"
              class="topbar-link"
              data-testid="change-password-open"
              onClick={app.openPasswordDialog}
            >
              {app.messages.value.auth.changePassword.open}
            </button>
          }
        />
      </div>
    </header>
  );
}
