import { useState } from "preact/hooks";
import { format } from "../../../shared/i18n";
import type { DashboardMessages } from "../../../shared/i18n/dashboard";
import { LATE_ARRIVAL_RULES, type LateArrivalRule } from "../../../shared/protocol/booking";
import {
  addBookingException,
  addBookingWindow,
  type BookingPatch,
  bookingOf,
  changeBookingWindow,
  removeBookingException,
  removeBookingWindow,
  setBookingEnabled,
  updateBooking,
  updateCheckIn,
  type WindowsAt,
  windowsPath,
} from "../../model/booking-form";
import { type ConfigDraft, numberInput, WEEKDAYS } from "../../model/config-form";
import { formatDay } from "../../model/format";
import type { SetupModel } from "../../model/setup-model";
import { Field, FieldError, invalidProps } from "./fields";

interface EditorProps {
  setup: SetupModel;
  draft: ConfigDraft;
  index: number;
  messages: DashboardMessages;
  lang: string;
  serviceName: string;
}

type Service = ConfigDraft["services"][number];

/**
 * A service's booking settings (issue 12, point 1): whether Turno takes its
 * bookings, the slot length, how far ahead and how soon, the check-in
 * window and what late arrivals get, staff's extra seats, the windows of
 * each weekday and the dates with their own. Each field carries its own
 * problems, the schema's or the server's (windows outside the opening hours,
 * more seats than counters), by the path the issues name.
 */
