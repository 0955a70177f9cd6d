import type { CheckInRefusal } from "../../shared/client/appointment-answers";
import { format } from "../../shared/i18n";
import type { CounterMessages } from "../../shared/i18n/counter";
import type { OfficeState } from "../../shared/protocol/state";
import type { CounterCheckInResult } from "./appointment-check-in";
import { officeClockTime } from "./appointment-marker";
import { serviceName } from "./names";

/** What the check-in dialog says after a check-in, and how loudly. */
export interface CheckInResultText {
  /** ok: a ticket for the appointment; warn: a ticket, but late or a walk-in instead; error: none. */
  tone: "ok" | "warn" | "error";
  text: string;
}

/** The console's words for a refused check-in (never the server's English). */
export function checkInRefusalText(
  refusal: Pick<CheckInRefusal, "code" | "opensAt">,
  messages: CounterMessages,
  timeZone: string,
): string {
  const m = messages.counter.checkIn.errors;
  if (refusal.code === "check_in_too_early") {
    return refusal.opensAt === null
      ? m.check_in_too_early_no_time
      : format(m.check_in_too_early, { time: officeClockTime(refusal.opensAt, timeZone) });
  }
  const known: Record<string, string> = m;
  return known[refusal.code] ?? m.generic;
}

/** The result of the last check-in as the clerk reads it. */
export function checkInResultText(
  result: CounterCheckInResult,
  state: OfficeState,
  messages: CounterMessages,
  lang: string,
): CheckInResultText {
  const m = messages.counter.checkIn;
  const timeZone = state.config.timeZone;
  switch (result.kind) {
    case "checked-in": {
      const values = {
        code: result.ticketCode,
        service: serviceName(state, result.serviceId, lang),
        time: officeClockTime(result.slotStart, timeZone),
      };
      return result.late
        ? { tone: "warn", text: format(m.doneLate, values) }
        : { tone: "ok", text: format(m.done, values) };
    }
    case "walk-in-instead":
      return {
        tone: "warn",
        text: format(m.walkInInstead, {
          code: result.ticketCode,
          service: serviceName(state, result.serviceId, lang),
          time: result.slotStart === null ? "—" : officeClockTime(result.slotStart, timeZone),
        }),
      };
    case "refused":
      return { tone: "error", text: checkInRefusalText(result.refusal, messages, timeZone) };
    case "unreachable":
      return { tone: "error", text: m.errors.unreachable };
    default: {
      const unknown: never = result;
      return unknown;
    }
  }
}
