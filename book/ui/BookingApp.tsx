import { format } from "../../shared/i18n";
import { nameIn } from "../model/booking-office";
import type { BookingPageModel } from "../model/booking-page-model";
import { NUMBERED_STEPS } from "../model/booking-page-model";
import { slotClock } from "../model/calendar-days";
import { longDay } from "../model/when-text";
import { Confirmation } from "./Confirmation";
import { DayChoice } from "./DayChoice";
import { DetailsForm } from "./DetailsForm";
import { Message } from "./Message";
import { PageFrame } from "./PageFrame";
import { RefusalNote } from "./RefusalNote";
import { ServiceChoice } from "./ServiceChoice";
import { StaffBanner } from "./StaffBanner";
import { StepHeading } from "./StepHeading";
import { TimeChoice } from "./TimeChoice";

/** One step of the booking at a time, with its number, what was chosen so far, and "Back". */
function Step({ model }: { model: BookingPageModel }) {
  const m = model.messages.value;
  const b = m.book;
  const lang = model.language.value;
  const step = model.step.value;
  const service = model.service.value;
  const picker = model.picker.value;
  const slot = model.slot.value;
  const number = NUMBERED_STEPS.indexOf(step) + 1;
  const chosenDay = picker?.chosenDay.value ?? null;
  const refusal = model.refusal.value;
  const title =
    step === "service"
      ? b.service.title
      : step === "day"
        ? b.day.title
        : step === "time"
          ? b.time.title
          : model.booker.value.kind === "staff"
            ? b.staff.detailsTitle
            : b.details.title;
  const chosen = [
    service && number > 1 ? nameIn(service.names, lang) : null,
    chosenDay && number > 2
      ? slot
        ? format(b.details.when, { day: longDay(chosenDay, lang), time: slotClock(slot) })
        : longDay(chosenDay, lang)
      : null,
  ].filter((part): part is string => !!part);
  return (
    <section class="card" aria-labelledby="step-title" data-testid={`step-${step}`}>
      {number > 1 && (
        <button type="button" class="button button--back" data-testid="back" onClick={model.back}>
          <span aria-hidden="true">‹ </span>
          {b.back}
        </button>
      )}
      <div class="step__top">
        <p class="step__count">{format(b.step, { n: number, total: NUMBERED_STEPS.length })}</p>
        {/* A new key per step: the heading mounts again and takes the focus. */}
        <StepHeading key={step} takeFocus={number > 1}>
          {title}
        </StepHeading>
        {chosen.length > 0 && (
          <p class="step__chosen" data-testid="chosen-so-far">
            <strong>{chosen.join(" · ")}</strong>
          </p>
        )}
      </div>
      {step !== "details" && <RefusalNote text={refusal ? b.refusals[refusal] : null} />}
      {step === "service" && (
        <ServiceChoice
          services={model.services.value}
          messages={m}
          lang={lang}
          onChoose={(id) => void model.chooseService(id)}
        />
      )}
      {step === "day" && picker && service && (
        <DayChoice
          picker={picker}
          messages={m}
          lang={lang}
          daysAhead={service.daysAhead}
          onChoose={model.chooseDay}
        />
      )}
      {step === "time" && picker?.day.value && (
        <TimeChoice day={picker.day.value} messages={m} onChoose={model.chooseSlot} />
      )}
      {step === "details" && <DetailsForm model={model} />}
    </section>
  );
}

/** The public booking page: /book/?office=… */
export function BookingApp({ model }: { model: BookingPageModel }) {
  const m = model.messages.value.book;
  const step = model.step.value;
  const booked = model.confirmation.value;
  return (
    <PageFrame
      officeName={model.office.value?.name ?? null}
      appName={m.appName}
      languages={model.languages.value}
      language={model.language.value}
      languageLabel={m.language}
      onChooseLanguage={model.chooseLanguage}
    >
      {step === "loading" ? (
        <Message title={m.loading} busy />
      ) : step === "unknown-office" ? (
        <Message title={m.officeUnknown.title} text={m.officeUnknown.hint} />
      ) : step === "unreachable" ? (
        <Message
          title={m.appName}
          text={m.unreachable}
          action={{ label: m.retry, onClick: () => void model.start() }}
        />
      ) : (
        <>
          <StaffBanner booker={model.booker.value} messages={model.messages.value} />
          {step === "done" && booked ? (
            <Confirmation model={model} booked={booked} />
          ) : (
            <Step model={model} />
          )}
        </>
      )}
    </PageFrame>
  );
}