export function BookingEditor(props: EditorProps) {
  const { setup, draft, index, messages, serviceName } = props;
  const m = messages.dashboard.setup.booking;
  const issues = setup.issues.value;
  const service = draft.services[index] as Service;
  const path = `services.${index}.booking`;
  const idFor = (field: string) => `service-${index}-booking-${field}`;
  const testId = (field: string) => `config-service-${index}-${field}`;
  const enabled = service.booking !== undefined;
  const booking = bookingOf(service);
  const common = { issues, messages };
  const numberField = (
    field: string,
    label: string,
    fieldPath: string,
    value: number,
    limits: { min: number; max: number },
    onValue: (value: number) => ConfigDraft,
    hint?: string,
  ) => (
    <Field id={idFor(field)} label={label} path={fieldPath} hint={hint} {...common}>
      <input
        id={idFor(field)}
        type="number"
        inputMode="numeric"
        class="input-number"
        min={limits.min}
        max={limits.max}
        value={Number.isNaN(value) ? "" : value}
        data-testid={testId(field)}
        {...invalidProps(issues, fieldPath)}
        onInput={(e) => setup.edit(onValue(numberInput(e.currentTarget.value)))}
      />
    </Field>
  );
  const set = (patch: BookingPatch) => updateBooking(draft, index, patch);
  return (
    <fieldset class="booking" data-testid={testId("booking")}>
      <legend class="subsection-title">{format(m.heading, { service: serviceName })}</legend>
      <FieldError issues={issues} path={path} messages={messages} />
      <label class="check">
        <input
          type="checkbox"
          checked={enabled}
          data-testid={testId("booking-enabled")}
          onChange={(e) => setup.edit(setBookingEnabled(draft, index, e.currentTarget.checked))}
        />
        {m.enabled}
      </label>
      <p class="field-hint">{m.elsewhere}</p>
      {enabled && (
        <>
          <div class="field-row field-row-top">
            {numberField(
              "slot",
              m.slotMinutes,
              `${path}.slotMinutes`,
              booking.slotMinutes,
              { min: 5, max: 240 },
              (slotMinutes) => set({ slotMinutes }),
              m.slotMinutesHint,
            )}
            {numberField(
              "days-ahead",
              m.daysAhead,
              `${path}.daysAhead`,
              booking.daysAhead,
              { min: 1, max: 180 },
              (daysAhead) => set({ daysAhead }),
            )}
            {numberField(
              "notice",
              m.minNotice,
              `${path}.minNoticeMinutes`,
              booking.minNoticeMinutes,
              { min: 0, max: 10080 },
              (minNoticeMinutes) => set({ minNoticeMinutes }),
              m.minNoticeHint,
            )}
          </div>
          <div class="field-row field-row-top">
            {numberField(
              "early",
              m.earlyMinutes,
              `${path}.checkIn.earlyMinutes`,
              booking.checkIn.earlyMinutes,
              { min: 0, max: 240 },
              (earlyMinutes) => updateCheckIn(draft, index, { earlyMinutes }),
            )}
            {numberField(
              "late",
              m.lateMinutes,
              `${path}.checkIn.lateMinutes`,
              booking.checkIn.lateMinutes,
              { min: 0, max: 120 },
              (lateMinutes) => updateCheckIn(draft, index, { lateMinutes }),
            )}
            <Field
              id={idFor("late-rule")}
              label={m.lateArrivals}
              path={`${path}.lateArrivals`}
              wide
              {...common}
            >
              <select
                id={idFor("late-rule")}
                value={booking.lateArrivals}
                data-testid={testId("late-rule")}
                onChange={(e) =>
                  setup.edit(set({ lateArrivals: e.currentTarget.value as LateArrivalRule }))
                }
              >
                {LATE_ARRIVAL_RULES.map((rule) => (
                  <option key={rule} value={rule}>
                    {m.lateRules[rule]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div class="field-row field-row-top">
            {numberField(
              "staff-extra",
              m.staffExtraSeats,
              `${path}.staffExtraSeats`,
              booking.staffExtraSeats,
              { min: 0, max: 10 },
              (staffExtraSeats) => set({ staffExtraSeats }),
              m.staffExtraSeatsHint,
            )}
            {numberField(
              "per-contact",
              m.maxPerContact,
              `${path}.maxActivePerContact`,
              booking.maxActivePerContact,
              { min: 1, max: 10 },
              (maxActivePerContact) => set({ maxActivePerContact }),
            )}
          </div>
          <h4 class="booking-title" id={idFor("windows-title")}>
            {m.windows}
          </h4>
          <p class="field-hint">{m.windowsHint}</p>
          <table class="data-table hours-table" aria-labelledby={idFor("windows-title")}>
            <tbody>
              {WEEKDAYS.map((day) => (
                <tr key={day} data-testid={testId(`windows-${day}`)}>
                  <th scope="row">{messages.common.weekdays[day]}</th>
                  <td>
                    <WindowList
                      {...props}
                      at={{ day }}
                      dayName={messages.common.weekdays[day]}
                      keyName={day}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Exceptions {...props} exceptions={booking.exceptions} />
        </>
      )}
    </fieldset>
  );
}

/** The windows of a weekday or of one date: from, to and seats each, to add and remove. */
function WindowList({
  setup,
  draft,
  index,
  messages,
  at,
  dayName,
  keyName,
}: EditorProps & { at: WindowsAt; dayName: string; keyName: string }) {
  const m = messages.dashboard.setup.booking;
  const issues = setup.issues.value;
  const listPath = windowsPath(index, at);
  const service = draft.services[index] as Service;
  const booking = bookingOf(service);
  const windows =
    "day" in at ? booking.windows[at.day] : (booking.exceptions[at.exception]?.windows ?? []);
  const testId = (field: string) => `config-service-${index}-window-${keyName}-${field}`;
  return (
    <div class="intervals">
      <FieldError issues={issues} path={listPath} messages={messages} />
      {windows.length === 0 && (
        <span class="muted" data-testid={testId("none")}>
          {"day" in at ? m.noWindows : m.exceptionNone}
        </span>
      )}
      {windows.map((window, windowIndex) => {
        const path = `${listPath}.${windowIndex}`;
        const label = format(m.windowLabel, { day: dayName, number: windowIndex + 1 });
        const id = (field: string) => `booking-${index}-${keyName}-${windowIndex}-${field}`;
        return (
          <fieldset key={windowIndex} class="interval booking-window">
            <legend class="visually-hidden">{label}</legend>
            {(["start", "end"] as const).map((edge) => (
              <span key={edge} class="interval-edge">
                <label for={id(edge)} class="visually-hidden">
                  {`${label}: ${m[edge]}`}
                </label>
                <input
                  id={id(edge)}
                  type="text"
                  inputMode="numeric"
                  class="input-time"
                  placeholder="HH:MM"
                  maxLength={5}
                  value={window[edge]}
                  data-testid={testId(`${windowIndex}-${edge}`)}
                  {...invalidProps(issues, `${path}.${edge}`, [path])}
                  onInput={(e) =>
                    setup.edit(
                      changeBookingWindow(draft, index, at, windowIndex, {
                        [edge]: e.currentTarget.value,
                      }),
                    )
                  }
                />
              </span>
            ))}
            <label for={id("seats")} class="seats-label">
              {m.seats}
            </label>
            <input
              id={id("seats")}
              type="number"
              inputMode="numeric"
              class="input-seats"
              min={1}
              max={20}
              value={Number.isNaN(window.seats) ? "" : window.seats}
              data-testid={testId(`${windowIndex}-seats`)}
              {...invalidProps(issues, `${path}.seats`)}
              onInput={(e) =>
                setup.edit(
                  changeBookingWindow(draft, index, at, windowIndex, {
                    seats: numberInput(e.currentTarget.value),
                  }),
                )
              }
            />
            <button
              type="button"
              class="button-secondary button-small"
              data-testid={testId(`${windowIndex}-remove`)}
              onClick={() => setup.edit(removeBookingWindow(draft, index, at, windowIndex))}
            >
              {m.removeWindow}
              <span class="visually-hidden"> ({label})</span>
            </button>
            <FieldError issues={issues} path={`${path}.start`} messages={messages} />
            <FieldError issues={issues} path={`${path}.end`} messages={messages} />
            <FieldError issues={issues} path={`${path}.seats`} messages={messages} />
            <FieldError issues={issues} path={path} messages={messages} />
          </fieldset>
        );
      })}
      {windows.length < 12 && (
        <button
          type="button"
          class="button-secondary button-small"
          data-testid={testId("add")}
          onClick={() => setup.edit(addBookingWindow(draft, index, at))}
        >
          + {m.addWindow}
          <span class="visually-hidden"> ({dayName})</span>
        </button>
      )}
    </div>
  );
}

/** Dates with their own windows (none: no bookings that day). */
function Exceptions(
  props: EditorProps & { exceptions: readonly { date: string; windows: unknown[] }[] },
) {
  const { setup, draft, index, messages, lang, exceptions } = props;
  const m = messages.dashboard.setup.booking;
  const issues = setup.issues.value;
  const [newDate, setNewDate] = useState("");
  const inputId = `service-${index}-booking-exception-new`;
  return (
    <div class="booking-exceptions">
      <h4 class="booking-title">{m.exceptions}</h4>
      <p class="field-hint">{m.exceptionsHint}</p>
      {exceptions.length === 0 ? (
        <p class="muted">{m.noExceptions}</p>
      ) : (
        <table class="data-table hours-table">
          <tbody>
            {exceptions.map((exception, exceptionIndex) => {
              const path = `services.${index}.booking.exceptions.${exceptionIndex}`;
              const day = formatDay(exception.date, lang, true);
              return (
                <tr
                  key={exception.date}
                  data-testid={`config-service-${index}-exception-${exceptionIndex}`}
                >
                  <th scope="row">
                    {day}
                    <FieldError issues={issues} path={`${path}.date`} messages={messages} />
                    <button
                      type="button"
                      class="button-secondary button-small"
                      data-testid={`config-service-${index}-exception-${exceptionIndex}-remove`}
                      onClick={() =>
                        setup.edit(removeBookingException(draft, index, exceptionIndex))
                      }
                    >
                      {format(m.removeException, { date: day })}
                    </button>
                  </th>
                  <td>
                    <WindowList
                      {...props}
                      at={{ exception: exceptionIndex }}
                      dayName={day}
                      keyName={`x${exceptionIndex}`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div class="inline-form">
        <label for={inputId} class="visually-hidden">
          {m.exceptionDate}
        </label>
        <input
          id={inputId}
          type="date"
          value={newDate}
          data-testid={`config-service-${index}-exception-input`}
          onInput={(e) => setNewDate(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button-secondary"
          data-testid={`config-service-${index}-exception-add`}
          disabled={!/^\d{4}-\d{2}-\d{2}$/.test(newDate)}
          onClick={() => {
            setup.edit(addBookingException(draft, index, newDate));
            setNewDate("");
          }}
        >
          {m.addException}
        </button>
      </div>
    </div>
  );
}
