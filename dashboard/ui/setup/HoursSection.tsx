import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import {
  addClosedDate,
  addInterval,
  changeInterval,
  removeClosedDate,
  removeInterval,
  WEEKDAYS,
} from "../../model/config-form";
import { formatDay } from "../../model/format";
import { FieldError, invalidProps } from "./fields";
import type { SectionProps } from "./OfficeSection";

/** Opening hours per weekday (up to four intervals each) and the closed dates. */
export function HoursSection({ app, setup, draft }: SectionProps) {
  const messages = app.messages.value;
  const m = messages.dashboard.setup.hours;
  const lang = app.lang.value;
  const issues = setup.issues.value;
  const [newDate, setNewDate] = useState("");
  const hours = (draft.openingHours ?? {}) as Record<string, { open: string; close: string }[]>;
  const closedDates = draft.closedDates ?? [];
  return (
    <fieldset class="panel setup-section" data-testid="setup-hours">
      <legend class="section-title">{messages.dashboard.setup.sections.hours}</legend>
      <table class="data-table hours-table">
        <tbody>
          {WEEKDAYS.map((day) => {
            const intervals = hours[day] ?? [];
            return (
              <tr key={day} data-testid={`config-hours-${day}`}>
                <th scope="row">{messages.common.weekdays[day]}</th>
                <td>
                  <div class="intervals">
                    {intervals.length === 0 && <span class="muted">{m.closed}</span>}
                    {intervals.map((interval, index) => {
                      const path = `openingHours.${day}.${index}`;
                      return (
                        <div key={index} class="interval">
                          {(["open", "close"] as const).map((edge) => {
                            const id = `hours-${day}-${index}-${edge}`;
                            return (
                              <span key={edge} class="interval-edge">
                                <label for={id} class="visually-hidden">
                                  {`${messages.common.weekdays[day]} ${m[edge]}`}
                                </label>
                                <input
                                  id={id}
                                  type="text"
                                  inputMode="numeric"
                                  class="input-time"
                                  placeholder="HH:MM"
                                  value={interval[edge]}
                                  maxLength={5}
                                  data-testid={`config-hours-${day}-${index}-${edge}`}
                                  {...invalidProps(issues, `${path}.${edge}`, [path])}
                                  onInput={(e) =>
                                    setup.edit(
                                      changeInterval(
                                        draft,
                                        day,
                                        index,
                                        edge,
                                        e.currentTarget.value,
                                      ),
                                    )
                                  }
                                />
                              </span>
                            );
                          })}
                          <button
                            type="button"
                            class="button-secondary button-small"
                            data-testid={`config-hours-${day}-${index}-remove`}
                            onClick={() => setup.edit(removeInterval(draft, day, index))}
                          >
                            {m.removeInterval}
                          </button>
                          <FieldError issues={issues} path={`${path}.open`} messages={messages} />
                          <FieldError issues={issues} path={`${path}.close`} messages={messages} />
                          <FieldError issues={issues} path={path} messages={messages} />
                        </div>
                      );
                    })}
                    {intervals.length < 4 && (
                      <button
                        type="button"
                        class="button-secondary button-small"
                        data-testid={`config-hours-${day}-add`}
                        onClick={() => setup.edit(addInterval(draft, day))}
                      >
                        + {m.addInterval}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 class="subsection-title">{m.closedDates}</h3>
      {closedDates.length === 0 ? (
        <p class="muted">{m.noDates}</p>
      ) : (
        <ul class="chips" data-testid="config-closed-dates">
          {closedDates.map((date, index) => (
            <li key={date} class="chip">
              {formatDay(date, lang, true)}
              <button
                type="button"
                class="chip-remove"
                aria-label={format(m.removeDate, { date: formatDay(date, lang, true) })}
                onClick={() => setup.edit(removeClosedDate(draft, date))}
              >
                ×
              </button>
              <FieldError issues={issues} path={`closedDates.${index}`} messages={messages} />
            </li>
          ))}
        </ul>
      )}
      <div class="inline-form">
        <label for="closed-date-new" class="visually-hidden">
          {m.closedDates}
        </label>
        <input
          id="closed-date-new"
          type="date"
          value={newDate}
          data-testid="config-closed-date-input"
          onInput={(e) => setNewDate(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button-secondary"
          data-testid="config-closed-date-add"
          disabled={!/^\d{4}-\d{2}-\d{2}$/.test(newDate)}
          onClick={() => {
            setup.edit(addClosedDate(draft, newDate));
            setNewDate("");
          }}
        >
          {m.addDate}
        </button>
      </div>
    </fieldset>
  );
}
