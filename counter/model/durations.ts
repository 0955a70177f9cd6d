import { format } from "../../shared/i18n";
import type { CounterMessages } from "../../shared/i18n/counter";

export { formatClock } from "../../shared/client/timer-clock";

/** How long someone has waited, to the minute: "< 1 min", "12 min". */
export function formatWaited(milliseconds: number, messages: CounterMessages): string {
  const minutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return messages.counter.queue.waitedUnderMinute;
  return format(messages.counter.queue.waitedMinutes, { n: minutes });
}
