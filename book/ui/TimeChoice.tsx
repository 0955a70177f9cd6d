import type { BookMessages } from "../../shared/i18n/book";
import type { SlotDay } from "../model/calendar-days";
import { slotClock } from "../model/calendar-days";

/** The times of one day as large buttons; a full time is shown, struck through, and cannot be chosen. */
export function TimeChoice(props: {
  day: SlotDay;
  messages: BookMessages;
  onChoose: (start: number) => void;
}) {
  const m = props.messages.book.time;
  return (
    <>
      <ul class="times" data-testid="times">
        {props.day.slots.map((slot) => {
          const clock = slotClock(slot);
          const full = slot.seatsLeft <= 0;
          return (
            <li key={slot.start}>
              <button
                type="button"
                class="time"
                data-testid={`time-${clock}`}
                data-full={full}
                disabled={full}
                onClick={() => props.onChoose(slot.start)}
              >
                <span class="time__clock">{clock}</span>
                {/* Read as "09:00, full": the name says what the eye sees. */}
                {full && (
                  <>
                    <span class="visually-hidden">, </span>
                    <span class="time__full">{m.full}</span>
                  </>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <p class="hint">{m.officeTime}</p>
    </>
  );
}
