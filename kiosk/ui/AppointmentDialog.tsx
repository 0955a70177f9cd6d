import { useEffect, useRef } from "preact/hooks";
import { CalendarIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";
import { serviceName } from "./format";

/**
 * Tapping an appointment-only service explains how to book instead of
 * issuing a number (at the counter or by phone: true everywhere), and leads
 * whoever has booked to the check-in.
 */
export function AppointmentDialog({ model }: { model: KioskModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const serviceId = model.appointmentServiceId.value;
  const service = model.config.value?.services.find((s) => s.id === serviceId);

  // A modal <dialog> traps focus and closes on Escape by itself.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (service && !element.open) element.showModal();
    if (!service && element.open) element.close();
  }, [service]);

  // A tap on the dimmed backdrop (the dialog element itself, outside its body) closes it too;
  // keyboard users have Escape and the button.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onBackdrop = (event: MouseEvent) => {
      if (event.target === element) model.closeAppointmentInfo();
    };
    element.addEventListener("click", onBackdrop);
    return () => element.removeEventListener("click", onBackdrop);
  }, [model]);

  const m = model.messages.value.kiosk.appointment;
  const name = serviceName(service, model.language.value);
  return (
    <dialog
      ref={dialog}
      class="appointment"
      data-testid="appointment-info"
      aria-labelledby="appointment-title"
      onClose={model.closeAppointmentInfo}
    >
      {service && (
        <div class="appointment__body">
          <span class="appointment__icon">
            <CalendarIcon />
          </span>
          <p class="appointment__service">{name}</p>
          <h2 id="appointment-title" class="appointment__title">
            {m.title}
          </h2>
          <p class="appointment__lead">{m.body}</p>
          <p>{m.howToBook}</p>
          <p>{m.alreadyBooked}</p>
          <button
            type="button"
            class="button button--secondary appointment__close"
            data-testid="appointment-check-in"
            onClick={model.openCheckIn}
          >
            <CalendarIcon /> {m.checkIn}
          </button>
          <button
            type="button"
            class="button button--primary appointment__close"
            onClick={model.closeAppointmentInfo}
          >
            {m.close}
          </button>
        </div>
      )}
    </dialog>
  );
}
