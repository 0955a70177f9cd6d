import { format } from "../../shared/i18n";
import type { BookMessages } from "../../shared/i18n/book";
import { CalendarIcon } from "../../shared/ui/icons";
import type { SlotPicker } from "../model/slot-picker";
import { longDay, shortDay } from "../model/when-text";

/** A week of days with their free times, and the way to the weeks before and after. */
export function DayChoice(props: {
  picker: SlotPicker;
  messages: BookMessages;
  lang: string;
  daysAhead: number;
  onChoose: (day: string) => void;
}) {
  const { picker, lang } = props;
  const m = props.messages.book.day;
  const week = picker.week.value;
  const range = format(m.week, {
    from: shortDay(week.range.from, lang),
    to: shortDay(week.range.to, lang),
  });
  const anyFree = week.days.some((day) => day.free > 0);
  return (
    <>
      <p class="week__range" aria-live="polite" data-testid="week-range">
        {range}
      </p>
      {week.state === "loading" ? (
        <p class="hint" role="status">
          {m.searching}
        </p>
      ) : week.state === "failed" ? (
        <p class="note note--problem" role="alert">
          {m.failed}
        </p>
      ) : picker.nothingFree.value ? (
        <p class="note" role="status" data-testid="nothing-free">
          {format(m.noneAhead, { n: props.daysAhead })}
        </p>
      ) : (
        <>
          {!anyFree && (
            <p class="note" role="status">
              {m.noneThisWeek}
            </p>
          )}
          <ul class="choices" data-testid="days">
            {week.days.map((day) => (
              <li key={day.day}>
                <button
                  type="button"
                  class="choice"
                  data-testid={`day-${day.day}`}
                  disabled={day.free === 0}
                  onClick={() => props.onChoose(day.day)}
                >
                  <CalendarIcon />
                  <span class="choice__main">{longDay(day.day, lang)}</span>
                  <span class="choice__note">
                    {day.free === 0
                      ? m.full
                      : day.free === 1
                        ? m.freeOne
                        : format(m.freeMany, { n: day.free })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {week.state === "failed" && (
        <button
          type="button"
          class="button button--secondary"
          onClick={() => void picker.refresh()}
        >
          {props.messages.book.retry}
        </button>
      )}
      <nav class="week" aria-label={range}>
        <button
          type="button"
          class="week__button"
          data-testid="previous-week"
          disabled={!picker.canGoBack.value || week.state === "loading"}
          onClick={() => void picker.previousWeek()}
        >
          <span aria-hidden="true">‹ </span>
          {m.previousWeek}
        </button>
        <button
          type="button"
          class="week__button"
          data-testid="next-week"
          disabled={!picker.canGoForward.value || week.state === "loading"}
          onClick={() => void picker.nextWeek()}
        >
          {m.nextWeek}
          <span aria-hidden="true"> ›</span>
        </button>
      </nav>
    </>
  );
}
