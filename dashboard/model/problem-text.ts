import { format } from "../../shared/i18n";
import type { DashboardMessages } from "../../shared/i18n/dashboard";
import type { Outcome, ServerIssue } from "./api";

/**
 * What Setup says about a refused request, all in the reader's language:
 * the server writes its sentences in English ('There is already an account "admin".',
 * a username's rule), so they are never shown as they come. The code picks our sentence;
 * the detail is ours too, built from what the server's answer carries that adds something
 * (which field broke which rule, which ticket blocks a change), else nothing.
 */
export interface ProblemText {
  message: string;
  detail: string | null;
}

export function problemText(
  outcome: Pick<Outcome, "code" | "detail" | "issues">,
  messages: DashboardMessages,
  lang: string,
): ProblemText {
  const errors = messages.dashboard.setup.errors;
  const message = errors[outcome.code as keyof typeof errors] ?? errors.generic;
  if (outcome.code === "invalid_request") {
    const details = [
      ...new Set((outcome.issues ?? []).flatMap((i) => issueWords(i, messages, lang))),
    ];
    return { message, detail: details.length > 0 ? details.join(" ") : null };
  }
  if (outcome.code === "config_conflict")
    return { message, detail: conflictDetail(outcome.detail, messages) };
  return { message, detail: null };
}

/** A refused field of the accounts and devices forms, by its path and rule; unknown ones say nothing more. */
function issueWords(issue: ServerIssue, messages: DashboardMessages, lang: string): string[] {
  const words = messages.dashboard.setup.issues;
  const number = new Intl.NumberFormat(lang);
  const field = issue.path.split(".").pop() ?? "";
  switch (field) {
    case "username":
      return [words.username];
    case "password":
    case "newPassword":
      if (issue.code === "too_big")
        return [format(words.passwordLong, { max: number.format(issue.maximum ?? 256) })];
      return [format(words.passwordShort, { min: number.format(issue.minimum ?? 12) })];
    case "displayName":
      return [words.displayName];
    case "name":
      return [words.deviceName];
    default:
      return [];
  }
}

/** The engine's config_conflict sentences (shared/engine/decide.ts), said again in the reader's words. */
function conflictDetail(detail: string | null, messages: DashboardMessages): string | null {
  if (!detail) return null;
  const errors = messages.dashboard.setup.errors;
  let match = /^Service "([^"]+)" still has ticket (\S+?);/.exec(detail);
  if (match) return format(errors.serviceHasTicket, { service: match[1]!, code: match[2]! });
  match = /^Counter "([^"]+)" still has ticket (\S+) waiting/.exec(detail);
  if (match) return format(errors.counterHasTicket, { counter: match[1]!, code: match[2]! });
  match = /^Counter "([^"]+)" is serving a ticket/.exec(detail);
  if (match) return format(errors.counterServing, { counter: match[1]! });
  return null;
}
