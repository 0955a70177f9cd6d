import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The display's words: the shared ones and its own section. */
export type DisplayMessages = Base & { display: en.DisplaySection };

/** Every language, listed again here so that the display bundles its own words only (see index.ts). */
export const DISPLAY_LOCALES: Record<string, DisplayMessages> = {
  it: withBase(it.base, { display: it.display }),
  en: withBase(en.base, { display: en.display }),
};

export function displayMessages(lang: string): DisplayMessages {
  return DISPLAY_LOCALES[lang] ?? DISPLAY_LOCALES.en!;
}
