import { LanguageButtons } from "../../shared/ui/LanguageButtons";
import type { TicketPageModel } from "../model/ticket-page-model";

/** The office's languages; the choice is kept on the phone. */
export function LanguageSwitch({ model }: { model: TicketPageModel }) {
  const languages = model.languages.value;
  // Before the ticket is known there is nothing to remember the choice for.
  if (languages.length < 2 || !model.ticket.value) return null;
  return (
    <LanguageButtons
      languages={languages}
      current={model.language.value}
      label={model.messages.value.ticket.language}
      onChoose={(lang) => model.chooseLanguage(lang)}
    />
  );
}
