import type { ComponentChildren } from "preact";
import { LanguageButtons } from "../../shared/ui/LanguageButtons";

/** The page around every step: the office's name, what the page is for, the language switch. */
export function PageFrame(props: {
  officeName: string | null;
  appName: string;
  languages: readonly string[];
  language: string;
  languageLabel: string;
  onChooseLanguage: (lang: string) => void;
  children: ComponentChildren;
}) {
  return (
    <div class="page">
      <header class="page__header">
        <div class="page__heading">
          <p class="page__office">{props.officeName ?? props.appName}</p>
          {props.officeName && <p class="page__app">{props.appName}</p>}
        </div>
        {props.languages.length > 1 && (
          <LanguageButtons
            languages={props.languages}
            current={props.language}
            label={props.languageLabel}
            onChoose={props.onChooseLanguage}
          />
        )}
      </header>
      <main class="page__main">{props.children}</main>
    </div>
  );
}
