import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { AccountView, StaffRole } from "../../../shared/protocol/auth";
import { STAFF_ROLES } from "../../../shared/protocol/auth";
import { everyOfficeRole, roleHere } from "../../model/accounts";
import type { DashboardApp } from "../../model/dashboard-app";
import { problemText } from "../../model/problem-text";
import type { SetupModel } from "../../model/setup-model";

const PASSWORD_MIN = 12;

/** The office's people: create, change their role here, disable, reset a password. */
export function AccountsSection({ app, setup }: { app: DashboardApp; setup: SetupModel }) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup.accounts;
  const accounts = setup.accounts.value;
  const problem = setup.accountProblem.value;
  const problemWords = problem
    ? problemText(problem, messages, app.lang.value)
    : { message: "", detail: null };
  const note = setup.accountNote.value;
  return (
    <section
      class="panel setup-section"
      aria-labelledby="accounts-title"
      data-testid="setup-accounts"
    >
      <h2 id="accounts-title" class="section-title">
        {m.heading}
      </h2>
      <CreateAccountForm app={app} setup={setup} />
      <div aria-live="polite">
        {note && (
          <p class="note note-ok" data-testid="accounts-note">
            {format(note.key === "created" ? m.created : m.passwordSet, {
              username: note.name,
              name: note.name,
            })}
          </p>
        )}
        {problem && (
          <p class="note note-error" role="alert" data-testid="accounts-error">
            {problemWords.message}
            {problemWords.detail && <span class="note-detail">{problemWords.detail}</span>}
          </p>
        )}
      </div>
      <h3 class="subsection-title">{m.list}</h3>
      {accounts && (
        <div class="table-scroll">
          <table class="data-table accounts-table" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{m.displayName}</th>
                <th scope="col">{m.username}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">
                  <span class="visually-hidden">{m.resetPassword}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <AccountRow key={account.id} app={app} setup={setup} account={account} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateAccountForm({ app, setup }: { app: DashboardApp; setup: SetupModel }) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup.accounts;
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<StaffRole>("clerk");
  const tooShort = password.length > 0 && password.length < PASSWORD_MIN;
  return (
    <form
      class="inline-form account-form"
      data-testid="account-create-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!username.trim() || password.length < PASSWORD_MIN) return;
        void setup.createAccount({ username, displayName, password, role }).then((ok) => {
          if (ok) {
            setUsername("");
            setDisplayName("");
            setPassword("");
          }
        });
      }}
    >
      <div class="field">
        <label for="account-username" class="field-label">
          {m.username}
        </label>
        <input
          id="account-username"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          value={username}
          maxLength={40}
          required
          data-testid="account-username"
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="account-name" class="field-label">
          {m.displayName}
        </label>
        <input
          id="account-name"
          type="text"
          value={displayName}
          maxLength={80}
          data-testid="account-display-name"
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="account-password" class="field-label">
          {m.password}
        </label>
        <input
          id="account-password"
          type="password"
          autoComplete="new-password"
          value={password}
          minLength={PASSWORD_MIN}
          maxLength={256}
          required
          aria-invalid={tooShort}
          aria-describedby="account-password-hint"
          data-testid="account-password"
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <p id="account-password-hint" class={tooShort ? "field-error" : "field-hint"}>
          {m.passwordHint}
        </p>
      </div>
      <div class="field">
        <label for="account-role" class="field-label">
          {m.role}
        </label>
        <select
          id="account-role"
          value={role}
          data-testid="account-role"
          onChange={(e) => setRole(e.currentTarget.value as StaffRole)}
        >
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {messages.auth.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        class="button-primary"
        disabled={setup.accountBusy.value !== null}
        data-testid="account-create"
      >
        {m.create}
      </button>
    </form>
  );
}

function AccountRow({
  app,
  setup,
  account,
}: {
  app: DashboardApp;
  setup: SetupModel;
  account: AccountView;
}) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup.accounts;
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const officeId = setup.officeId;
  const here = roleHere(account.grants, officeId);
  const everywhere = everyOfficeRole(account.grants);
  const self = setup.myAccountId.value === account.id;
  const busy = setup.accountBusy.value !== null;
  const roleId = `role-${account.id}`;
  return (
    <tr
      data-testid={`account-${account.username}`}
      class={account.disabled ? "row-muted" : undefined}
    >
      <th scope="row">
        {account.displayName}
        {self && <small class="muted"> {m.self}</small>}
      </th>
      <td class="code">{account.username}</td>
      <td>
        <label for={roleId} class="visually-hidden">
          {`${m.role}: ${account.displayName}`}
        </label>
        <select
          id={roleId}
          value={here ?? ""}
          disabled={busy || self}
          data-testid={`account-role-${account.username}`}
          onChange={(e) => {
            const value = e.currentTarget.value;
            void setup.setRole(account, value ? (value as StaffRole) : null);
          }}
        >
          <option value="">{m.none}</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {messages.auth.roles[r]}
            </option>
          ))}
        </select>
        {everywhere && (
          <small class="muted">
            {" "}
            · {messages.auth.roles[everywhere]} ({m.everyOffice})
          </small>
        )}
      </td>
      <td>
        <span class={account.disabled ? "status-pill status-closed" : "status-pill status-open"}>
          {account.disabled ? m.disabled : m.enabled}
        </span>{" "}
        {!self && (
          <button
            type="button"
            class="button-secondary button-small"
            disabled={busy}
            data-testid={`account-toggle-${account.username}`}
            onClick={() => void setup.setDisabled(account, !account.disabled)}
          >
            {account.disabled ? m.enable : m.disable}
          </button>
        )}
      </td>
      <td>
        {resetting ? (
          <form
            class="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (password.length < PASSWORD_MIN) return;
              void setup.resetPassword(account, password).then((ok) => {
                if (ok) {
                  setResetting(false);
                  setPassword("");
                }
              });
            }}
          >
            <label for={`password-${account.id}`} class="visually-hidden">
              {format(m.newPassword, { name: account.displayName })}
            </label>
            <input
              id={`password-${account.id}`}
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN}
              maxLength={256}
              value={password}
              placeholder={m.passwordHint}
              data-testid={`account-password-${account.username}`}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <button
              type="submit"
              class="button-primary button-small"
              disabled={busy || password.length < PASSWORD_MIN}
              data-testid={`account-password-save-${account.username}`}
            >
              {m.setPassword}
            </button>
            <button
              type="button"
              class="button-secondary button-small"
              onClick={() => setResetting(false)}
            >
              {m.cancel}
            </button>
          </form>
        ) : (
          <button
            type="button"
            class="button-secondary button-small"
            disabled={busy}
            data-testid={`account-reset-${account.username}`}
            onClick={() => setResetting(true)}
          >
            {m.resetPassword}
          </button>
        )}
      </td>
    </tr>
  );
}
