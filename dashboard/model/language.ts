import { BASES, pickLanguage } from "../../shared/i18n";
import { browserLanguages } from "../../shared/ui/app-params";

const LANGUAGE_KEY = "turno.dashboard.lang";

/** The dashboard speaks to staff: every language Turno has is offered, whatever the office's. */
export const DASHBOARD_LANGUAGES: readonly string[] = Object.keys(BASES);

// Storage can throw (private mode, disabled cookies): the page works without memory.
export function rememberedLanguage(): string | null {
  try {
    const lang = localStorage.getItem(LANGUAGE_KEY);
    return lang && BASES[lang] ? lang : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: string): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // nothing to remember with
  }
}

/** The person's choice, else the browser's preference among the office's languages. */
export function dashboardLanguage(
  officeLanguages: readonly string[] | undefined,
  chosen: string | null,
): string {
  if (chosen && BASES[chosen]) return chosen;
  return pickLanguage(officeLanguages ?? DASHBOARD_LANGUAGES, browserLanguages());
}
