import type { CounterMessages } from "../../shared/i18n/counter";
import type { CounterMode } from "../../shared/protocol/config";

/** A refused or failed action, kept as data so it re-renders in the clerk's language. */
export interface ActionProblem {
  code: string;
  /** The server's own sentence, shown as detail under ours. */
  detail: string | null;
  /** The counter's mode when it happened (counter_cannot_call says which). */
  mode: CounterMode;
}

/** Reads `{ error: { code, message } }` from an API answer, whatever else it holds. */
export function problemFrom(body: unknown, mode: CounterMode): ActionProblem {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return {
    code: typeof error.code === "string" ? error.code : "generic",
    detail: typeof error.message === "string" ? error.message : null,
    mode,
  };
}

/** The clerk-facing sentence for a problem: what happened and what to do. */
export function problemText(problem: ActionProblem, messages: CounterMessages): string {
  const errors: Record<string, string> = messages.counter.errors;
  if (problem.code === "counter_cannot_call") {
    const mode = problem.mode === "front" ? "paused" : problem.mode;
    return errors[`counter_cannot_call_${mode}`] ?? errors.generic!;
  }
  return errors[problem.code] ?? errors.generic!;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
