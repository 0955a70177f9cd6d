import { format, formatWait } from "../../shared/i18n";
import type { DisplayMessages } from "../../shared/i18n/display";
import type { DisplayService } from "../display-data";
import type { DisplayModel } from "../display-model";
import { SecondLanguage } from "./second-language";

/** People waiting and the estimated wait for each walk-in service, with its ticket letter. */
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
        {services.map((service) => (
          <li key={service.id} class="queue" data-testid={`service-${service.id}`}>
            <span class="queue-letter" aria-hidden="true">
              {service.prefix}
            </span>
            <span class="queue-name">{service.names[lang] ?? service.id}</span>
            <span class="queue-count">{service.waiting}</span>
            <span class="queue-detail">
              <span class="queue-count-label">{messages.common.waiting}</span>
              <span class="queue-wait">{waitText(service, messages, lang)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function waitText(service: DisplayService, messages: DisplayMessages, lang: string): string {
  if (!service.open) return messages.common.closed;
  if (service.waiting === 0) return messages.display.noWait;
  if (service.estimatedWaitSeconds === null) return messages.display.noCounterOpen;
  return format(messages.display.aboutWait, {
    wait: formatWait(service.estimatedWaitSeconds, lang),
  });
}
