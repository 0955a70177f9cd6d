import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from "../../shared/client/booking-code";
import { CalendarIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";
import { checkInRefusalText } from "./check-in-words";

/** The code's characters in rows of eight: the digits, then the letters in order. */
const KEY_ROWS = [0, 8, 16, 24].map((start) =>
  BOOKING_CODE_ALPHABET.slice(start, start + 8).split(""),
);

/**
 * "I have an appointment": the booking code typed on the screen's own keys
 * (a kiosk often has no keyboard, and these keys cannot type a 0 for an O)
 * or on a keyboard, then checked in. A refusal says why in the kiosk's words.
 */
export function CheckInScreen({ model }: { model: KioskModel }) {
  const m = model.messages.value.kiosk.checkIn;
  const { checkIn } = model;
  const code = checkIn.code.value;
  const pending = checkIn.pending.value;
  const refusal = checkIn.refusal.value;
  const invalid =
    refusal !== null &&
    (refusal.code.startsWith("code_") || refusal.code === "unknown_appointment");
  return (
    <section class="check-in" aria-labelledby="check-in-title">
      <div class="start__intro">
        <h1 id="check-in-title" tabIndex={-1} class="start__title">
          {m.title}
        </h1>
        {refusal ? <CheckInRefusal model={model} /> : <p class="start__hint">{m.hint}</p>}
      </div>
      <form
        class="check-in__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.submitCheckIn();
        }}
      >
        <div class="check-in__field">
          <label class="check-in__label" for="booking-code">
            {m.codeLabel}
          </label>
          <div class="check-in__entry">
            <input
              id="booking-code"
              class="check-in__code"
              data-testid="booking-code"
              value={code}
              placeholder={"•".repeat(BOOKING_CODE_LENGTH)}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              aria-invalid={invalid}
              aria-describedby="booking-code-hint"
              onInput={(event) => model.typeCode(event.currentTarget.value)}
            />
            <button
              type="button"
              class="keypad__key keypad__erase"
              aria-label={m.erase}
              title={m.erase}
              data-testid="code-erase"
              onClick={model.eraseCodeKey}
            >
              <EraseIcon />
            </button>
          </div>
          <p id="booking-code-hint" class="check-in__hint">
            {m.codeHint}
          </p>
        </div>
        <fieldset class="keypad">
          <legend class="visually-hidden">{m.keypad}</legend>
          {KEY_ROWS.map((row) => (
            <div key={row[0]} class="keypad__row">
              {row.map((character) => (
                <button
                  key={character}
                  type="button"
                  class="keypad__key"
                  data-testid={`code-key-${character}`}
                  onClick={() => model.pressCodeKey(character)}
                >
                  {character}
                </button>
              ))}
            </div>
          ))}
        </fieldset>
        <div class="check-in__actions">
          <button
            type="button"
            class="button button--secondary"
            data-testid="check-in-back"
            onClick={model.closeCheckIn}
          >
            {m.back}
          </button>
          <button
            type="submit"
            class="button button--primary check-in__submit"
            data-testid="check-in-submit"
            disabled={pending}
            aria-busy={pending}
          >
            {pending ? (
              <>
                <span class="spinner" aria-hidden="true" /> {m.checking}
              </>
            ) : (
              <>
                <CalendarIcon /> {m.submit}
              </>
            )}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Why the code gave no ticket; with a QR code to book again when the office sent a link. */
function CheckInRefusal({ model }: { model: KioskModel }) {
  const refusal = model.checkIn.refusal.value;
  const config = model.config.value;
  if (!refusal || !config) return null;
  const m = model.messages.value;
  return (
    <div
      class="issue-error check-in__refusal"
      role="alert"
      data-testid="check-in-error"
      data-error-code={refusal.code}
    >
      <span class="issue-error__mark" aria-hidden="true">
        !
      </span>
      <p class="issue-error__text">
        {checkInRefusalText(refusal, m, config.timeZone, model.language.value)}
      </p>
      {refusal.rebookQrSvg && (
        <div class="check-in__rebook" data-testid="check-in-rebook">
          {/* Drawn by the qrcode library from the office's own link: no user input. */}
          <div class="qr__image" dangerouslySetInnerHTML={{ __html: refusal.rebookQrSvg }} />
          <p class="qr__caption">{m.kiosk.checkIn.rebook}</p>
        </div>
      )}
    </div>
  );
}

/** Erase to the left, drawn: a font on an old tablet may have no ⌫. */
function EraseIcon() {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M21 5H9l-6 7 6 7h12z" />
      <path d="M12 9l6 6M18 9l-6 6" />
    </svg>
  );
}
