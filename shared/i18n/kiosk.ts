import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The kiosk's words: the shared ones, its own section and the pairing screens'. */
export type KioskMessages = Base & { kiosk: en.KioskSection; pairing: en.PairingSection };

/** Every language, listed again here so that the kiosk bundles its own words only (see index.ts). */
export const KIOSK_LOCALES: Record<string, KioskMessages> = {
  it: withBase(it.base, { kiosk: it.kiosk, pairing: it.pairing }),
  en: withBase(en.base, { kiosk: en.kiosk, pairing: en.pairing }),
};

export function kioskMessages(lang: string): KioskMessages {
  return KIOSK_LOCALES[lang] ?? KIOSK_LOCALES.en!;
}
