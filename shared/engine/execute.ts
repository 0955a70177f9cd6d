import type { Command } from "../protocol/commands";
import type { OfficeEvent } from "../protocol/events";
import type { OfficeState } from "../protocol/state";
import { decide } from "./decide";
import type { EngineError } from "./errors";
import { evolve } from "./evolve";

export interface Execution {
  state: OfficeState | null;
  /** Everything that happened, including a day rollover that came first. Persist these even when `error` is set. */
  events: OfficeEvent[];
  error: EngineError | null;
}

/**
 * Runs one command: first the day rollover if the office's local day has
 * changed (so numbering restarts even if the midnight alarm is late), then
 * the command itself. Updates `state` in place.
 */
export function execute(state: OfficeState | null, command: Command, now: number): Execution {
  const events: OfficeEvent[] = [];
  let current = state;
  if (current && command.type !== "rollover") {
    const rollover = decide(current, { type: "rollover" }, now);
    if (rollover.ok) {
      for (const event of rollover.events) current = evolve(current, event);
      events.push(...rollover.events);
    }
  }
  const decision = decide(current, command, now);
  if (!decision.ok) return { state: current, events, error: decision.error };
  for (const event of decision.events) current = evolve(current, event);
  events.push(...decision.events);
  return { state: current, events, error: null };
}
