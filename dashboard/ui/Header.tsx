import { BASES } from "../../shared/i18n";
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
        {live && <ConnectionStatus app={app} />}
        <LanguageSwitch app={app} />
        <Account app={app} />
      </div>
    </header>
  );
}

function ConnectionStatus({ app }: { app: DashboardApp }) {
  const m = app.messages.value.dashboard.header;
  const status = app.workspace.value?.live.status.value ?? "connecting";
  return (
    <div
      class={`connection connection-${status}`}
      data-testid="connection-status"
      data-status={status}
    >
      <span class="connection-dot" aria-hidden="true" />
      <span role="status">{m.connection[status]}</span>
      {status === "incompatible" && (
        <button type="button" class="topbar-button" onClick={() => location.reload()}>
          {m.reload}
        </button>
      )}
    </div>
  );
}

function LanguageSwitch({ app }: { app: DashboardApp }) {
  const current = app.lang.value;
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{app.messages.value.dashboard.header.language}</legend>
      {DASHBOARD_LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          class="language-option"
          aria-pressed={lang === current}
          title={BASES[lang]?.languageName}
          data-testid={`language-${lang}`}
          onClick={() => app.setLanguage(lang)}
        >
          {lang.toUpperCase()}
        </button>
      ))}
    </fieldset>
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
