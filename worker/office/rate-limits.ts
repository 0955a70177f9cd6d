/** One limit: at most `max` in each `windowMs`. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Fixed-window counters in the office's storage: one office object is the
 * only writer, so a limit holds across every edge location and survives the
 * object sleeping (an in-memory counter would reset on hibernation).
 */
export class RateLimits {
  constructor(private readonly sql: SqlStorage) {}

  /** Takes one from every limit, or none if any is spent; returns how long to wait then. */
  take(limits: Limit[], now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const rows = limits.map((limit) => {
      const row = this.sql
        .exec<{ window_start: number; count: number }>(
          `SELECT window_start, count FROM rate_limits WHERE key = ?`,
          limit.key,
        )
        .toArray()[0];
      const current = row && now < row.window_start + limit.windowMs ? row : null;
      return { limit, windowStart: current?.window_start ?? now, count: current?.count ?? 0 };
    });
    const spent = rows.filter((row) => row.count >= row.limit.max);
    if (spent.length > 0) {
      const retryAfterMs = Math.max(
        ...spent.map((row) => row.windowStart + row.limit.windowMs - now),
      );
      return { ok: false, retryAfterMs: Math.max(1000, retryAfterMs) };
    }
    for (const row of rows) {
      this.sql.exec(
        `INSERT OR REPLACE INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)`,
        row.limit.key,
        row.windowStart,
        row.count + 1,
      );
    }
    return { ok: true };
  }

  /** Drops windows long over, so the table stays as small as the set of active callers. */
  forgetBefore(cutoff: number): void {
    this.sql.exec(`DELETE FROM rate_limits WHERE window_start < ?`, cutoff);
  }
}
