/** One limit: at most `max` in each `windowMs`, counted where `kept` says. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
  /**
   * "memory": the object's memory, for windows of a minute (a restart starts
   * a fresh window: at most one more minute's worth). "storage": the office's
   * SQLite, for a window long enough that an eviction would reset it.
   */
  kept: "memory" | "storage";
}

/** How long until a spent limit has room again, or null while it has room. */
export type Wait = number | null;

/** Where limits are counted: check all first, then take from all, so a refusal takes nothing. */
export interface LimitCounter {
  wait(limit: Limit, now: number): Wait;
  take(limit: Limit, now: number): void;
}

/** At most this many keys in memory: past it the oldest window is forgotten first. */
export const MAX_MEMORY_KEYS = 10_000;

/**
 * Fixed-window counters in the office object's memory, O(1) a request and
 * bounded. The object is the only place an office's tickets are issued, so a
 * limit holds across every edge location. A Map keeps insertion order, and a
 * key is inserted again when its window restarts, so the oldest windows come
 * first: each new key first drops the expired ones at the front, then, if
 * the map is still full, the oldest (forgetting a count only loosens one
 * caller's limit for the rest of one minute).
 */
export class MemoryLimits implements LimitCounter {
  private readonly windows = new Map<string, { start: number; count: number; end: number }>();

  constructor(private readonly maxKeys = MAX_MEMORY_KEYS) {}

  get size(): number {
    return this.windows.size;
  }

  wait(limit: Limit, now: number): Wait {
    const window = this.windows.get(limit.key);
    if (!window || now >= window.end || window.count < limit.max) return null;
    return window.end - now;
  }

  take(limit: Limit, now: number): void {
    const window = this.windows.get(limit.key);
    if (window && now < window.end) {
      window.count++;
      return;
    }
    if (window) this.windows.delete(limit.key);
    this.makeRoom(now);
    this.windows.set(limit.key, { start: now, count: 1, end: now + limit.windowMs });
  }

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.end > now && this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
