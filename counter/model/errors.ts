import { readErrorBody } from "../../shared/client/error-body";
import type { CounterMessages } from "../../shared/i18n/counter";
import type { CounterMode } from "../../shared/protocol/config";

/** A refused or failed action, kept as data so it re-renders in the clerk's language. */
export interface ActionProblem {
  code: string;
  /** The server's own sentence (in English), shown only when the console has no words of its own. */
  detail: string | null;
  /** The counter's mode when it happened (counter_cannot_call says which). */
  mode: CounterMode;
}

/**
 * Every code a counter's command can be answered with (the engine's refusals
 * for counter commands, the API's and the socket's own), plus the console's
 * own refusals: each has its sentence in every language.
 */
export const COUNTER_PROBLEM_CODES = [
  "queue_empty",
  "kept_for_appointment",
  "counter_cannot_call",
  "counter_busy",
  "no_current_ticket",
  "ticket_not_waiting",
  "ticket_not_called",
  "invalid_transfer",
  "ticket_reserved",
  "office_not_configured",
  "office_closed",
  "service_closed",
  "service_finished_today",
  "unknown_office",
  "unknown_ticket",
  "unknown_counter",
  "unknown_service",
  "invalid_request",
  "forbidden",
  "needs_supervisor",
  "no_appointment_services",
  "not_signed_in",
  "offline",
  "timeout",
] as const;

/** Reads `{ error: { code, message } }` from an API answer, whatever else it holds. */
export function problemFrom(body: unknown, mode: CounterMode): ActionProblem {
  const error = readErrorBody(body);
  return { code: error?.code ?? "generic", detail: error?.message ?? null, mode };
}

/**
 * Information, not a fault: nobody waiting is the office's good news, and a
 * desk kept free for an appointment about to fall due is the call order at
 * work (shared/engine/routing.ts); both are shown calmly. Everything else the
 * clerk must read as a refusal.
 */
const INFO_CODES: readonly string[] = ["queue_empty", "kept_for_appointment"];

export function problemTone(problem: ActionProblem): "info" | "error" {
  return INFO_CODES.includes(problem.code) ? "info" : "error";
}

/**
 * The clerk-facing sentence for a problem: what happened and what to do. A
 * paused or closed counter points at the same button as the panel's notice
 * (Resume for whoever may press it, a supervisor for a clerk).
 */
export function problemText(
  problem: ActionProblem,
  messages: CounterMessages,
  canChangeMode = true,
): string {
  const errors: Record<string, string> = messages.counter.errors;
  if (problem.code === "counter_cannot_call") {
    const mode = problem.mode === "front" ? "paused" : problem.mode;
    const key = `counter_cannot_call_${mode}${canChangeMode ? "" : "_clerk"}`;
    return errors[key] ?? errors.generic!;
  }
  return errors[problem.code] ?? errors.generic!;
}

/**
 * The server's sentence, only where it adds something: for a code the
 * console has no words for. Otherwise it repeats ours, in English, under an
 * Italian screen.
 */
export function problemDetail(problem: ActionProblem, messages: CounterMessages): string | null {
  if (!problem.detail) return null;
  if (problem.code === "counter_cannot_call") return null;
  const errors: Record<string, string> = messages.counter.errors;
  return problem.code in errors && problem.code !== "generic" ? null : problem.detail;
}
