import { format, formatWait } from "../../shared/i18n";
import type { DisplayMessages } from "../../shared/i18n/display";
import type { DisplayService } from "./display-data";

/** What one queue line says beside its count: the wait, and whether today's tickets are finished. */
export interface QueueTexts {
  /** False when the office is closed now: no count, no estimate, as if no one could be served. */
  showCount: boolean;
  wait: string;
  /** "Tickets for today are finished" (null: tickets are still issued, or the service is closed anyway). */
  finished: string | null;
}

export function queueTexts(
  service: DisplayService,
  messages: DisplayMessages,
  lang: string,
  officeOpen = true,
): QueueTexts {
  const m = messages.display;
  // Closed (the day, the hours or the service): nothing reads as if it were open.
  if (!officeOpen || !service.open)
    return { showCount: false, wait: messages.common.closed, finished: null };
  // Those already waiting are still served: their estimate stays beside the notice.
  const finished = service.finishedToday ? m.finishedToday : null;
  if (service.waiting === 0) return { showCount: true, wait: finished ? "" : m.noWait, finished };
  if (service.estimatedWaitSeconds === null)
    return { showCount: true, wait: m.noCounterOpen, finished };
  return {
    showCount: true,
    wait: format(m.aboutWait, { wait: formatWait(service.estimatedWaitSeconds, lang) }),
    finished,
  };
}

/**
 * The notice's type size: the longer the text, the smaller, so that up to 280
 * characters fit the bottom line in at most three lines.
 */
export function noticeSize(text: string): "is-short" | "is-medium" | "is-long" {
  if (text.length <= 80) return "is-short";
  return text.length <= 160 ? "is-medium" : "is-long";
}
