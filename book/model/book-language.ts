import { readStorage, writeStorage } from "../../shared/client/device-storage";
import { BASES } from "../../shared/i18n";

/*
 * The booking page opens in the office's first language (the one it
 * announces in) until the person chooses another; the choice is kept on the
 * phone, so the manage link opens in it too. Nothing else is stored.
 */

const KEY = "turno.book.lang";

/** The office's languages that Turno has words for, the office's own first. */
export function offeredLanguages(officeLanguages: readonly string[] | undefined): string[] {
  const offered = (officeLanguages ?? Object.keys(BASES)).filter((lang) => BASES[lang]);
  return offered.length > 0 ? offered : ["en"];
}

/** The person's choice if the office offers it, else the office's first language. */
export function bookLanguage(offered: readonly string[], chosen: string | null): string {
  if (chosen && offered.includes(chosen)) return chosen;
  return offered[0] ?? "en";
}

export function rememberedLanguage(): string | null {
  return readStorage(KEY);
}

export function rememberLanguage(lang: string): void {
  writeStorage(KEY, lang);
}
