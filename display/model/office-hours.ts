import { format } from "../../shared/i18n";
import type { DisplayMessages } from "../../shared/i18n/display";
import type { DisplayData } from "./display-data";
import { addDays, officeWallClock, type WallClock } from "./office-time";

export interface HoursLine {
  open: boolean;
  /** "Aperto · Oggi 08:00–18:30", "Chiuso · riapre lunedì alle 08:00". */
  text: string;
}

type Interval = { open: string; close: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function intervalsOn(data: DisplayData, clock: WallClock): Interval[] {
  if (data.closedDates.indexOf(clock.isoDay) >= 0) return [];
  return data.openingHours[clock.weekday] ?? [];
}

/**
 * Today's opening hours, and whether the office is open now (the same rule
 * as the engine's isOpen, computed without formatToParts for old TVs).
 */
export function hoursLine(
  data: DisplayData,
  instant: number,
  messages: DisplayMessages,
): HoursLine {
  const m = messages.display;
  const today = officeWallClock(instant, data.timeZone);
  const now = today.hour * 60 + today.minute;
  const intervals = intervalsOn(data, today);
  const todayText = intervals.length
    ? format(m.hoursToday, { hours: intervals.map((i) => `${i.open}–${i.close}`).join(", ") })
    : m.closedToday;
  const open = intervals.some((i) => now >= minutesOf(i.open) && now < minutesOf(i.close));
  if (open) return { open, text: `${m.openNow} · ${todayText}` };
  if (intervals.some((i) => minutesOf(i.open) > now))
    return { open, text: `${m.closedNow} · ${todayText}` };
  for (let days = 1; days <= 14; days++) {
    const first = intervalsOn(data, addDays(today, days))[0];
    if (!first) continue;
    const day = days === 1 ? m.tomorrow : m.onWeekday[addDays(today, days).weekday];
    const reopens = format(m.reopens, { day, time: first.open });
    return {
      open,
      text: intervals.length ? `${m.closedNow} · ${reopens}` : `${todayText} · ${reopens}`,
    };
  }
  return { open, text: intervals.length ? m.closedNow : todayText };
}
