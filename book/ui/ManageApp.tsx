import { format } from "../../shared/i18n";
import { CalendarIcon } from "../../shared/ui/icons";
import { nameIn } from "../model/booking-office";
import { officeClock } from "../model/calendar-days";
import type { ManagePageModel } from "../model/manage-page-model";
import { BookingCode, BookingFacts } from "./BookingCode";
import { whenText } from "./booking-when";
import { CancelQuestion } from "./CancelQuestion";
import { CheckInPanel } from "./CheckInPanel";
import { Message } from "./Message";
import { MoveFlow } from "./MoveFlow";
import { PageFrame } from "./PageFrame";
import { RefusalNote } from "./RefusalNote";
import { StepHeading } from "./StepHeading";

function Booking({ model }: { model: ManagePageModel }) {
  const m = model.messages.value;
  const g = m.book.manage;
  const held = model.held.value;
  const appointment = model.appointment.value;
  if (!held || !appointment) return null;
  const status = appointment.status;
  const ended = status === "cancelled" || status === "missed";
  const lang = model.language.value;
  const serviceName = model.service.value ? nameIn(model.service.value.names, lang) : "";
  const zone = model.office.value?.timeZone;
  const contact = held.appointment.contact?.email ?? held.appointment.contact?.phone ?? null;
  const facts = [
    { label: m.book.confirmation.when, value: whenText(model), testId: "booking-when" },
    ...(held.appointment.name
      ? [{ label: g.bookedFor, value: held.appointment.name, testId: "booked-for" }]
      : []),
    ...(contact ? [{ label: g.contact, value: contact }] : []),
    ...(held.appointment.reason ? [{ label: g.reason, value: held.appointment.reason }] : []),
  ];
  return (
    <section
      class={`card booking${ended ? " booking--ended" : ""}`}
      aria-labelledby="step-title"
      data-testid="booking"
    >
      <p
        class={`booking__status booking__status--${status}`}
        data-testid="booking-status"
        data-status={status}
      >
        {g.status[status]}
      </p>
      <StepHeading takeFocus={false}>{serviceName || g.title}</StepHeading>
      <BookingCode
        code={appointment.code}
        qrSvg={status === "booked" ? model.qr.value : null}
        messages={m}
      />
      <BookingFacts facts={facts} />
      {status === "booked" && zone && (
        <p class="hint" data-testid="check-in-window">
          {format(g.checkInWindow, {
            from: officeClock(held.checkIn.opensAt, zone),
            until: officeClock(held.checkIn.closesAt, zone),
          })}
        </p>
      )}
      {status === "cancelled" &&
        (held.cancelledBy === "office" ? (
          // The office cancelled it after a change of its setup (issue 12, point 7): say so, and why.
          <div class="note" data-testid="cancelled-by-office">
            <p>{g.cancelledByOffice}</p>
            {held.cancelReason && <p>{g.officeReasons[held.cancelReason]}</p>}
          </div>
        ) : (
          <p class="note">{g.cancelled}</p>
        ))}
      {status === "missed" && <p class="note">{g.missed}</p>}
    </section>
  );
}

function Actions({ model }: { model: ManagePageModel }) {
  const m = model.messages.value;
  const g = m.book.manage;
  const held = model.held.value;
  if (!held) return null;
  const status = model.appointment.value?.status;
  const ended = status === "cancelled" || status === "missed";
  const moveRefusal = model.moveRefusal.value;
  const cancelRefusal = model.cancelRefusal.value;
  return (
    <section class="card actions" data-testid="manage-actions">
      {model.moved.value && (
        <p class="note note--ok" role="status" data-testid="moved">
          {g.moved}
        </p>
      )}
      <RefusalNote text={moveRefusal ? m.book.refusals[moveRefusal] : null} />
      <RefusalNote text={cancelRefusal ? m.book.refusals[cancelRefusal] : null} />
      {model.movable.value && (
        <button
          type="button"
          class="button button--secondary"
          data-testid="move"
          onClick={() => void model.startMove()}
        >
          {g.move}
        </button>
      )}
      <a class="button button--secondary" href={held.calendarUrl} data-testid="calendar-link">
        <CalendarIcon /> {m.book.confirmation.calendar}
      </a>
      {model.changeable.value && (
        <button
          type="button"
          class="button button--quiet"
          data-testid="cancel"
          onClick={model.askToCancel}
        >
          {g.cancel}
        </button>
      )}
      {ended && model.target && (
        <a
          class="button button--primary"
          href={held.rebookUrl ?? `/book/?office=${encodeURIComponent(model.target.officeId)}`}
          data-testid="book-again"
        >
          {g.bookAgain}
        </a>
      )}
    </section>
  );
}

/** The manage page: /a/{office}/{token}. The token is in the address and the requests, never on screen. */
export function ManageApp({ model }: { model: ManagePageModel }) {
  const m = model.messages.value.book;
  const load = model.load.value;
  const task = model.task.value;
  return (
    <PageFrame
      officeName={model.office.value?.name ?? null}
      appName={m.manage.title}
      languages={model.languages.value}
      language={model.language.value}
      languageLabel={m.language}
      onChooseLanguage={model.chooseLanguage}
    >
      {load === "loading" ? (
        <Message title={m.loading} busy />
      ) : load === "invalid" ? (
        <Message title={m.manage.invalid.title} text={m.manage.invalid.hint} />
      ) : load === "unreachable" ? (
        <Message
          title={m.manage.title}
          text={m.unreachable}
          action={{ label: m.retry, onClick: () => void model.start() }}
        />
      ) : task === "move" ? (
        <MoveFlow model={model} />
      ) : task === "cancel" ? (
        <CancelQuestion model={model} />
      ) : (
        <>
          {/* First when it shows anything: at the office, "I'm here" and the number matter most. */}
          <CheckInPanel model={model} />
          <Booking model={model} />
          <Actions model={model} />
        </>
      )}
    </PageFrame>
  );
}
