import type { ComponentChildren } from "preact";
import type { ConnectionStatus } from "../client/live-office-core";
import type { StaffSession } from "../client/staff-session";
import { BASES } from "../i18n";
import type { AuthSection } from "../i18n/locales/en";

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

/**
 * Who is signed in (and as what here) and "Sign out"; `below` goes under the
 * name, after the role (the counter's "Change password").
 */
export function AccountBox({
  session,
  messages,
  below,
}: {
  session: StaffSession;
  messages: AuthSection;
  below?: ComponentChildren;
}) {
  const me = session.me.value;
  const stage = session.stage.value;
  if (!me || (stage !== "signed-in" && stage !== "no-access")) return null;
  const role = session.role.value;
  const roleName = role ? messages.roles[role] : null;
  return (
    <div class="topbar-account">
      {below ? (
        // Name above, role and `below` under it: the name fits whole in a narrow bar.
        <div class="topbar-account-who">
          <span class="topbar-account-name" data-testid="signed-in-name">
            {me.account.displayName}
          </span>
          <span class="topbar-account-below">
            {roleName && <span class="topbar-account-role">{roleName}</span>}
            {below}
          </span>
        </div>
      ) : (
        <span class="topbar-account-name" data-testid="signed-in-name">
          {me.account.displayName}
          {roleName && <span class="topbar-account-role"> · {roleName}</span>}
        </span>
      )}
      <button
        type="button"
        class="topbar-button"
        data-testid="sign-out"
        onClick={() => void session.logout()}
      >
        {messages.signOut}
      </button>
    </div>
  );
}
