import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The counter's words: the shared ones and its own section. */
export type CounterMessages = Base & { counter: en.CounterSection };

/** Every language, listed again here so that the counter bundles its own words only (see index.ts). */
export const COUNTER_LOCALES: Record<string, CounterMessages> = {
  it: withBase(it.base, { counter: it.counter }),
  en: withBase(en.base, { counter: en.counter }),
};

export function counterMessages(lang: string): CounterMessages {
  return COUNTER_LOCALES[lang] ?? COUNTER_LOCALES.en!;
}
