import { format } from "../../shared/i18n";
import { CalendarIcon, CheckIcon } from "../../shared/ui/icons";
import { nameIn } from "../model/booking-office";
import type { Confirmation as Booked, BookingPageModel } from "../model/booking-page-model";
import { slotClock } from "../model/calendar-days";
import { longDay } from "../model/when-text";
import { BookingCode, BookingFacts } from "./BookingCode";
import { StepHeading } from "./StepHeading";

/** The booking made: its code and QR code at once, when, and the links to manage it and add it to a calendar. */
export function Confirmation({ model, booked }: { model: BookingPageModel; booked: Booked }) {
  const m = model.messages.value;
  const c = m.book.confirmation;
  const lang = model.language.value;
  const appointment = booked.booked.appointment;
  const when = format(m.book.details.when, {
    day: longDay(appointment.startLocal.slice(0, 10), lang),
    time: slotClock(appointment),
  });
  return (
    <>
      <section class="card booking" aria-labelledby="step-title" data-testid="confirmation">
        <p class="note note--ok" role="status">
          <CheckIcon /> {c.title}
        </p>
        <StepHeading takeFocus>{nameIn(booked.service.names, lang)}</StepHeading>
        <BookingCode code={appointment.code} qrSvg={booked.qrSvg} messages={m} />
        <p class="hint">{c.atTheOffice}</p>
        <BookingFacts facts={[{ label: c.when, value: when, testId: "booking-when" }]} />
      </section>
      <section class="card">
        <p class="hint">{c.manageHint}</p>
        <div class="actions">
          <a
            class="button button--primary"
            href={booked.booked.manageUrl}
            data-testid="manage-link"
          >
            {c.manage}
          </a>
          <a
            class="button button--secondary"
            href={booked.booked.calendarUrl}
            data-testid="calendar-link"
          >
            <CalendarIcon /> {c.calendar}
          </a>
          <button
            type="button"
            class="button button--back"
            data-testid="book-another"
            onClick={model.bookAnother}
          >
            {c.another}
          </button>
        </div>
      </section>
    </>
  );
}
