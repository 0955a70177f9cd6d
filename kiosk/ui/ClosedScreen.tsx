import { localTime } from "../../shared/engine/clock";
import { format } from "../../shared/i18n";
import { WEEKDAYS } from "../../shared/protocol/config";
import { ClockIcon } from "../../shared/ui/icons";
import type { KioskModel } from "../model/kiosk-model";
import { nextOpening, upcomingClosedDates } from "../model/next-opening";
import { clockTime, longDate } from "./format";

/** Outside opening hours: no numbers, but when we open again and the week's hours. */
export function ClosedScreen({ model }: { model: KioskModel }) {
  const config = model.config.value;
  if (!config) return null;
  const lang = model.language.value;
  const messages = model.messages.value;
  const m = messages.kiosk.closed;
  const now = model.now.value;
  const today = localTime(now, config.timeZone);
  const next = nextOpening(config, now);
  const closedDates = upcomingClosedDates(config, now);

  let reopening = "";
  if (next) {
    const values = { time: next.open, day: longDate(next.day, lang) };
    const template =
      next.inDays === 0 ? m.opensToday : next.inDays === 1 ? m.opensTomorrow : m.opensOn;
    reopening = format(template, values);
  }

  return (
    <section class="closed" data-testid="kiosk-closed" aria-labelledby="closed-title">
      <div class="closed__message">
        <span class="closed__icon">
          <ClockIcon />
        </span>
        <h1 id="closed-title" tabIndex={-1} class="closed__title">
          {m.title}
        </h1>
        {reopening && <p class="closed__reopening">{reopening}</p>}
        <p class="closed__hint">{m.hint}</p>
      </div>
      <div class="closed__hours">
        <table class="hours">
          <caption class="hours__caption">{m.hours}</caption>
          <tbody>
            {WEEKDAYS.map((weekday) => {
              const isToday = weekday === today.weekday;
              const intervals =
                isToday && config.closedDates.includes(today.day)
                  ? []
                  : config.openingHours[weekday];
              return (
                <tr key={weekday} class={isToday ? "hours__row hours__row--today" : "hours__row"}>
                  <th scope="row">
                    {messages.common.weekdays[weekday]}
                    {isToday && <span class="tag tag--today">{m.today}</span>}
                  </th>
                  <td>
                    {intervals.length === 0
                      ? m.closedDay
                      : intervals.map((i) => `${i.open}–${i.close}`).join(", ")}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {closedDates.length > 0 && (
          <div class="closed__dates">
            <h2 class="closed__dates-title">{m.closedDates}</h2>
            <ul>
              {closedDates.map((day) => (
                <li key={day}>{longDate(day, lang)}</li>
              ))}
            </ul>
          </div>
        )}
        <p class="visually-hidden">{clockTime(now, config.timeZone, lang)}</p>
      </div>
    </section>
  );
}
