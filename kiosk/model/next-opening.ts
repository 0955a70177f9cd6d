import { localTime } from "../../shared/engine/clock";
import { type OfficeConfig, WEEKDAYS, type Weekday } from "../../shared/protocol/config";

export interface NextOpening {
  /** 0 = later today, 1 = tomorrow, … */
  inDays: number;
  weekday: Weekday;
  /** The local date, YYYY-MM-DD. */
  day: string;
  open: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** When the office opens next after `instant`, looking two weeks ahead (null: not within them). */
export function nextOpening(config: OfficeConfig, instant: number): NextOpening | null {
  const now = localTime(instant, config.timeZone);
  const todayIndex = WEEKDAYS.indexOf(now.weekday);
  for (let inDays = 0; inDays < 15; inDays++) {
    const day = addDays(now.day, inDays);
    if (config.closedDates.includes(day)) continue;
    const weekday = WEEKDAYS[(todayIndex + inDays) % 7] ?? "mon";
    const interval = config.openingHours[weekday]
      .slice()
      .sort((a, b) => toMinutes(a.open) - toMinutes(b.open))
      .find((i) => inDays > 0 || toMinutes(i.open) > now.minutes);
    if (interval) return { inDays, weekday, day, open: interval.open };
  }
  return null;
}

/** Closed dates after today, soonest first (today's closure shows in the week's hours). */
export function upcomingClosedDates(config: OfficeConfig, instant: number, limit = 4): string[] {
  const today = localTime(instant, config.timeZone).day;
  return config.closedDates
    .filter((day) => day > today)
    .sort()
    .slice(0, limit);
}
