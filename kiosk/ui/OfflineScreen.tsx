import { OfflineIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";

/** The queue cannot be reached: no number is offered at all, rather than a made-up one. */
export function OfflineScreen({ model }: { model: KioskModel }) {
  const m = model.messages.value.kiosk.offline;
  return (
    <section class="offline" data-testid="kiosk-offline" aria-labelledby="offline-title">
      <span class="offline__icon">
        <OfflineIcon />
      </span>
      <h1 id="offline-title" tabIndex={-1} class="offline__title">
        {m.title}
      </h1>
      <p class="offline__hint">{m.hint}</p>
      <p class="offline__retrying" role="status">
        <span class="spinner" aria-hidden="true" /> {m.retrying}
      </p>
    </section>
  );
}
