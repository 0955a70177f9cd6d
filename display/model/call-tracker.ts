import { callKey, type DisplayCall } from "./display-data";

/**
 * How a list of recent calls reached the screen:
 * - "live": folded from events as they happened: every new call is announced;
 * - "catch-up": a snapshot after a reconnect, or a poll: calls it has not seen
 *   are shown, but only the fresh ones are announced (a call made two minutes
 *   ago while the screen was offline would only confuse the room).
 */
export type CallSource = "live" | "catch-up";

/** A missed call still worth announcing when the screen catches up. */
export const CATCH_UP_FRESH_MS = 30_000;

// The display's loops use forEach: ES5 lowering turns each for…of into ~250 bytes of iterator code.

/**
 * Remembers which calls (ticket + recall count) the screen has already
 * shown, and says which ones are new. The first list it sees (page load) is
 * history: nothing in it is announced.
 */
export class CallTracker {
  private seen: Record<string, true> | null = null;

  get primed(): boolean {
    return this.seen !== null;
  }

  /** Returns the calls to announce, oldest first. */
  update(calls: readonly DisplayCall[], source: CallSource, serverNow: number): DisplayCall[] {
    const previous = this.seen;
    const next: Record<string, true> = {};
    const fresh: DisplayCall[] = [];
    calls.forEach((call) => {
      const key = callKey(call);
      next[key] = true;
      const isNew = previous !== null && !previous[key];
      if (isNew && (source === "live" || serverNow - call.at <= CATCH_UP_FRESH_MS))
        fresh.push(call);
    });
    // Only the calls still listed can come back; a recall has a new key anyway.
    this.seen = next;
    return fresh.reverse();
  }
}
