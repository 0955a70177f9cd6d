/** A heading's subtitle in the office's second language: smaller and softer, so the screen stays calm. */
export function SecondLanguage({ lang, text }: { lang: string | null; text: string | undefined }) {
  if (!lang || !text) return null;
  return (
    <span class="second-lang" lang={lang}>
      {text}
    </span>
  );
}
