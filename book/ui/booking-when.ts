import { format } from "../../shared/i18n";
import { slotClock } from "../model/calendar-days";
import type { ManagePageModel } from "../model/manage-page-model";
import { longDay } from "../model/when-text";

/** "martedì 15 dicembre 2026 alle 10:20": the held booking's start, in the page's language. */
export function whenText(model: ManagePageModel): string {
  const appointment = model.appointment.value;
  if (!appointment) return "";
  return format(model.messages.value.book.details.when, {
    day: longDay(appointment.startLocal.slice(0, 10), model.language.value),
    time: slotClock(appointment),
  });
}
