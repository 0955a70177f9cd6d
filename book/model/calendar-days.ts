import { localTime } from "../../shared/engine/clock";
import type { SlotOfService } from "../../shared/protocol/appointments";
import { addDays, clockTime } from "../../shared/protocol/wall-time";

/*
 * Days and times on the office's own calendar, whatever the phone's zone:
 * a person in another zone books 10:20 in Scandicci, not 10:20 where they are.
 */

/** "YYYY-MM-DD": the office's date. */
export type OfficeDay = string;

/** Days shown at a time; the slots route is asked one week at a time. */
export const WEEK_DAYS = 7;

/** The office's today at an instant. */
export function officeToday(now: number, timeZone: string): OfficeDay {
  return localTime(now, timeZone).day;
}

/** "10:20": an instant on the office's wall clock. */
export function officeClock(instant: number, timeZone: string): string {
  return clockTime(localTime(instant, timeZone).minutes);
}

export interface DayRange {
  from: OfficeDay;
  to: OfficeDay;
}

/** The week from `first`, cut at the last bookable day. */
export function weekFrom(first: OfficeDay, lastDay: OfficeDay): DayRange {
  const end = addDays(first, WEEK_DAYS - 1);
  return { from: first, to: end < lastDay ? end : lastDay };
}

export interface SlotDay {
  day: OfficeDay;
  slots: SlotOfService[];
  /** Starts with a seat left: 0 shows the day as full. */
  free: number;
}

/** The slots of a range grouped by their office-local day, in order; days without slots are left out. */
export function slotDays(slots: readonly SlotOfService[]): SlotDay[] {
  const byDay = new Map<OfficeDay, SlotOfService[]>();
  for (const slot of [...slots].sort((a, b) => a.start - b.start)) {
    const day = slot.startLocal.slice(0, 10);
    const list = byDay.get(day) ?? [];
    list.push(slot);
    byDay.set(day, list);
  }
  return [...byDay.entries()].map(([day, list]) => ({
    day,
    slots: list,
    free: list.filter((slot) => slot.seatsLeft > 0).length,
  }));
}

/** "10:20" of a slot's office-local start. */
export function slotClock(slot: { startLocal: string }): string {
  return slot.startLocal.slice(11, 16);
}

/** The day after a date: personal details are kept until then. */
export function dayAfter(day: OfficeDay): OfficeDay {
  return addDays(day, 1);
}
