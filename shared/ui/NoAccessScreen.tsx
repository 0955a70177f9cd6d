import { officeLabelText } from "../../shared/client/office-label";
import { format } from "../../shared/i18n";
import type { CounterApp } from "../model/counter-app";

/** Signed in, but with no grant for this office: nothing of the office is shown or connected. */
export function NoAccessScreen({ app }: { app: CounterApp }) {
  const { session } = app;
  const m = app.messages.value.auth;
  const name = session.me.value?.account.displayName ?? "";
  return (
    <section class="login" aria-labelledby="no-access-title" data-testid="no-access">
      <div class="login-card">
        <h1 id="no-access-title" class="login-title">
          {m.noAccess.title}
        </h1>
        <p class="login-error" role="alert">
          {format(m.noAccess.body, {
            name,
            office: officeLabelText(app.office.value, app.officeId),
          })}
        </p>
        <p class="login-intro">{m.noAccess.hint}</p>
        <button
          type="button"
          class="login-submit"
          data-testid="no-access-sign-out"
          onClick={() => void session.logout()}
        >
          {m.signOut}
        </button>
      </div>
    </section>
  );
}
