import { BellIcon } from "../../shared/ui/icons";
import type { TicketPageModel } from "../model/ticket-page-model";

/** Offers a notification for the call; permission is asked only when the person presses the button. */
export function NotifyControl({ model }: { model: TicketPageModel }) {
  const m = model.messages.value.ticket.notify;
  switch (model.permission.value) {
    case "unsupported":
      return null;
    case "default":
      return (
        <button
          type="button"
          class="button button--secondary"
          data-testid="enable-notifications"
          onClick={() => void model.enableNotifications()}
        >
          <BellIcon /> {m.enable}
        </button>
      );
    case "granted":
      return (
        <p class="notice notice--ok">
          <BellIcon /> {m.enabled}
        </p>
      );
    case "denied":
      return <p class="notice">{m.denied}</p>;
    case "insecure":
      // Plain http on the office network: browsers allow no notifications there, so none is promised.
      return (
        <p class="notice" data-testid="notifications-insecure">
          {m.insecure}
        </p>
      );
  }
}
