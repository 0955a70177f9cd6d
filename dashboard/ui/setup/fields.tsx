import type { ComponentChildren } from "preact";
import type { DashboardMessages } from "../../../shared/i18n/dashboard";
import { type FieldIssues, issuesAt } from "../../model/config-form";
import { errorId, invalidProps } from "../../model/field-focus";
import { issueText } from "../../model/issue-text";

export { errorId, invalidProps, issueText };

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
