/** One limit: at most `max` in each `windowMs`. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

const MAX_KEYS = 10_000;

/**
 * Fixed-window counters in the office object's memory. The object is the
 * only place an office's tickets are issued, so a limit holds across every
 * edge location. Kept in memory rather than SQLite: two row writes per ticket
 * cut issuing by a third, and a limit only matters during a burst, which
 * keeps the object awake (a restart merely starts a fresh window).
 */
export class RateLimits {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Takes one from every limit, or none if any is spent; returns how long to wait then. */
  take(limits: Limit[], now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const current = limits.map((limit) => {
      const window = this.windows.get(limit.key);
      return window && now < window.start + limit.windowMs
        ? { limit, start: window.start, count: window.count }
        : { limit, start: now, count: 0 };
    });
    const spent = current.filter((entry) => entry.count >= entry.limit.max);
    if (spent.length > 0) {
      const wait = Math.max(...spent.map((entry) => entry.start + entry.limit.windowMs - now));
      return { ok: false, retryAfterMs: Math.max(1000, wait) };
    }
    if (this.windows.size > MAX_KEYS) this.forgetBefore(now - 60 * 60 * 1000);
    for (const entry of current)
      this.windows.set(entry.limit.key, { start: entry.start, count: entry.count + 1 });
    return { ok: true };
  }

  /** Drops windows long over, so memory stays as small as the set of active callers. */
  forgetBefore(cutoff: number): void {
    for (const [key, window] of this.windows) if (window.start < cutoff) this.windows.delete(key);
  }
}
