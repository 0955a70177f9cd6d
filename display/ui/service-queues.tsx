import type { DisplayModel } from "../model/display-model";
import { queueTexts } from "../model/queue-texts";
import { SecondLanguage } from "./second-language";

/**
 * People waiting and the estimated wait for each walk-in service, with its ticket
 * letter; under the name the wait and, when a supervisor ended them, "tickets for
 * today are finished". Names wrap, never cut: when the rows do not all fit at the
 * screen's minimum type size (display/README.md), queue-pages.ts shows them a page
 * at a time, and the heading says which page ("1/2").
 */
export function ServiceQueues({ model }: { model: DisplayModel }) {
  const messages = model.messages.value;
  const lang = model.lang.value;
  const second = model.secondMessages.value?.display;
  const services = model.data.value?.services ?? [];
  const hours = model.hours.value;
  const officeOpen = hours ? hours.open : true;
  return (
    <section class="queues" aria-labelledby="queues-title">
      <h2 class="label" id="queues-title">
        {messages.display.queues}
        <SecondLanguage lang={model.secondLang.value} text={second?.queues} />
        <span class="queue-page" data-testid="queue-page" aria-hidden="true" />
      </h2>
      <ul class="queue-list" data-testid="service-queues">
        {services.map((service) => {
          const texts = queueTexts(service, messages, lang, officeOpen);
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
                <span class="queue-detail">
                  {texts.wait && <span class="queue-wait">{texts.wait}</span>}
                  {texts.finished && (
                    <span class="queue-finished" data-testid={`service-${service.id}-finished`}>
                      {texts.finished}
                    </span>
                  )}
                </span>
              </span>
              {texts.showCount && (
                // The heading says "In attesa": the row keeps its width for the service's name.
                <span class="queue-count">{service.waiting}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
