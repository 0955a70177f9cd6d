import type { BookMessages } from "../../shared/i18n/book";
import { ServiceIcon } from "../../shared/ui/icons";
import type { BookableService } from "../model/booking-office";
import { nameIn } from "../model/booking-office";

/** The services this office books online, one large button each. */
export function ServiceChoice(props: {
  services: readonly BookableService[];
  messages: BookMessages;
  lang: string;
  onChoose: (serviceId: string) => void;
}) {
  if (props.services.length === 0) {
    return (
      <p class="note" role="status" data-testid="no-services">
        {props.messages.book.service.none}
      </p>
    );
  }
  return (
    <ul class="choices" data-testid="services">
      {props.services.map((service) => (
        <li key={service.id}>
          <button
            type="button"
            class="choice"
            data-testid={`service-${service.id}`}
            onClick={() => props.onChoose(service.id)}
          >
            <ServiceIcon serviceId={service.id} />
            <span class="choice__main">{nameIn(service.names, props.lang)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
