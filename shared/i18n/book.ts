import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The booking page's words: the shared ones and its own section. */
export type BookMessages = Base & { book: en.BookSection };

/** Every language, listed again here so that the booking page bundles its own words only (see index.ts). */
export const BOOK_LOCALES: Record<string, BookMessages> = {
  it: withBase(it.base, { book: it.book }),
  en: withBase(en.base, { book: en.book }),
};

export function bookMessages(lang: string): BookMessages {
  return BOOK_LOCALES[lang] ?? BOOK_LOCALES.en!;
}
