import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The display's words: the shared ones, its own section and the pairing screens'. */
export type DisplayMessages = Base & { display: en.DisplaySection; pairing: en.PairingSection };

/** Every language, listed again here so that the display bundles its own words only (see index.ts). */
export const DISPLAY_LOCALES: Record<string, DisplayMessages> = {
  it: withBase(it.base, { display: it.display, pairing: it.pairing }),
  en: withBase(en.base, { display: en.display, pairing: en.pairing }),
};

export function displayMessages(lang: string): DisplayMessages {
  return DISPLAY_LOCALES[lang] ?? DISPLAY_LOCALES.en!;
}
