import { officeLabelText } from "../../shared/client/office-label";
import { format } from "../../shared/i18n";
import type { DashboardApp } from "../model/dashboard-app";

/** A clerk signed in here: the dashboard is for supervisors; their place is the counter console. */
export function NeedsSupervisor({ app }: { app: DashboardApp }) {
  const m = app.messages.value;
  const name = app.session.me.value?.account.displayName ?? "";
  return (
    <section class="login" aria-labelledby="needs-supervisor-title" data-testid="needs-supervisor">
      <div class="login-card">
        <h1 id="needs-supervisor-title" class="login-title">
          {m.dashboard.needsSupervisor.title}
        </h1>
        <p class="login-error" role="alert">
          {format(m.dashboard.needsSupervisor.body, {
            name,
            office: officeLabelText(app.office.value, app.officeId),
          })}
        </p>
        <p class="login-intro">{m.dashboard.needsSupervisor.hint}</p>
        <p>
          <a
            class="button-link"
            href={`/counter/?office=${encodeURIComponent(app.officeId)}`}
            data-testid="needs-supervisor-counter"
          >
            {m.dashboard.needsSupervisor.counterLink}
          </a>
        </p>
        <button
          type="button"
          class="login-submit"
          data-testid="needs-supervisor-sign-out"
          onClick={() => void app.session.logout()}
        >
          {m.auth.signOut}
        </button>
      </div>
    </section>
  );
}
