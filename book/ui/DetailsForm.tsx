import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { format } from "../../shared/i18n";
import type { BookMessages } from "../../shared/i18n/book";
import {
  type ContactKind,
  type DetailsProblem,
  NAME_MAX,
  REASON_MAX,
} from "../model/booking-details";
import type { BookingPageModel } from "../model/booking-page-model";
import { dayAfter } from "../model/calendar-days";
import { longDay } from "../model/when-text";
import { RefusalNote } from "./RefusalNote";

function problemText(problem: DetailsProblem | undefined, m: BookMessages): string | null {
  if (!problem) return null;
  const max = problem === "reason_too_long" ? REASON_MAX : NAME_MAX;
  return format(m.book.details.problems[problem], { max });
}

/** Name, one contact, an optional reason, what is kept and until when, and the "Book" button. */
export function DetailsForm({ model }: { model: BookingPageModel }) {
  const m = model.messages.value;
  const d = m.book.details;
  const details = model.details.value;
  const slot = model.slot.value;
  const shown = model.showProblems.value;
  const problems = shown ? model.problems.value : {};
  const sending = model.sending.value;
  const form = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  // After a refused "Book", the first field to fix gets the focus (its problem is read with it),
  // in the same commit as the problem's text: a layout effect, not one a frame later.
  const firstProblem = problems.name
    ? "name"
    : problems.contact
      ? "contact"
      : problems.reason
        ? "reason"
        : null;
  useLayoutEffect(() => {
    if (firstProblem && attempt > 0) {
      form.current?.querySelector<HTMLElement>(`#book-${firstProblem}`)?.focus();
    }
  }, [attempt]);

  if (!slot) return null;
  const day = slot.startLocal.slice(0, 10);
  const nameProblem = problemText(problems.name, m);
  const contactProblem = problemText(problems.contact, m);
  const reasonProblem = problemText(problems.reason, m);
  const kind = details.contactKind;
  const left = Math.max(0, REASON_MAX - details.reason.length);
  const refusal = model.refusal.value;

  const chooseKind = (contactKind: ContactKind) => model.editDetails({ contactKind });
  const contactProps = {
    id: "book-contact",
    name: kind,
    autoCapitalize: "none",
    spellcheck: false,
    maxLength: 254,
    value: details.contact,
    "aria-invalid": !!contactProblem,
    "aria-describedby": `book-contact-hint${contactProblem ? " book-contact-problem" : ""}`,
    "data-testid": "book-contact",
    onInput: (event: { currentTarget: HTMLInputElement }) =>
      model.editDetails({ contact: event.currentTarget.value }),
  } as const;

  return (
    <form
      ref={form}
      class="actions"
      noValidate
      data-testid="details-form"
      aria-busy={sending}
      onSubmit={(event) => {
        event.preventDefault();
        setAttempt((count) => count + 1);
        void model.submit();
      }}
    >
      <div class="field">
        <label for="book-name">{d.name}</label>
        <input
          id="book-name"
          name="name"
          type="text"
          autoComplete="name"
          maxLength={NAME_MAX + 20}
          value={details.name}
          aria-invalid={!!nameProblem}
          aria-describedby={nameProblem ? "book-name-problem" : undefined}
          data-testid="book-name"
          onInput={(event) => model.editDetails({ name: event.currentTarget.value })}
        />
        {nameProblem && (
          <p id="book-name-problem" class="field__problem">
            {nameProblem}
          </p>
        )}
      </div>
      <fieldset class="field">
        <legend>
          {model.booker.value.kind === "staff" ? m.book.staff.contactKind : d.contactKind}
        </legend>
        <div class="segmented">
          {(["email", "phone"] as const).map((option) => (
            <label key={option} class="segmented__option">
              <input
                type="radio"
                name="contact-kind"
                value={option}
                checked={kind === option}
                data-testid={`contact-${option}`}
                onChange={() => chooseKind(option)}
              />
              {option === "email" ? d.email : d.phone}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="book-contact">{kind === "email" ? d.emailLabel : d.phoneLabel}</label>
        {/* The same element either way (Preact only changes its attributes), so focus and text stay. */}
        {kind === "email" ? (
          <input type="email" inputMode="email" autoComplete="email" {...contactProps} />
        ) : (
          <input type="tel" inputMode="tel" autoComplete="tel" {...contactProps} />
        )}
        <p id="book-contact-hint" class="field__hint">
          {kind === "email" ? d.emailHint : d.phoneHint}
        </p>
        {contactProblem && (
          <p id="book-contact-problem" class="field__problem">
            {contactProblem}
          </p>
        )}
      </div>
      <div class="field">
        <label for="book-reason">{d.reason}</label>
        <textarea
          id="book-reason"
          name="reason"
          maxLength={REASON_MAX}
          rows={3}
          value={details.reason}
          aria-invalid={!!reasonProblem}
          aria-describedby={`book-reason-left${reasonProblem ? " book-reason-problem" : ""}`}
          data-testid="book-reason"
          onInput={(event) => model.editDetails({ reason: event.currentTarget.value })}
        />
        <p id="book-reason-left" class="field__hint">
          {format(d.reasonLeft, { left })}
        </p>
        {reasonProblem && (
          <p id="book-reason-problem" class="field__problem">
            {reasonProblem}
          </p>
        )}
      </div>
      <p class="privacy" data-testid="privacy">
        {format(d.privacy, { day: longDay(dayAfter(day), model.language.value) })}
      </p>
      <RefusalNote text={refusal ? m.book.refusals[refusal] : null} />
      <button
        type="submit"
        class="button button--primary"
        data-testid="book-submit"
        disabled={sending}
      >
        {sending ? d.booking : d.book}
      </button>
    </form>
  );
}
