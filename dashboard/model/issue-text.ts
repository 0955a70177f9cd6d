import { format } from "../../shared/i18n";
import { DASHBOARD_LOCALES, type DashboardMessages } from "../../shared/i18n/dashboard";
import { counterLimit, type FieldIssue, issueKind } from "./config-form";

/** The language a set of the dashboard's words is in. */
function languageOf(messages: DashboardMessages): string {
  return (
    Object.keys(DASHBOARD_LOCALES).find((lang) => DASHBOARD_LOCALES[lang] === messages) ?? "en"
  );
}

/**
 * The sentence for a problem with a field, in the reader's language when the problem is
 * known, its limits written as the reader writes numbers ("al massimo 1,5").
 */
export function issueText(issue: FieldIssue, messages: DashboardMessages): string {
  const kind = issueKind(issue);
  const lang = languageOf(messages);
  // The schema's and the server's own sentences are English: shown only to English readers.
  if (!kind) return lang === "en" ? issue.message : messages.dashboard.setup.errors.invalid_request;
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const limit = (value: number | undefined) => (value === undefined ? "" : number.format(value));
  return format(messages.dashboard.setup.issues[kind], {
    min: limit(issue.minimum),
    max: limit(kind === "seatsOverCounters" ? counterLimit(issue) : issue.maximum),
  });
}
