import { formatWait } from "../../shared/i18n";
import type { IssuedTicket, KioskModel } from "../model/kiosk-model";
import { appointmentTimeText } from "./check-in-words";
import { dateTime, serviceName } from "./format";

/**
 * The paper ticket: shown only when printing (see receipt.css), laid out for
 * an 80 mm thermal roll in black on white. It says where to go, because a
 * ticket that leaves that out is a ticket people bring back to the desk.
 */
export function Receipt({ model, ticket }: { model: KioskModel; ticket: IssuedTicket }) {
  const config = model.config.value;
  const lang = model.language.value;
  const messages = model.messages.value;
  const m = messages.kiosk;
  const { body } = ticket;
  const appointmentTime = config
    ? appointmentTimeText(ticket.appointment, messages, config.timeZone, lang)
    : null;
  const ahead =
    body.peopleAhead === 0
      ? m.ticket.aheadNone
      : `${body.peopleAhead} ${body.peopleAhead === 1 ? m.ticket.aheadOne : m.ticket.aheadMany}`;
  return (
    <div class="receipt" aria-hidden="true">
      <p class="receipt__office">{config?.name}</p>
      <p class="receipt__label">{m.ticket.yourNumber}</p>
      <p class="receipt__code">{body.ticket.code}</p>
      <p class="receipt__service">{serviceName(ticket.service, lang)}</p>
      {body.ticket.priority && <p class="receipt__priority">{m.ticket.priority}</p>}
      {appointmentTime && <p class="receipt__priority">{appointmentTime}</p>}
      <p class="receipt__queue">
        {ahead}
        <br />
        {m.ticket.estimatedWait}: {formatWait(body.estimatedWaitSeconds, lang)}
      </p>
      <p class="receipt__where">{m.receipt.whereToGo}</p>
      {ticket.qrSvg && (
        <>
          <p class="receipt__follow">{m.receipt.follow}</p>
          <div class="receipt__qr" dangerouslySetInnerHTML={{ __html: ticket.qrSvg }} />
        </>
      )}
      <p class="receipt__time">
        {m.receipt.issuedAt}: {config ? dateTime(body.ticket.issuedAt, config.timeZone, lang) : ""}
      </p>
      <p class="receipt__keep">{m.receipt.keep}</p>
    </div>
  );
}
