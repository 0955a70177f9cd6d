import { BASES } from "../../shared/i18n";
import type { TicketPageModel } from "../model/ticket-page-model";

/** The office's languages, each named in its own language; the choice is kept on the phone. */
export function LanguageSwitch({ model }: { model: TicketPageModel }) {
  const languages = model.languages.value;
  // Before the ticket is known there is nothing to remember the choice for.
  if (languages.length < 2 || !model.ticket.value) return null;
  const current = model.language.value;
  return (
    <nav class="language-switch" aria-label={model.messages.value.ticket.language}>
      {languages.map((lang) => (
        <button
          key={lang}
          type="button"
          class="language-switch__button"
          data-testid={`lang-${lang}`}
          lang={lang}
          aria-pressed={lang === current}
          onClick={() => model.chooseLanguage(lang)}
        >
          {BASES[lang]?.languageName ?? lang}
        </button>
      ))}
    </nav>
  );
}
