import { format } from "../../shared/i18n";
import type { BookMessages } from "../../shared/i18n/book";

/**
 * The booking code large, for reading out or typing at the kiosk, and its
 * QR code for the kiosk's scanner. Screen readers get the code letter by
 * letter: "K7M2QX" read as a word would be of no use at the kiosk.
 */
export function BookingCode(props: { code: string; qrSvg: string | null; messages: BookMessages }) {
  const m = props.messages.book.confirmation;
  return (
    <>
      <div>
        <p class="booking__code-label">{m.codeLabel}</p>
        <p class="booking__code" data-testid="booking-code">
          <span aria-hidden="true">{props.code}</span>
          <span class="visually-hidden">{props.code.split("").join(" ")}</span>
        </p>
      </div>
      {props.qrSvg && (
        <div
          class="booking__qr"
          role="img"
          aria-label={format(m.qrLabel, { code: props.code })}
          data-testid="booking-qr"
          // The SVG markup comes from the qrcode package, drawn from the code's 6 letters and digits.
          dangerouslySetInnerHTML={{ __html: props.qrSvg }}
        />
      )}
    </>
  );
}

/** Service and time of a booking, as a list of terms: "Service: Edilizia", "When: martedì… 10:20". */
export function BookingFacts(props: {
  facts: { label: string; value: string; testId?: string }[];
}) {
  return (
    <dl class="facts">
      {props.facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd data-testid={fact.testId}>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
