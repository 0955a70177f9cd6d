import type { ComponentChildren } from "preact";
import { format, formatWait } from "../../shared/i18n";
import { CalendarIcon, ServiceIcon } from "../../shared/ui/icons";
import type { KioskModel, ServiceChoice } from "../model/kiosk-model";
import { isTappable, needsBadge } from "../model/service-choices";
import { serviceName, waitingLabel } from "./format";

/**
 * A service: its icon and name, and below it either the queue right now,
 * "by appointment" (tapping explains how to book) or why it is unavailable
 * (off, or tickets for today finished: shown, never hidden).
 */
export function ServiceButton({ model, choice }: { model: KioskModel; choice: ServiceChoice }) {
  const { service, availability } = choice;
  const lang = model.language.value;
  const m = model.messages.value.kiosk.start;
  const pending = model.pendingServiceId.value === service.id;
  const tappable = isTappable(choice);
  const name = serviceName(service, lang);
  const kind =
    availability === "walk-in"
      ? "walk-in"
      : availability === "appointment"
        ? "appointment"
        : availability === "finished-today"
          ? "unavailable service--finished"
          : "unavailable";

  let badge: ComponentChildren = null;
  let detail: ComponentChildren;
  if (pending) {
    detail = (
      <span class="service__detail">
        <span class="spinner" aria-hidden="true" /> {m.issuing}
      </span>
    );
  } else if (availability === "unavailable") {
    badge = <span class="service__badge service__badge--off">{m.notAvailable}</span>;
    detail = <span class="service__detail service__detail--muted">{m.notAvailableReason}</span>;
  } else if (availability === "finished-today") {
    badge = (
      <span
        class="service__badge service__badge--finished"
        data-testid={`service-${service.id}-finished`}
      >
        {m.finishedToday}
      </span>
    );
    detail = <span class="service__detail service__detail--muted">{m.finishedTodayReason}</span>;
  } else if (availability === "appointment") {
    // Said once: a name such as "Edilizia (su appuntamento)" needs no badge repeating it.
    detail = needsBadge(name, m.byAppointment) && (
      <span class="service__badge">
        <CalendarIcon /> {m.byAppointment}
      </span>
    );
  } else {
    const wait = choice.estimatedWaitSeconds;
    detail = (
      <span class="service__detail">
        {waitingLabel(choice.waiting, model.messages.value)}
        {choice.waiting > 0 && wait !== null && wait >= 60
          ? ` · ${format(m.waitAbout, { wait: formatWait(wait, lang) })}`
          : ""}
      </span>
    );
  }

  return (
    <button
      type="button"
      class={`service service--${kind}${pending ? " service--pending" : ""}`}
      data-testid={`service-${service.id}`}
      data-availability={availability}
      disabled={!tappable || model.busy.value}
      aria-busy={pending}
      aria-haspopup={availability === "appointment" ? "dialog" : undefined}
      onClick={() => void model.tapService(service.id)}
    >
      <span class="service__icon">
        <ServiceIcon serviceId={service.id} />
      </span>
      <span class="service__text">
        <span class="service__name">{name}</span>
        {badge}
        {detail}
      </span>
    </button>
  );
}
