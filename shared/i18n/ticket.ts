import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The ticket's words: the shared ones and its own section. */
export type TicketMessages = Base & { ticket: en.TicketSection };

/** Every language, listed again here so that the ticket bundles its own words only (see index.ts). */
export const TICKET_LOCALES: Record<string, TicketMessages> = {
  it: withBase(it.base, { ticket: it.ticket }),
  en: withBase(en.base, { ticket: en.ticket }),
};

export function ticketMessages(lang: string): TicketMessages {
  return TICKET_LOCALES[lang] ?? TICKET_LOCALES.en!;
}
