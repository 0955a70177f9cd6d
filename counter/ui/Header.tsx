import { BASES } from "../../shared/i18n";
import type { CounterModel } from "../model/counter-model";
import { CONSOLE_LANGUAGES } from "../model/language";
import { ModeBadge } from "./ModeBadge";

/** Office, counter and mode, connection, language, switch counter: always on top. */
export function Header({ model }: { model: CounterModel }) {
  const m = model.messages.value.counter;
  const state = model.state.value;
  const view = model.view.value;
  return (
    <header class="topbar">
      <div class="topbar-office">
        <span class="topbar-brand">Turno</span>
        <span class="topbar-office-name">{state?.config.name ?? model.officeId}</span>
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
        <ConnectionStatus model={model} />
        <LanguageSwitch model={model} />
        {view && (
          <button type="button" class="topbar-button" onClick={model.switchCounter}>
            {m.header.switchCounter}
          </button>
        )}
      </div>
    </header>
  );
}

function ConnectionStatus({ model }: { model: CounterModel }) {
  const m = model.messages.value.counter.header;
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

function LanguageSwitch({ model }: { model: CounterModel }) {
  const current = model.lang.value;
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{model.messages.value.counter.header.language}</legend>
      {CONSOLE_LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          class="language-option"
          aria-pressed={lang === current}
          title={BASES[lang]?.languageName}
          data-testid={`language-${lang}`}
          onClick={() => model.setLanguage(lang)}
        >
          {lang.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
