import { BASES, pickLanguage } from "../i18n";
import { browserLanguages } from "../ui/app-params";
import { readStorage, writeStorage } from "./device-storage";

/** The staff apps: each remembers its own choice on the device. */
export type StaffApp = "counter" | "dashboard";

/**
 * The staff apps speak to staff, not to the public: every language Turno has
 * is offered in their header switch, whatever the office announces in.
 */
export const STAFF_LANGUAGES: readonly string[] = Object.keys(BASES);

const languageKey = (app: StaffApp) => `turno.${app}.lang`;

/** The language this person last chose in the app's header switch on this device, if any. */
export function rememberedLanguage(app: StaffApp): string | null {
  const lang = readStorage(languageKey(app));
  return lang && BASES[lang] ? lang : null;
}

export function rememberLanguage(app: StaffApp, lang: string): void {
  writeStorage(languageKey(app), lang);
}

/** The person's choice, else the browser's preference among the office's languages. */
export function staffLanguage(
  officeLanguages: readonly string[] | undefined,
  chosen: string | null,
): string {
  if (chosen && BASES[chosen]) return chosen;
  return pickLanguage(officeLanguages ?? STAFF_LANGUAGES, browserLanguages());
}
