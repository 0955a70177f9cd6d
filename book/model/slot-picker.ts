import { batch, computed, signal } from "@preact/signals";
import type { SlotOfService } from "../../shared/protocol/appointments";
import { addDays } from "../../shared/protocol/wall-time";
import type { AppointmentsApi } from "./appointments-api";
import {
  type DayRange,
  type OfficeDay,
  type SlotDay,
  slotDays,
  WEEK_DAYS,
  weekFrom,
} from "./calendar-days";

export type WeekState = "loading" | "ready" | "failed";

export interface ShownWeek {
  range: DayRange;
  state: WeekState;
  days: SlotDay[];
}

export interface SlotPickerOptions {
  api: AppointmentsApi;
  officeId: string;
  serviceId: string;
  /** The office's today. */
  today: OfficeDay;
  /** The last bookable day (today + the service's daysAhead). */
  lastDay: OfficeDay;
}

/**
 * Choosing a day, then a time, one week at a time from the slots route:
 * used to book and to move a booking. It opens on the first week with a
 * free time, so nobody pages through empty weeks to find one.
 */
export function createSlotPicker(options: SlotPickerOptions) {
  const { api, officeId, serviceId, today, lastDay } = options;
  const week = signal<ShownWeek>({ range: weekFrom(today, lastDay), state: "loading", days: [] });
  const chosenDay = signal<OfficeDay | null>(null);
  /** No free time at all up to the last bookable day. */
  const nothingFree = signal(false);
  /** Answers to an older request are dropped: the person has moved on to another week. */
  let request = 0;

  const canGoBack = computed(() => week.value.range.from > today);
  const canGoForward = computed(() => week.value.range.to < lastDay);
  const day = computed<SlotDay | null>(
    () => week.value.days.find((shown) => shown.day === chosenDay.value) ?? null,
  );

  async function fetchWeek(range: DayRange): Promise<ShownWeek> {
    const answer = await api.slots(officeId, serviceId, range.from, range.to);
    return answer.kind === "ok"
      ? { range, state: "ready", days: slotDays(answer.value.slots) }
      : { range, state: "failed", days: [] };
  }

  /** Shows the week from `first`; keeps the chosen day if that week still has it. */
  async function show(first: OfficeDay, keepDay: boolean): Promise<void> {
    const mine = ++request;
    const range = weekFrom(first, lastDay);
    const current = week.peek();
    week.value = { range, state: "loading", days: keepDay ? current.days : [] };
    const shown = await fetchWeek(range);
    if (mine !== request) return;
    batch(() => {
      week.value = shown;
      const kept = chosenDay.peek();
      if (!keepDay || !shown.days.some((d) => d.day === kept)) chosenDay.value = null;
    });
  }

  /** The first week with a free time, from today up to the last bookable day. */
  async function open(): Promise<void> {
    const mine = ++request;
    nothingFree.value = false;
    let first = today;
    let firstWeek: ShownWeek | null = null;
    for (;;) {
      const range = weekFrom(first, lastDay);
      week.value = { range, state: "loading", days: [] };
      const shown = await fetchWeek(range);
      if (mine !== request) return;
      firstWeek ??= shown;
      if (shown.state === "failed" || shown.days.some((d) => d.free > 0)) {
        week.value = shown;
        return;
      }
      const next = addDays(first, WEEK_DAYS);
      if (next > lastDay) break;
      first = next;
    }
    batch(() => {
      week.value = firstWeek ?? week.peek();
      nothingFree.value = true;
    });
  }

  return {
    week,
    chosenDay,
    day,
    nothingFree,
    canGoBack,
    canGoForward,
    today,
    lastDay,
    open,
    nextWeek: () =>
      canGoForward.peek() ? show(addDays(week.peek().range.from, WEEK_DAYS), false) : undefined,
    previousWeek: () => {
      if (!canGoBack.peek()) return undefined;
      // A week back, or to today when the shown week did not start on a week's boundary.
      let back = addDays(week.peek().range.from, -WEEK_DAYS);
      if (back < today) back = today;
      return show(back, false);
    },
    chooseDay: (chosen: OfficeDay) => {
      chosenDay.value = chosen;
    },
    clearDay: () => {
      chosenDay.value = null;
    },
    /** Asks again for the shown week (a time was just taken), keeping the chosen day. */
    refresh: () => show(week.peek().range.from, true),
    /** The slot at a start in the shown week, if it is still there. */
    slotAt: (start: number): SlotOfService | null => {
      for (const shown of week.peek().days) {
        const slot = shown.slots.find((s) => s.start === start);
        if (slot) return slot;
      }
      return null;
    },
  };
}

export type SlotPicker = ReturnType<typeof createSlotPicker>;
