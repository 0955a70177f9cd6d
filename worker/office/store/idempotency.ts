/** A command's recorded answer, replayed to a retry with the same Idempotency-Key. */
export interface RecordedAnswer {
  fingerprint: string;
  status: number;
  body: string;
}

/** Answers recorded per Idempotency-Key, kept for a day. */
export class IdempotencyRecords {
  constructor(private readonly sql: SqlStorage) {}

  find(key: string): RecordedAnswer | null {
    return (
      this.sql
        .exec<{ fingerprint: string; status: number; body: string }>(
          `SELECT fingerprint, status, body FROM idempotency WHERE key = ?`,
          key,
        )
        .toArray()[0] ?? null
    );
  }

  save(key: string, answer: RecordedAnswer, now: number): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO idempotency (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)`,
      key,
      answer.fingerprint,
      answer.status,
      answer.body,
      now,
    );
  }

  forgetBefore(cutoff: number): void {
    this.sql.exec(`DELETE FROM idempotency WHERE created_at < ?`, cutoff);
  }
}
