import type { DeviceSession, PairingProblem } from "../client/device-session";
import { minutesToWait } from "../client/http";
import { type OfficeLabel, officeLabelText } from "../client/office-label";
import { formatPairingCode, PAIRING_CODE_PATTERN } from "../client/pairing-code";
import { format } from "../i18n";
import type { PairingSection } from "../i18n/locales/en";
import { focusOnMount } from "./focus-on-mount";

/**
 * The pairing screen of a kiosk or a display: one large field for
 * the code a supervisor creates in Setup → Devices, typed as XXXX-XXXX
 * (upper case and the dash come by themselves). Plain enough for the ES5
 * display; each app styles the `pairing` classes in its own look.
 */
export function PairingScreen(props: {
  session: DeviceSession;
  messages: PairingSection;
  office: OfficeLabel | null;
  lang: string;
}) {
  const { session, messages: m } = props;
  const role = session.role;
  const busy = session.busy.value;
  const problem = session.problem.value;
  const describedBy = problem ? "pairing-code-hint pairing-error" : "pairing-code-hint";
  return (
    <section
      class="pairing"
      lang={props.lang}
      aria-labelledby="pairing-title"
      data-testid="pairing-screen"
      data-role={role}
    >
      <h1 id="pairing-title" class="pairing-title" tabIndex={-1}>
        {m.titles[role]}
      </h1>
      <p class="pairing-office">
        {m.office}: <strong>{officeLabelText(props.office, session.officeId)}</strong>
      </p>
      {session.revoked.value && (
        <p class="pairing-notice" role="status" data-testid="pairing-revoked">
          {m.revoked}
        </p>
      )}
      <p class="pairing-hint">{m.hint}</p>
      <form
        class="pairing-form"
        method="post"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          session.pair();
        }}
      >
        <label class="pairing-label" for="pairing-code">
          {m.codeLabel}
        </label>
        <div class="pairing-row">
          <input
            ref={focusOnMount}
            id="pairing-code"
            class="pairing-input"
            type="text"
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            autoCorrect="off"
            spellcheck={false}
            pattern={PAIRING_CODE_PATTERN}
            placeholder="XXXX-XXXX"
            required
            value={session.code.value}
            aria-invalid={problem !== null && problem.code !== "offline"}
            aria-describedby={describedBy}
            data-testid="pairing-code"
            onInput={(event) => {
              const input = event.currentTarget as HTMLInputElement;
              const formatted = formatPairingCode(input.value);
              // Set here too: a refused character leaves the signal unchanged, so no render would undo it.
              input.value = formatted;
              session.setCode(formatted);
            }}
          />
          <button type="submit" class="pairing-submit" data-testid="pairing-submit" disabled={busy}>
            {busy ? m.working : m.submit}
          </button>
        </div>
        <p id="pairing-code-hint" class="pairing-code-hint">
          {m.codeHint}
        </p>
        {problem && (
          <p
            id="pairing-error"
            class="pairing-error"
            role="alert"
            data-testid="pairing-error"
            data-code={problem.code}
          >
            {pairingProblemText(problem, role, m)}
          </p>
        )}
      </form>
    </section>
  );
}

export function pairingProblemText(
  problem: PairingProblem,
  role: "kiosk" | "display",
  m: PairingSection,
): string {
  switch (problem.code) {
    case "wrong_device_role":
      return m.errors.wrong_device_role[role];
    case "too_many_attempts":
      return format(m.errors.too_many_attempts, {
        minutes: minutesToWait(problem.retryAfterSeconds),
      });
    default:
      return m.errors[problem.code];
  }
}
