import type { DisplayModel } from "../model/display-model";
import { InfoLine } from "./info-line";
import { LatestCall } from "./latest-call";
import { RecentCalls } from "./recent-calls";
import { ServiceQueues } from "./service-queues";
import { SoundSettingsPanel } from "./sound-settings-panel";
import { TopBar } from "./top-bar";

/** The waiting-room screen. Layout (landscape 16:9 or portrait 9:16) is all in display.css. */
export function DisplayApp({ model }: { model: DisplayModel }) {
  const data = model.data.value;
  if (!data) return <Waiting model={model} />;
  return (
    // A notice makes the bottom line taller: the calls give it the room (display.css).
    <div class={`screen${data.notice ? " has-notice" : ""}`}>
      <TopBar model={model} />
      <main class="calls">
        <LatestCall model={model} />
        <RecentCalls model={model} />
      </main>
      <ServiceQueues model={model} />
      <InfoLine model={model} />
      <SoundSettingsPanel model={model} />
    </div>
  );
}

/** Before the first picture of the office arrives (or when the address names no office). */
function Waiting({ model }: { model: DisplayModel }) {
  const m = model.messages.value.display;
  return (
    <div class="screen is-waiting">
      <p class="waiting-text" role="status">
        {model.officeUnknown.value ? m.officeUnknown : m.connecting}
      </p>
    </div>
  );
}
