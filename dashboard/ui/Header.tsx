import { ConnectionIndicator, LanguageSwitch } from "../../shared/ui/topbar";
import type { DashboardApp } from "../model/dashboard-app";
import { DASHBOARD_LANGUAGES } from "../model/language";

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
          languages={DASHBOARD_LANGUAGES}
          current={app.lang.value}
          legend={m.header.language}
          onChange={app.setLanguage}
        />
        <Account app={app} />
      </div>
    </header>
  );
}

function Account({ app }: { app: DashboardApp }) {
  const { session } = app;
  const me = session.me.value;
  const stage = session.stage.value;
  if (!me || (stage !== "signed-in" && stage !== "no-access")) return null;
  const m = app.messages.value.auth;
  const role = session.role.value;
  return (
    <div class="topbar-account">
      <span class="topbar-account-name" data-testid="signed-in-name">
        {me.account.displayName}
        {role && <span class="topbar-account-role"> · {m.roles[role]}</span>}
      </span>
      <button
        type="button"
        class="topbar-button"
        data-testid="sign-out"
        onClick={() => void session.logout()}
      >
        {m.signOut}
      </button>
    </div>
  );
}
