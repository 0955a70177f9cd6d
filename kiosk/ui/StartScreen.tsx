import { CalendarIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";
import { IssueError } from "./IssueError";
import { PriorityToggle } from "./PriorityToggle";
import { ServiceButton } from "./ServiceButton";

/** The way in for people who booked: their code instead of a service. */
function CheckInEntry({ model }: { model: KioskModel }) {
  const m = model.messages.value.kiosk.checkIn;
  return (
    <button
      type="button"
      class="check-in-entry"
      data-testid="check-in-entry"
      disabled={model.busy.value}
      onClick={model.openCheckIn}
    >
      <span class="check-in-entry__icon">
        <CalendarIcon />
      </span>
      <span class="check-in-entry__text">
        <span class="check-in-entry__label">{m.entry}</span>
        <span class="check-in-entry__hint">{m.entryHint}</span>
      </span>
    </button>
  );
}

/** The service menu: the priority option first, then one large button per service, and any refusal. */
export function StartScreen({ model }: { model: KioskModel }) {
  const m = model.messages.value.kiosk.start;
  const services = model.services.value;
  return (
    <section class="start" aria-labelledby="start-title">
      <div class="start__intro">
        <h1 id="start-title" tabIndex={-1} class="start__title">
          {m.title}
        </h1>
        {/* A refusal takes the hint's place, so the menu below does not move. */}
        {model.error.value ? <IssueError model={model} /> : <p class="start__hint">{m.hint}</p>}
      </div>
      {/*
        Before the services, not after them: a tap on a service issues the number at once,
        so the option must be seen before the choice it changes.
      */}
      <div class="start__options">
        <PriorityToggle model={model} />
        {model.offersCheckIn.value && <CheckInEntry model={model} />}
      </div>
      <ul
        class={`services services--${services.length > 4 ? "many" : "few"}${services.length > 8 ? " services--crowded" : ""}`}
      >
        {services.map((choice) => (
          <li key={choice.service.id}>
            <ServiceButton model={model} choice={choice} />
          </li>
        ))}
      </ul>
    </section>
  );
}
