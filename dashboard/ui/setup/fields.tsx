import type { ComponentChildren } from "preact";
import { format } from "../../../shared/i18n";
import type { DashboardMessages } from "../../../shared/i18n/dashboard";
import { type FieldIssue, type FieldIssues, issueKind, issuesAt } from "../../model/config-form";

/** The sentence for a problem with a field, in the reader's language when the problem is known. */
export function issueText(issue: FieldIssue, messages: DashboardMessages): string {
  const kind = issueKind(issue);
  if (!kind) return issue.message;
  return format(messages.dashboard.setup.issues[kind], {
    min: issue.minimum ?? "",
    max: issue.maximum ?? "",
  });
}

/** A field's id for its error line (aria-describedby). */
export function errorId(path: string): string {
  return `issue-${path.replace(/[^a-z0-9]+/gi, "-")}`;
}

/** Props that mark an input as invalid and point it at its error line. */
export function invalidProps(issues: FieldIssues, path: string) {
  const has = issuesAt(issues, path).length > 0;
  return {
    "aria-invalid": has,
    "aria-describedby": has ? errorId(path) : undefined,
  } as const;
}

export function FieldError({
  issues,
  path,
  messages,
}: {
  issues: FieldIssues;
  path: string;
  messages: DashboardMessages;
}) {
  const list = issuesAt(issues, path);
  if (list.length === 0) return null;
  return (
    <p class="field-error" id={errorId(path)} data-testid={`issue-${path}`}>
      {list.map((issue) => issueText(issue, messages)).join(" ")}
    </p>
  );
}

/** A label above its control, and the control's error line under it. */
export function Field({
  id,
  label,
  children,
  issues,
  path,
  messages,
  hint,
  wide,
}: {
  id: string;
  label: string;
  children: ComponentChildren;
  issues: FieldIssues;
  path: string;
  messages: DashboardMessages;
  hint?: string;
  wide?: boolean;
}) {
  return (
    <div class={wide ? "field field-wide" : "field"}>
      <label for={id} class="field-label">
        {label}
      </label>
      {children}
      {hint && <p class="field-hint">{hint}</p>}
      <FieldError issues={issues} path={path} messages={messages} />
    </div>
  );
}
