import { format, formatWait } from "../../shared/i18n";
import {
  CalendarIcon,
  CheckIcon,
  HourglassIcon,
  PeopleIcon,
  PrintIcon,
  ScreenIcon,
  ServiceIcon,
} from "../../shared/ui/icons";
import type { IssuedTicket, KioskModel } from "../model/kiosk-model";
import { appointmentTimeText, lateArrivalText } from "./check-in-words";
import { serviceName } from "./format";

/** "3 people ahead of you" as a big number and its words. */
function PeopleAhead({ count, model }: { count: number; model: KioskModel }) {
  const m = model.messages.value.kiosk.ticket;
  const words = count === 0 ? m.aheadNone : count === 1 ? m.aheadOne : m.aheadMany;
  return (
    <div class="fact" data-testid="ticket-people-ahead" data-count={count}>
      <PeopleIcon />
      <span class="fact__value">{count}</span>
      <span class="fact__label">{words}</span>
    </div>
  );
}

/**
 * The number just issued: large, with its service, the queue ahead, the
 * estimated wait, where to wait and a QR code to follow it on a phone.
 * It goes back to the start by itself; "Done" goes back at once.
 */
export function TicketScreen({ model, ticket }: { model: KioskModel; ticket: IssuedTicket }) {
  const lang = model.language.value;
  const m = model.messages.value.kiosk.ticket;
  const { body } = ticket;
  const secondsLeft = model.secondsUntilReturn.value;
  const wait = formatWait(body.estimatedWaitSeconds, lang);
  const timeZone = model.config.value?.timeZone ?? "UTC";
  const appointmentTime = appointmentTimeText(
    ticket.appointment,
    model.messages.value,
    timeZone,
    lang,
  );
  const lateNote = lateArrivalText(ticket.appointment, model.messages.value, timeZone, lang);
  return (
    <section class="ticket" aria-labelledby="ticket-title">
      <div class="ticket__main">
        <h1 id="ticket-title" tabIndex={-1} class="ticket__label">
          {m.yourNumber}
        </h1>
        <p class="ticket__code" data-testid="ticket-code">
          {body.ticket.code}
        </p>
        <p class="ticket__service">
          <span class="ticket__service-icon">
            <ServiceIcon serviceId={body.ticket.serviceId} />
          </span>
          {/* Its own element, not bare text: engines without flex gap space it by its margins (old-engines.css). */}
          <span class="ticket__service-name">{serviceName(ticket.service, lang)}</span>
          {body.ticket.priority && <span class="tag tag--priority">{m.priority}</span>}
          {appointmentTime && (
            <span class="tag tag--appointment" data-testid="ticket-appointment">
              <CalendarIcon /> {appointmentTime}
            </span>
          )}
        </p>
        {lateNote && (
          <p class="ticket__late" data-testid="ticket-late-arrival">
            {lateNote}
          </p>
        )}
        <div class="ticket__facts">
          <PeopleAhead count={body.peopleAhead} model={model} />
          <div class="fact">
            <HourglassIcon />
            <span class={wait.length > 8 ? "fact__value fact__value--long" : "fact__value"}>
              {wait}
            </span>
            <span class="fact__label">{m.estimatedWait}</span>
          </div>
        </div>
        <p class="ticket__where">
          <ScreenIcon />
          <span>{m.whereToWait}</span>
        </p>
      </div>
      <aside class="ticket__side">
        <div class="qr" data-testid="ticket-qr" data-tracking-url={body.trackingUrl}>
          {ticket.qrSvg && (
            // The SVG comes from the qrcode library, drawn from our own tracking URL: no user input.
            <div class="qr__image" dangerouslySetInnerHTML={{ __html: ticket.qrSvg }} />
          )}
          <p class="qr__caption">{m.scanToFollow}</p>
        </div>
        <div class="ticket__actions">
          <button type="button" class="button button--secondary" onClick={model.printTicket}>
            <PrintIcon /> {m.print}
          </button>
          <button
            type="button"
            class="button button--primary"
            data-testid="ticket-done"
            disabled={!model.ticketDoneEnabled.value}
            onClick={model.finishTicket}
          >
            <CheckIcon /> {m.done}
          </button>
        </div>
        <div class="countdown">
          <div class="countdown__bar" key={ticket.shownAt} aria-hidden="true" />
          <p class="countdown__text">{format(m.returning, { n: secondsLeft })}</p>
        </div>
      </aside>
    </section>
  );
}
