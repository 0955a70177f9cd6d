import { BASES } from "../../shared/i18n";
import type { CounterApp } from "../model/counter-app";
import type { CounterModel } from "../model/counter-model";
import { CONSOLE_LANGUAGES } from "../model/language";
import { ModeBadge } from "./ModeBadge";

/** Office, counter and mode, connection, language, switch counter, who is signed in: always on top. */
export function Header({ app }: { app: CounterApp }) {
  const m = app.messages.value.counter;
  const model = app.model.value;
  const state = model?.state.value;
  const view = model?.view.value;
  return (
    <header class="topbar">
      <div class="topbar-office">
        <span class="topbar-brand">Turno</span>
        <span class="topbar-office-name">
          {state?.config.name ?? app.office.value?.name ?? app.officeId}
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
        {model && <ConnectionStatus app={app} model={model} />}
        <LanguageSwitch app={app} />
        {model && view && (
          <button type="button" class="topbar-button" onClick={model.switchCounter}>
            {m.header.switchCounter}
          </button>
        )}
        <Account app={app} />
      </div>
    </header>
  );
}

function ConnectionStatus({ app, model }: { app: CounterApp; model: CounterModel }) {
  const m = app.messages.value.counter.header;
  const status = model.status.value;
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

function LanguageSwitch({ app }: { app: CounterApp }) {
  const current = app.lang.value;
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{app.messages.value.counter.header.language}</legend>
      {CONSOLE_LANGUAGES.map((lang) => (
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

/** Who is signed in (and as what here), their password, and signing out. */
function Account({ app }: { app: CounterApp }) {
  const { session } = app;
  const me = session.me.value;
  const stage = session.stage.value;
  if (!me || (stage !== "signed-in" && stage !== "no-access")) return null;
  const m = app.messages.value.auth;
  const role = session.role.value;
  return (
    <div class="topbar-account">
      <div class="topbar-account-who">
        <span class="topbar-account-name" data-testid="signed-in-name">
          {me.account.displayName}
          {role && <span class="topbar-account-role"> · {m.roles[role]}</span>}
        </span>
        <button
          type="button"
          class="topbar-link"
          data-testid="change-password-open"
          onClick={app.openPasswordDialog}
        >
          {m.changePassword.open}
        </button>
      </div>
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
