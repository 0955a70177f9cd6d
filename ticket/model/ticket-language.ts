import { readStorage, writeStorage } from "../../shared/client/device-storage";
import { pickLanguage } from "../../shared/i18n";

/**
 * The ticket page's language: the one the person chose on
 * this phone for this ticket, else the one they took the ticket in at the
 * kiosk, else the phone's own languages, else the office's first. The latest
 * choice wins: a switch on the phone outlasts a reload, and a new ticket
 * taken in another language opens in that language.
 */
export interface LanguageChoice {
  /** The ticket the choice was made on (its id: the token stays out of storage). */
  ticketId: string;
  lang: string;
}

export function ticketLanguage(options: {
  officeLanguages: readonly string[];
  ticketId: string | null;
  /** The language the ticket was taken in (the ticket view's `lang`), if any. */
  ticketLang: string | null | undefined;
  remembered: LanguageChoice | null;
  browser: readonly string[];
}): string {
  const { officeLanguages, ticketId, ticketLang, remembered } = options;
  const offered = (lang: string | null | undefined): lang is string =>
    !!lang && officeLanguages.includes(lang);
  if (remembered && offered(remembered.lang)) {
    // Chosen on this phone for this very ticket, or for an earlier one when the ticket says nothing.
    if (remembered.ticketId === ticketId || !offered(ticketLang)) {
      return pickLanguage(officeLanguages, [remembered.lang]);
    }
  }
  if (offered(ticketLang)) return pickLanguage(officeLanguages, [ticketLang]);
  return pickLanguage(officeLanguages, options.browser);
}

const KEY = "turno.ticket.lang";

/** Keeps the person's choice on the phone (only there; without storage it lasts as long as the page). */
export function rememberLanguage(choice: LanguageChoice): void {
  writeStorage(KEY, JSON.stringify(choice));
}

export function rememberedLanguage(): LanguageChoice | null {
  const raw = readStorage(KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<LanguageChoice> | null;
    return value && typeof value.lang === "string" && typeof value.ticketId === "string"
      ? { ticketId: value.ticketId, lang: value.lang }
      : null;
  } catch {
    return null;
  }
}
