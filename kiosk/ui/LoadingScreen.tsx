import type { KioskModel } from "../model/kiosk-model";

export function LoadingScreen({ model }: { model: KioskModel }) {
  return (
    <section class="loading" aria-busy="true">
      <p role="status">
        <span class="spinner spinner--large" aria-hidden="true" />
        <span class="loading__text">{model.messages.value.kiosk.loading}</span>
      </p>
    </section>
  );
}
