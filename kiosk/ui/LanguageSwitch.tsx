import { BASES } from "../../shared/i18n";
import type { KioskModel } from "../model/kiosk-model";

/** One button per language the office speaks, each named in its own language. */
export function LanguageSwitch({ model }: { model: KioskModel }) {
  const languages = model.languages.value;
  if (languages.length < 2) return null;
  const current = model.language.value;
  return (
    <nav class="language-switch" aria-label={model.messages.value.kiosk.language}>
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
