import type { DisplayModel } from "../model/display-model";

/** Office name, date and clock (the office's time zone, the server's clock). */
export function TopBar({ model }: { model: DisplayModel }) {
  const data = model.data.value;
  return (
    <header class="top-bar">
      <h1 class="office-name">{data?.officeName ?? ""}</h1>
      <div class="time">
        <span class="date">{model.date.value}</span>
        <span class="clock" data-testid="clock">
          {model.clock.value}
        </span>
      </div>
    </header>
  );
}
