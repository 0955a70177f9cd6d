import { LanguageButtons } from "../../shared/ui/LanguageButtons";
import type { KioskModel } from "../model/kiosk-model";

/** One button per language the office speaks. */
export function LanguageSwitch({ model }: { model: KioskModel }) {
  const languages = model.languages.value;
  if (languages.length < 2) return null;
  return (
    <LanguageButtons
      languages={languages}
      current={model.language.value}
      label={model.messages.value.kiosk.language}
      onChoose={(lang) => model.chooseLanguage(lang)}
    />
  );
}
