import { format } from "../../shared/i18n";
import type { CounterModel } from "../model/counter-model";
import { serviceName } from "../model/names";
import { ModeBadge } from "./ModeBadge";

/** The start screen: every counter of the office with its mode and services; one press opens it. */
export function Chooser({ model }: { model: CounterModel }) {
  const state = model.state.value;
  if (!state) return null;
  const lang = model.lang.value;
  const m = model.messages.value.counter;
  const unknown = model.unknownCounterId.value;
  const remembered = model.rememberedId.value;
  return (
    <section class="chooser" aria-labelledby="chooser-title">
      <div class="chooser-intro">
        <h1 id="chooser-title">{m.chooser.title}</h1>
        <p>{m.chooser.hint}</p>
      </div>
      {unknown && (
        <p class="notice notice-warn" role="alert">
          {format(m.chooser.unknownCounter, { counter: unknown })}
        </p>
      )}
      <ul class="chooser-list">
        {state.config.counters.map((counter) => {
          const counterState = state.counters[counter.id];
          const mode = counterState?.mode ?? "closed";
          const holding = counterState?.ticketId ? state.tickets[counterState.ticketId] : undefined;
          return (
            <li key={counter.id}>
              <button
                type="button"
                class={`chooser-card${counter.id === remembered ? " is-remembered" : ""}`}
                data-testid={`choose-${counter.id}`}
                onClick={() => model.chooseCounter(counter.id)}
              >
                <span class="chooser-card-top">
                  <span class="chooser-card-name">{counter.name}</span>
                  <ModeBadge mode={mode} label={m.modes[mode]} />
                </span>
                <span class="chooser-card-services">
                  {counter.serviceIds.map((id) => (
                    <span key={id} class="service-chip">
                      {serviceName(state, id, lang)}
                    </span>
                  ))}
                </span>
                <span class="chooser-card-bottom">
                  {holding && (
                    <span class="chooser-card-holding">
                      {format(m.chooser.holding, { code: holding.code })}
                    </span>
                  )}
                  {counter.id === remembered && (
                    <span class="chooser-card-remembered">{m.chooser.lastUsed}</span>
                  )}
                  <span class="chooser-card-open" aria-hidden="true">
                    {m.chooser.open} →
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
