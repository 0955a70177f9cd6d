import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The kiosk's words: the shared ones and its own section. */
export type KioskMessages = Base & { kiosk: en.KioskSection };

/** Every language, listed again here so that the kiosk bundles its own words only (see index.ts). */
export const KIOSK_LOCALES: Record<string, KioskMessages> = {
  it: withBase(it.base, { kiosk: it.kiosk }),
  en: withBase(en.base, { kiosk: en.kiosk }),
};

export function kioskMessages(lang: string): KioskMessages {
  return KIOSK_LOCALES[lang] ?? KIOSK_LOCALES.en!;
}
