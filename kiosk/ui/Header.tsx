import { TicketIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";
import { clockTime } from "./format";
import { LanguageSwitch } from "./LanguageSwitch";

/** The office's name, the time and the language choice, on every screen. */
export function Header({ model }: { model: KioskModel }) {
  const config = model.config.value;
  const m = model.messages.value;
  return (
    <header class="kiosk-header">
      <div class="kiosk-header__brand">
        <span class="kiosk-header__mark">
          <TicketIcon />
        </span>
        <div>
          <p class="kiosk-header__office">{config?.name ?? ""}</p>
          <p class="kiosk-header__app">{m.kiosk.appName}</p>
        </div>
      </div>
      <div class="kiosk-header__side">
        {config && (
          <p class="kiosk-header__clock">
            <time>{clockTime(model.now.value, config.timeZone, model.language.value)}</time>
          </p>
        )}
        <LanguageSwitch model={model} />
      </div>
    </header>
  );
}
