import { STAFF_LANGUAGES } from "../../shared/client/staff-language";
import { AccountBox, ConnectionIndicator, LanguageSwitch } from "../../shared/ui/topbar";
import type { DashboardApp } from "../model/dashboard-app";

/** Office, connection, language, who is signed in: always on top (not printed). */
export function Header({ app }: { app: DashboardApp }) {
  const m = app.messages.value.dashboard;
  const live = app.workspace.value?.live;
  const state = live?.state.value;
  return (
    <header class="topbar">
      <div class="topbar-office">
        <span class="topbar-brand">Turno</span>
        <span class="topbar-office-name" data-testid="office-name">
          {state?.config.name ?? app.office.value?.name ?? app.officeId}
        </span>
      </div>
      <h1 class="topbar-app-name">{m.appName}</h1>
      <div class="topbar-tools">
        {live && (
          <ConnectionIndicator
            status={live.status.value}
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
        <AccountBox session={app.session} messages={app.messages.value.auth} />
      </div>
    </header>
  );
}
