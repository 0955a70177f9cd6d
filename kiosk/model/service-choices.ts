import { summarizeServices } from "../../shared/engine/estimate";
import type { ServiceConfig } from "../../shared/protocol/config";
import type { OfficeState } from "../../shared/protocol/state";

/**
 * What a tap on a service can do: issue a number ("walk-in"), explain how to
 * book ("appointment"), or nothing, said on the button: the service is off
 * ("unavailable") or a supervisor ended its tickets for the rest of the day
 * ("finished-today"; reopened at midnight). Checked in the engine's order.
 */
export type ServiceAvailability = "walk-in" | "appointment" | "unavailable" | "finished-today";

export interface ServiceChoice {
  service: ServiceConfig;
  availability: ServiceAvailability;
  waiting: number;
  estimatedWaitSeconds: number | null;
}

/**
 * One button per service of the office, in the office's order: none is
 * hidden, citizens need to know. The wait is for someone taking a number at
 * `now`: an appointment checked in early is ahead only if it falls due before
 * their turn.
 */
export function serviceChoices(state: OfficeState, now: number): ServiceChoice[] {
  const summaries = new Map(summarizeServices(state, now).map((s) => [s.serviceId, s]));
  const finished = new Set(state.closedForToday);
  return state.config.services.map((service) => ({
    service,
    availability: !service.open
      ? "unavailable"
      : service.mode === "appointment"
        ? "appointment"
        : finished.has(service.id)
          ? "finished-today"
          : "walk-in",
    waiting: summaries.get(service.id)?.waiting ?? 0,
    estimatedWaitSeconds: summaries.get(service.id)?.estimatedWaitSeconds ?? null,
  }));
}

/** Whether tapping the service does something (issues a number or explains how to book). */
export const isTappable = (choice: ServiceChoice): boolean =>
  choice.availability === "walk-in" || choice.availability === "appointment";

/** Lower case, without accents or punctuation, spaces collapsed: "Su appuntamento" ~ "(su  appuntamento)". */
function plainWords(text: string): string {
  return ` ${text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    // Spaces and punctuation, listed: Chromium 64 knows no \p{…} classes in regular expressions.
    .replace(/[\s.,;:!?()[\]{}"'«»“”‘’/\\|\-–—_·]+/g, " ")
    .trim()} `;
}

/**
 * Whether a service's button needs the "By appointment" badge: not when its
 * name already says so ("Edilizia (su appuntamento)"), which would say it twice.
 * The name is shown as the office wrote it, never cut.
 */
export function needsBadge(name: string, badge: string): boolean {
  const words = plainWords(badge);
  return words.trim() === "" || !plainWords(name).includes(words);
}
