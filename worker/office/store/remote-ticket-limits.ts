import type { Limit, LimitCounter, Wait } from "../rate-limits";

/** At most this many addresses counted at once; past it, new addresses wait for the oldest window to end. */
export const MAX_REMOTE_KEYS = 20_000;

/**
 * The remote-ticket limit per address (an hour's window) in the office's
 * storage, so a restart or an eviction of the object does not reset it.
 * O(1) a request: one row read by key, one written, and at most two expired
 * rows dropped by the index on their window's start, so the table holds
 * about the addresses of the last hour. The row count is kept in memory
 * (read once at start), and past `MAX_REMOTE_KEYS` a new address waits.
 */
export class RemoteTicketLimits implements LimitCounter {
  private rows: number;

  constructor(
    private readonly sql: SqlStorage,
    private readonly maxKeys = MAX_REMOTE_KEYS,
  ) {
    this.rows = sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM remote_ticket_limits`).one().n;
  }

  private row(key: string): { window_start: number; count: number } | undefined {
    return this.sql
      .exec<{ window_start: number; count: number }>(
        `SELECT window_start, count FROM remote_ticket_limits WHERE key = ?`,
        key,
      )
      .toArray()[0];
  }

  wait(limit: Limit, now: number): Wait {
    const row = this.row(limit.key);
    if (row && now < row.window_start + limit.windowMs) {
      return row.count < limit.max ? null : row.window_start + limit.windowMs - now;
    }
    this.dropExpired(now - limit.windowMs, row ? 2 : 3);
    if (row || this.rows < this.maxKeys) return null;
    // Full of live windows: the oldest ends first.
    const oldest = this.sql
      .exec<{ at: number }>(`SELECT MIN(window_start) AS at FROM remote_ticket_limits`)
      .one().at;
    return Math.max(1000, oldest + limit.windowMs - now);
  }

  take(limit: Limit, now: number): void {
    const row = this.row(limit.key);
    if (row && now < row.window_start + limit.windowMs) {
      this.sql.exec(`UPDATE remote_ticket_limits SET count = count + 1 WHERE key = ?`, limit.key);
      return;
    }
    this.sql.exec(
      `INSERT INTO remote_ticket_limits (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = 1`,
      limit.key,
      now,
    );
    if (!row) this.rows++;
  }

  /** Drops up to `max` rows whose window started at or before `cutoff`, oldest first. */
  private dropExpired(cutoff: number, max: number): void {
    const expired = this.sql
      .exec<{ key: string }>(
        `SELECT key FROM remote_ticket_limits WHERE window_start <= ? ORDER BY window_start LIMIT ?`,
        cutoff,
        max,
      )
      .toArray();
    for (const { key } of expired)
      this.sql.exec(`DELETE FROM remote_ticket_limits WHERE key = ?`, key);
    this.rows = Math.max(0, this.rows - expired.length);
  }
}
