import { format } from "../../shared/i18n";
import type { CounterMessages } from "../../shared/i18n/counter";

/** A running timer: "4:07", "1:02:09". Never negative (clocks differ by a few ms). */
export function formatClock(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  if (hours === 0) return `${minutes}:${ss}`;
  return `${hours}:${String(minutes).padStart(2, "0")}:${ss}`;
}

/** How long someone has waited, to the minute: "< 1 min", "12 min". */
export function formatWaited(milliseconds: number, messages: CounterMessages): string {
  const minutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return messages.counter.queue.waitedUnderMinute;
  return format(messages.counter.queue.waitedMinutes, { n: minutes });
}
