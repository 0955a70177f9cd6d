import type { DisplayModel } from "../display-model";
import { queueTexts } from "../queue-texts";
import { SecondLanguage } from "./second-language";

/**
 * People waiting and the estimated wait for each walk-in service, with its ticket
 * letter; under the name, when a supervisor ended them, "tickets for today are finished".
 */
export function ServiceQueues({ model }: { model: DisplayModel }) {
  const messages = model.messages.value;
  const lang = model.lang.value;
  const second = model.secondMessages.value?.display;
  const services = model.data.value?.services ?? [];
  return (
    <section
      class={`queues${services.length > 6 ? " is-compact" : ""}`}
      aria-labelledby="queues-title"
    >
      <h2 class="label" id="queues-title">
        {messages.display.queues}
        <SecondLanguage lang={model.secondLang.value} text={second?.queues} />
      </h2>
      <ul class="queue-list" data-testid="service-queues">
        {services.map((service) => {
          const texts = queueTexts(service, messages, lang);
          return (
            <li
              key={service.id}
              class={`queue${texts.finished ? " is-finished" : ""}`}
              data-testid={`service-${service.id}`}
            >
              <span class="queue-letter" aria-hidden="true">
                {service.prefix}
              </span>
              <span class="queue-title">
                <span class="queue-name">{service.names[lang] ?? service.id}</span>
                {texts.finished && (
                  <span class="queue-finished" data-testid={`service-${service.id}-finished`}>
                    {texts.finished}
                  </span>
                )}
              </span>
              <span class="queue-count">{service.waiting}</span>
              <span class="queue-detail">
                <span class="queue-count-label">{messages.common.waiting}</span>
                <span class="queue-wait">{texts.wait}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
