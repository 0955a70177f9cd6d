import type { KioskMessages } from "../../shared/i18n/kiosk";
import type { KioskModel } from "../model/kiosk-model";

/** The kiosk's words for a refusal code; an unknown code gets the general apology. */
export function issueErrorMessage(code: string, m: KioskMessages): string {
  const known = m.kiosk.errors as Record<string, string>;
  return known[code] ?? m.kiosk.errors.generic;
}

/** Why the last tap did not give a number, in the kiosk's language. */
export function IssueError({ model }: { model: KioskModel }) {
  const error = model.error.value;
  if (!error) return null;
  return (
    <div class="issue-error" role="alert" data-testid="kiosk-error" data-error-code={error.code}>
      <span class="issue-error__mark" aria-hidden="true">
        !
      </span>
      <p class="issue-error__text">{issueErrorMessage(error.code, model.messages.value)}</p>
    </div>
  );
}
