import { callKey, earlierCalls } from "../model/display-data";
import type { DisplayModel } from "../model/display-model";
import { SecondLanguage } from "./second-language";

/** The calls before the latest one, each with its counter; the list shows as many as fit (CSS). */
export function RecentCalls({ model }: { model: DisplayModel }) {
  const m = model.messages.value.display;
  const second = model.secondMessages.value?.display;
  const calls = earlierCalls(model.data.value);
  const highlighted = model.highlighted.value.split(" ");
  return (
    <section class="recent" aria-labelledby="recent-title">
      <h2 class="label" id="recent-title">
        {m.recentCalls}
        <SecondLanguage lang={model.secondLang.value} text={second?.recentCalls} />
      </h2>
      <ol class="recent-list" data-testid="recent-calls">
        {calls.map((call) => (
          <li
            key={call.ticketId}
            class={`recent-row${highlighted.indexOf(callKey(call)) >= 0 ? " is-fresh" : ""}`}
          >
            <span class="recent-code">{call.code}</span>
            <span class="recent-counter">{call.counterName}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
