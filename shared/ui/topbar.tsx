import type { ConnectionStatus } from "../client/live-office-core";
import { BASES } from "../i18n";

/** The header's live dot and word; a new server version offers a reload. */
export function ConnectionIndicator({
  status,
  labels,
  reloadLabel,
}: {
  status: ConnectionStatus;
  labels: Record<ConnectionStatus, string>;
  reloadLabel: string;
}) {
  return (
    <div
      class={`connection connection-${status}`}
      data-testid="connection-status"
      data-status={status}
    >
      <span class="connection-dot" aria-hidden="true" />
      <span role="status">{labels[status]}</span>
      {status === "incompatible" && (
        <button type="button" class="topbar-button" onClick={() => location.reload()}>
          {reloadLabel}
        </button>
      )}
    </div>
  );
}

/** IT | EN: the staff apps' language choice, each button in its own language. */
export function LanguageSwitch({
  languages,
  current,
  legend,
  onChange,
}: {
  languages: readonly string[];
  current: string;
  legend: string;
  onChange: (lang: string) => void;
}) {
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{legend}</legend>
      {languages.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          class="language-option"
          aria-pressed={lang === current}
          title={BASES[lang]?.languageName}
          data-testid={`language-${lang}`}
          onClick={() => onChange(lang)}
        >
          {lang.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
