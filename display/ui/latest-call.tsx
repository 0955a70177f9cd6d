import { callKey, nowCalling } from "../model/display-data";
import type { DisplayModel } from "../model/display-model";
import { ArrowIcon } from "./arrow-icon";
import { SecondLanguage } from "./second-language";

/**
 * The latest call, as large as the screen allows: ticket code, then where to
 * go. Highlighted for HIGHLIGHT_MS after it arrives; a new call replaces it
 * and it moves into the recent calls.
 */
export function LatestCall({ model }: { model: DisplayModel }) {
  const m = model.messages.value.display;
  const second = model.secondMessages.value?.display;
  const call = nowCalling(model.data.value);
  const fresh = call ? model.highlighted.value.split(" ").indexOf(callKey(call)) >= 0 : false;
  return (
    <section
      class={`latest-call${fresh ? " is-fresh" : ""}${call ? "" : " is-empty"}`}
      data-testid="latest-call"
      aria-live="polite"
      aria-atomic="true"
    >
      <h2 class="label">
        {call ? m.nowCalling : m.welcome}
        <SecondLanguage
          lang={model.secondLang.value}
          text={call ? second?.nowCalling : second?.welcome}
        />
      </h2>
      {call ? (
        // Keyed by call, so a new call (or a recall) restarts the arrival animation.
        <div class="latest-body" key={callKey(call)}>
          <div class="latest-code" data-testid="latest-call-code">
            {call.code}
          </div>
          <div class="latest-counter">
            <ArrowIcon />
            <span class="latest-counter-name" data-testid="latest-call-counter">
              {call.counterName}
            </span>
          </div>
        </div>
      ) : (
        <div class="latest-body">
          <p class="welcome-text">{m.takeNumber}</p>
          <SecondLanguage lang={model.secondLang.value} text={second?.takeNumber} />
        </div>
      )}
    </section>
  );
}
