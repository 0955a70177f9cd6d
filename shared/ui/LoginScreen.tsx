import { useEffect, useRef, useState } from "preact/hooks";
import { minutesToWait } from "../client/http";
import type { StaffSession } from "../client/staff-session";
import { format } from "../i18n";
import type { AuthSection } from "../i18n/locales/en";

export interface SessionScreenProps {
  session: StaffSession;
  /** The auth screens' words in the page's language. */
  messages: AuthSection;
  /** "Punto Comune (scandicci)", see officeLabelText. */
  officeName: string;
  /** What signing in is for, e.g. "Sign in to use the counter console." (default: the auth section's intro). */
  intro?: string;
}

/**
 * A staff app's sign-in (the counter console, the dashboard): username and
 * password, submitted with Enter or the button; the browser's password
 * manager fills it (autocomplete username / current-password). The session
 * cookie it sets is HttpOnly: the page never sees it.
 */
export function LoginScreen({ session, messages: m, officeName, intro }: SessionScreenProps) {
  const busy = session.busy.value;
  const problem = session.problem.value;
  const notice = session.notice.value;
  const [showPassword, setShowPassword] = useState(false);
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

  useEffect(() => {
    username.current?.focus();
  }, []);

  // A wrong password: the username is probably right, so the password field gets the focus, selected.
  useEffect(() => {
    if (problem?.code === "invalid_credentials") password.current?.select();
  }, [problem]);

  const credentialsWrong = problem?.code === "invalid_credentials" || problem?.code === "missing";
  const problemText = problem
    ? format(m.errors[problem.code], { minutes: minutesToWait(problem.retryAfterSeconds) })
    : null;

  const passwordProps = {
    id: "login-password",
    name: "password",
    autoComplete: "current-password",
    autoCapitalize: "none",
    autoCorrect: "off",
    spellcheck: false,
    required: true,
    maxLength: 256,
    "aria-invalid": credentialsWrong,
    "aria-describedby": problem ? "login-error" : undefined,
    "data-testid": "login-password",
    onInput: session.dismissProblem,
  } as const;

  return (
    <section class="login" aria-labelledby="login-title">
      <form
        class="login-card"
        method="post"
        noValidate
        data-testid="login-form"
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void session.login(username.current?.value ?? "", password.current?.value ?? "");
        }}
      >
        <h1 id="login-title" class="login-title">
          {m.title}
        </h1>
        <p class="login-intro">
          {intro ?? m.intro}{" "}
          <span class="login-office">
            {m.office}: <strong>{officeName}</strong>
          </span>
        </p>
        {notice && !problem && (
          <p class="login-notice" role="status" data-testid="login-notice" data-notice={notice}>
            {notice === "signed-out" ? m.signedOut : m.sessionEnded}
          </p>
        )}
        <div class="login-field">
          <label for="login-username">{m.username}</label>
          <input
            ref={username}
            id="login-username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellcheck={false}
            required
            maxLength={40}
            aria-invalid={credentialsWrong}
            aria-describedby={problem ? "login-error" : undefined}
            data-testid="login-username"
            onInput={session.dismissProblem}
          />
        </div>
        <div class="login-field">
          <label for="login-password">{m.password}</label>
          {/* The same element either way (Preact only changes its type), so the typed text stays. */}
          {showPassword ? (
            <input ref={password} type="text" {...passwordProps} />
          ) : (
            <input ref={password} type="password" {...passwordProps} />
          )}
          <label class="login-show">
            <input
              type="checkbox"
              checked={showPassword}
              data-testid="login-show-password"
              onChange={(event) => setShowPassword(event.currentTarget.checked)}
            />
            {m.showPassword}
          </label>
        </div>
        {problemText && (
          <p
            id="login-error"
            class="login-error"
            role="alert"
            data-testid="login-error"
            data-code={problem?.code}
          >
            {problemText}
          </p>
        )}
        <button type="submit" class="login-submit" data-testid="login-submit" disabled={busy}>
          {busy ? m.working : m.submit}
        </button>
      </form>
    </section>
  );
}
