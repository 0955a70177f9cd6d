import { BASES, pickLanguage } from "../../shared/i18n";
import { browserLanguages } from "../../shared/ui/app-params";
import { readStorage, writeStorage } from "./selection";

const LANGUAGE_KEY = "turno.counter.lang";

/**
 * The console speaks to the clerk, not to the public: every language Turno
 * has is offered in the header switch, whatever the office announces in.
 */
export const CONSOLE_LANGUAGES: readonly string[] = Object.keys(BASES);

/** The clerk's own choice from the header switch, if any. */
export function rememberedLanguage(): string | null {
  const lang = readStorage(LANGUAGE_KEY);
  return lang && BASES[lang] ? lang : null;
}

export function rememberLanguage(lang: string): void {
  writeStorage(LANGUAGE_KEY, lang);
}

/** The clerk's choice, else the browser's preference among the office's languages. */
export function consoleLanguage(
  officeLanguages: readonly string[] | undefined,
  chosen: string | null,
): string {
  if (chosen && BASES[chosen]) return chosen;
  return pickLanguage(officeLanguages ?? CONSOLE_LANGUAGES, browserLanguages());
}
