import { InfoIcon } from "../../shared/ui/icons";
import type { TicketPageModel } from "../model/ticket-page-model";
import { LanguageSwitch } from "./LanguageSwitch";
import { TicketCard } from "./TicketCard";

function Message({ title, text, busy }: { title: string; text?: string; busy?: boolean }) {
  return (
    <section class="card message" aria-busy={busy}>
      {busy ? <span class="spinner" aria-hidden="true" /> : <InfoIcon />}
      <h1 class="message__title">{title}</h1>
      {text && <p class="message__text">{text}</p>}
    </section>
  );
}

/** The page around the ticket: the office's name, the connection, and the right card for the moment. */
export function App({ model }: { model: TicketPageModel }) {
  const m = model.messages.value;
  const page = model.page.value;
  const ticket = model.ticket.value;
  const reconnecting =
    page === "ready" && !model.finished.value && model.liveStatus.value === "reconnecting";
  return (
    <div class="page">
      <header class="page__header">
        <div class="page__heading">
          <p class="page__office">{model.office.value?.name ?? m.ticket.appName}</p>
          <p class="page__connection" role="status">
            {reconnecting ? m.common.reconnecting : ""}
          </p>
        </div>
        <LanguageSwitch model={model} />
      </header>
      <main class="page__main">
        {page === "ready" && ticket ? (
          <TicketCard model={model} ticket={ticket} />
        ) : page === "invalid" ? (
          <Message title={m.ticket.invalid.title} text={m.ticket.invalid.hint} />
        ) : page === "unreachable" ? (
          <Message title={m.ticket.appName} text={m.ticket.loadFailed} busy />
        ) : (
          <Message title={m.ticket.loading} busy />
        )}
      </main>
    </div>
  );
}
