import { useEffect, useRef, useState } from "preact/hooks";
import type { PasswordProblem } from "../../shared/client/staff-session";
import type { CounterApp } from "../model/counter-app";

/**
 * Changing one's own password: current, new, new again. The server then
 * ends every session of the account (other browsers go back to their login)
 * and signs this one in again, so the console reconnects by itself.
 */
export function PasswordDialog({ app }: { app: CounterApp }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const open = app.passwordOpen.value;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setProblem(null);
      setDone(false);
      form.current?.reset();
      element.showModal();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const m = app.messages.value.auth.changePassword;
  const username = app.session.me.value?.account.username ?? "";

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? "");
    setBusy(true);
    setProblem(null);
    const result = await app.session.changePassword(
      field("current-password"),
      field("new-password"),
      field("confirm-password"),
    );
    setBusy(false);
    setProblem(result);
    if (!result) {
      setDone(true);
      form.current?.reset();
    }
  }

  return (
    <dialog
      ref={dialog}
      class="password-dialog"
      aria-labelledby="password-title"
      data-testid="password-dialog"
      onClose={app.closePasswordDialog}
    >
      {open && (
        <form ref={form} class="password-form" method="post" noValidate onSubmit={submit}>
          <h2 id="password-title">{m.title}</h2>
          {/* For password managers: which account this new password belongs to. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={username}
            readOnly
            hidden
          />
          <PasswordField
            name="current-password"
            label={m.current}
            autoComplete="current-password"
            invalid={problem?.code === "wrong_password"}
          />
          <PasswordField
            name="new-password"
            label={m.next}
            autoComplete="new-password"
            hint={m.hint}
            invalid={problem !== null && problem.code !== "wrong_password"}
          />
          <PasswordField
            name="confirm-password"
            label={m.confirm}
            autoComplete="new-password"
            invalid={problem?.code === "mismatch"}
          />
          {problem && (
            <p
              class="login-error"
              role="alert"
              data-testid="password-error"
              data-code={problem.code}
            >
              {m.errors[problem.code]}
            </p>
          )}
          {done && (
            <p class="login-notice" role="status" data-testid="password-done">
              {m.done}
            </p>
          )}
          <div class="password-footer">
            <button type="button" class="password-cancel" onClick={app.closePasswordDialog}>
              {m.cancel}
            </button>
            <button type="submit" class="login-submit" data-testid="password-save" disabled={busy}>
              {busy ? m.working : m.save}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function PasswordField(props: {
  name: string;
  label: string;
  autoComplete: string;
  hint?: string;
  invalid: boolean;
}) {
  const id = `password-${props.name}`;
  return (
    <div class="login-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="password"
        autoComplete={props.autoComplete}
        required
        maxLength={256}
        aria-invalid={props.invalid}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        data-testid={id}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="login-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
