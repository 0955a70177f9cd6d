import { officeLabelText } from "../../shared/client/office-label";
import { TicketIcon } from "../../shared/ui/icons";
import { PairingScreen } from "../../shared/ui/PairingScreen";
import type { KioskApp } from "../model/kiosk-app";
import { App } from "./App";

/** The kiosk once paired; before that, the pairing screen (or a moment's check) under a plain header. */
export function Root({ app }: { app: KioskApp }) {
  const model = app.model.value;
  if (model && app.paired.value) return <App model={model} />;
  const m = app.pairingMessages.value;
  const unpaired = app.device.stage.value === "unpaired";
  return (
    <div class="kiosk kiosk--setup">
      <header class="kiosk-header">
        <div class="kiosk-header__brand">
          <span class="kiosk-header__mark">
            <TicketIcon />
          </span>
          <div>
            <p class="kiosk-header__office">{officeLabelText(app.office.value, app.officeId)}</p>
            <p class="kiosk-header__app">{m.kiosk.appName}</p>
          </div>
        </div>
      </header>
      <main class={`kiosk-main kiosk-main--${unpaired ? "pairing" : "loading"}`}>
        {unpaired ? (
          <PairingScreen
            session={app.device}
            messages={m.pairing}
            office={app.office.value}
            lang={app.pairingLanguage.value}
          />
        ) : (
          <section class="loading" aria-busy="true">
            <p role="status">
              <span class="spinner spinner--large" aria-hidden="true" />
              <span class="loading__text">{m.pairing.checking}</span>
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
