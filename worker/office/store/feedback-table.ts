import type { FeedbackReason } from "../../../shared/protocol/feedback";
import type { FeedbackRow } from "../../../shared/reports/feedback";

/**
 * The `feedback` table and the tickets' `feedback_given` flag: the only code
 * that reads or writes them. A row says nothing of who gave it (migration 013).
 */
export class FeedbackTable {
  constructor(private readonly sql: SqlStorage) {}

  given(ticketId: string): boolean {
    return (
      this.sql
        .exec<{ given: number }>(
          `SELECT feedback_given AS given FROM tickets WHERE id = ?`,
          ticketId,
        )
        .toArray()[0]?.given === 1
    );
  }

  /**
   * Records one answer and marks its ticket, in one synchronous run (the object commits
   * them together): false when the ticket was marked already, and then nothing is written.
   */
  record(ticketId: string, row: FeedbackRow): boolean {
    const marked = this.sql
      .exec(
        `UPDATE tickets SET feedback_given = 1 WHERE id = ? AND feedback_given = 0 RETURNING id`,
        ticketId,
      )
      .toArray().length;
    if (marked === 0) return false;
    this.sql.exec(
      `INSERT INTO feedback (day, hour, service_id, counter_id, wait_seconds, score, reasons, comment)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      row.day,
      row.hour,
      row.serviceId,
      row.counterId,
      row.waitSeconds,
      row.score,
      row.reasons.join(" "),
      row.comment,
    );
    return true;
  }

  /** Local days from..to (inclusive), for the reports. */
  between(from: string, to: string): FeedbackRow[] {
    return this.sql
      .exec<{
        day: string;
        hour: number;
        service_id: string;
        counter_id: string | null;
        wait_seconds: number | null;
        score: number;
        reasons: string;
        comment: string | null;
      }>(
        `SELECT day, hour, service_id, counter_id, wait_seconds, score, reasons, comment
         FROM feedback WHERE day >= ? AND day <= ? ORDER BY day, hour`,
        from,
        to,
      )
      .toArray()
      .map((row) => ({
        day: row.day,
        hour: row.hour,
        serviceId: row.service_id,
        counterId: row.counter_id,
        waitSeconds: row.wait_seconds,
        score: row.score,
        reasons: (row.reasons === "" ? [] : row.reasons.split(" ")) as FeedbackReason[],
        comment: row.comment,
      }));
  }

  /** Retention: comments of days before `beforeDay`, at most `limit`; answers how many. */
  eraseCommentsBefore(beforeDay: string, limit: number): number {
    return this.sql
      .exec(
        `UPDATE feedback SET comment = NULL WHERE rowid IN
           (SELECT rowid FROM feedback WHERE day < ? AND comment IS NOT NULL LIMIT ?) RETURNING day`,
        beforeDay,
        limit,
      )
      .toArray().length;
  }
}
