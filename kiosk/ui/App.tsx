import { useEffect, useRef } from "preact/hooks";
import type { KioskModel } from "../model/kiosk-model";
import { AppointmentDialog } from "./AppointmentDialog";
import { CheckInScreen } from "./CheckInScreen";
import { ClosedScreen } from "./ClosedScreen";
import { Header } from "./Header";
import { LoadingScreen } from "./LoadingScreen";
import { OfflineScreen } from "./OfflineScreen";
import { Receipt } from "./Receipt";
import { StartScreen } from "./StartScreen";
import { TicketScreen } from "./TicketScreen";

function Screen({ model }: { model: KioskModel }) {
  const ticket = model.issued.value;
  switch (model.screen.value) {
    case "ticket":
      return ticket ? <TicketScreen model={model} ticket={ticket} /> : null;
    case "offline":
      return <OfflineScreen model={model} />;
    case "closed":
      return <ClosedScreen model={model} />;
    case "start":
      return <StartScreen model={model} />;
    case "check-in":
      return <CheckInScreen model={model} />;
    case "loading":
      return <LoadingScreen model={model} />;
  }
}

export function App({ model }: { model: KioskModel }) {
  const screen = model.screen.value;
  const ticket = model.issued.value;
  const main = useRef<HTMLElement>(null);

  // Each new screen starts at its heading, for keyboard and screen-reader users.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [screen]);

  return (
    <div class="kiosk">
      <Header model={model} />
      <main ref={main} class={`kiosk-main kiosk-main--${screen}`}>
        <Screen model={model} />
      </main>
      <p class="visually-hidden" aria-live="polite">
        {ticket
          ? `${model.messages.value.kiosk.ticket.yourNumber}: ${ticket.body.ticket.code}`
          : ""}
      </p>
      <AppointmentDialog model={model} />
      {ticket && <Receipt model={model} ticket={ticket} />}
    </div>
  );
}
