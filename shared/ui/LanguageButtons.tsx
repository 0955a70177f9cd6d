import { BASES } from "../i18n";

/** One button per language, each named in its own language (the kiosk's and the ticket page's switch). */
export function LanguageButtons(props: {
  languages: readonly string[];
  current: string;
  /** The switch's accessible name, in the page's language. */
  label: string;
  onChoose: (lang: string) => void;
}) {
  return (
    <nav class="language-switch" aria-label={props.label}>
      {props.languages.map((lang) => (
        <button
          key={lang}
          type="button"
          class="language-switch__button"
          data-testid={`lang-${lang}`}
          lang={lang}
          aria-pressed={lang === props.current}
          onClick={() => props.onChoose(lang)}
        >
          {BASES[lang]?.languageName ?? lang}
        </button>
      ))}
    </nav>
  );
}
