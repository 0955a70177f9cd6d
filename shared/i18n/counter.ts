import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The counter's words: the shared ones, its own section and the auth screens'. */
export type CounterMessages = Base & { counter: en.CounterSection; auth: en.AuthSection };

/** Every language, listed again here so that the counter bundles its own words only (see index.ts). */
export const COUNTER_LOCALES: Record<string, CounterMessages> = {
  it: withBase(it.base, { counter: it.counter, auth: it.auth }),
  en: withBase(en.base, { counter: en.counter, auth: en.auth }),
};

export function counterMessages(lang: string): CounterMessages {
  return COUNTER_LOCALES[lang] ?? COUNTER_LOCALES.en!;
}
