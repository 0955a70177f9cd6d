import { format } from "../i18n";
import type { SessionScreenProps } from "./LoginScreen";

/** Signed in, but with no grant for this office: nothing of the office is shown or connected. */
export function NoAccessScreen({ session, messages: m, officeName }: SessionScreenProps) {
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
            office: officeName,
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
