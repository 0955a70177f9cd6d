import * as en from "./locales/en";
import * as it from "./locales/it";

export type { Base } from "./locales/en";

/**
 * Every language Turno speaks, with the words all apps share. A new language
 * is one file in ./locales, listed here and in each app's list (display.ts,
 * kiosk.ts, counter.ts, ticket.ts, dashboard.ts, book.ts), which add the app's own words: an app's
 * bundle carries no other app's sentences.
 */
export const BASES: Record<string, en.Base> = { it: it.base, en: en.base };

/** The shared words in one language (English for a language Turno does not have). */
export function baseFor(lang: string): en.Base {
  return BASES[lang] ?? en.base;
}

/** One app's words in one language: the shared ones and the app's own sections. */
export function withBase<Sections extends object>(
  base: en.Base,
  sections: Sections,
): en.Base & Sections {
  return { ...base, ...sections };
}

/**
 * The language to show: the first of the person's preferred languages
 * (e.g. navigator.languages) that the office speaks and Turno has, else the
 * office's own language.
 */
export function pickLanguage(
  officeLanguages: readonly string[],
  preferred: readonly string[],
): string {
  for (const tag of preferred) {
    const lang = tag.slice(0, 2).toLowerCase();
    if (officeLanguages.includes(lang) && BASES[lang]) return lang;
  }
  return officeLanguages.find((lang) => BASES[lang]) ?? "en";
}

/** Fills {placeholders} in a message. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}

/** "A023" → "A 23" (or "Bi 7" in Italian for B007): letters and numbers as a person says them. */
export function spokenCode(code: string, lang: string): string {
  const letter = code.slice(0, 1);
  const number = Number.parseInt(code.slice(1), 10);
  const name = baseFor(lang).letterNames[letter] ?? letter;
  return `${name} ${Number.isNaN(number) ? code.slice(1) : number}`;
}

/** The sentence the waiting room hears: "Numero A 23, Sportello 3". */
export function announcementText(code: string, counterName: string, lang: string): string {
  return format(baseFor(lang).announcement, {
    code: spokenCode(code, lang),
    counter: counterName,
  });
}

/** "12 min" / "less than a minute" / "—" for an estimate in seconds. */
export function formatWait(seconds: number | null, lang: string): string {
  const m = baseFor(lang).common;
  if (seconds === null) return m.noEstimate;
  if (seconds < 60) return m.lessThanAMinute;
  return format(m.minutes, { n: Math.round(seconds / 60) });
}
