import type { WebhookContact, WebhookDelivery } from "../../../shared/protocol/webhooks";

/** One stored event of the outbox. */
export interface OutboxEvent {
  seq: number;
  id: string;
  type: string;
  occurredAt: number;
  data: Record<string, unknown>;
  contact: WebhookContact | null;
}

interface EventRow extends Record<string, SqlStorageValue> {
  seq: number;
  id: string;
  type: string;
  occurred_at: number;
  data: string;
  contact: string | null;
}

interface DeliveryRow extends Record<string, SqlStorageValue> {
  id: string;
  seq: number;
  type: string;
  occurred_at: number;
  attempts: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: number | null;
}

/** What one attempt came to. */
export interface AttemptOutcome {
  at: number;
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * The webhook outbox (migration 012): events, and one delivery per event
 * and endpoint, pending until the endpoint answered 2xx. Written inside the
 * transaction of the change it tells of; read and updated by the alarm.
 */
export class WebhookOutbox {
  constructor(private readonly sql: SqlStorage) {}

  /** Stores one event for these endpoints; answers its seq. */
  add(
    event: { id: string; type: string; occurredAt: number; data: unknown },
    contact: WebhookContact | null,
    endpointIds: readonly string[],
    now: number,
  ): number {
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO webhook_events (id, type, occurred_at, data, contact) VALUES (?, ?, ?, ?, ?)
         RETURNING seq`,
        event.id,
        event.type,
        event.occurredAt,
        JSON.stringify(event.data),
        contact === null ? null : JSON.stringify(contact),
      )
      .one();
    for (const endpointId of endpointIds)
      this.sql.exec(
        `INSERT INTO webhook_deliveries (endpoint_id, seq, created_at) VALUES (?, ?, ?)`,
        endpointId,
        seq,
        now,
      );
    return seq;
  }

  /** The endpoint's oldest pending delivery: the only one it may be sent (order by seq). */
  head(endpointId: string): { event: OutboxEvent; attempts: number } | null {
    const row = this.sql
      .exec<EventRow & { attempts: number }>(
        `SELECT e.*, d.attempts FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.seq
         WHERE d.endpoint_id = ? AND d.delivered_at IS NULL ORDER BY d.seq LIMIT 1`,
        endpointId,
      )
      .toArray()[0];
    if (!row) return null;
    return {
      event: {
        seq: row.seq,
        id: row.id,
        type: row.type,
        occurredAt: row.occurred_at,
        data: JSON.parse(row.data) as Record<string, unknown>,
        contact: row.contact === null ? null : (JSON.parse(row.contact) as WebhookContact),
      },
      attempts: row.attempts,
    };
  }

  record(endpointId: string, seq: number, outcome: AttemptOutcome): void {
    this.sql.exec(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?,
         last_error = ?, delivered_at = ? WHERE endpoint_id = ? AND seq = ?`,
      outcome.at,
      outcome.status,
      outcome.error,
      outcome.ok ? outcome.at : null,
      endpointId,
      seq,
    );
  }

  pending(endpointId: string): number {
    return this.sql
      .exec<{ n: number }>(
        `SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ? AND delivered_at IS NULL`,
        endpointId,
      )
      .one().n;
  }

  /** The endpoint's delivery log, newest first. */
  log(endpointId: string, limit: number): WebhookDelivery[] {
    return this.sql
      .exec<DeliveryRow>(
        `SELECT e.id, e.seq, e.type, e.occurred_at, d.attempts, d.last_attempt_at, d.last_status,
           d.last_error, d.delivered_at
         FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.seq
         WHERE d.endpoint_id = ? ORDER BY d.seq DESC LIMIT ?`,
        endpointId,
        limit,
      )
      .toArray()
      .map(deliveryOf);
  }

  delivery(endpointId: string, seq: number): WebhookDelivery | null {
    const row = this.sql
      .exec<DeliveryRow>(
        `SELECT e.id, e.seq, e.type, e.occurred_at, d.attempts, d.last_attempt_at, d.last_status,
           d.last_error, d.delivered_at
         FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.seq
         WHERE d.endpoint_id = ? AND d.seq = ?`,
        endpointId,
        seq,
      )
      .toArray()[0];
    return row ? deliveryOf(row) : null;
  }

  /** An endpoint removed: its deliveries go with it. */
  forgetEndpoint(endpointId: string): void {
    this.sql.exec(`DELETE FROM webhook_deliveries WHERE endpoint_id = ?`, endpointId);
  }

  /**
   * Retention (README "Personal data"): deliveries written before `before`,
   * then the events older than every delivery left; at most `limit` of each.
   */
  forgetBefore(before: number, limit: number): number {
    const deliveries = this.sql.exec(
      `DELETE FROM webhook_deliveries WHERE rowid IN
         (SELECT rowid FROM webhook_deliveries WHERE created_at < ? LIMIT ?)`,
      before,
      limit,
    ).rowsWritten;
    // Events older than every delivery left: found by the primary key, without a scan.
    const events = this.sql.exec(
      `DELETE FROM webhook_events WHERE seq IN (SELECT seq FROM webhook_events
         WHERE seq < (SELECT COALESCE(MIN(seq), 9007199254740991) FROM webhook_deliveries)
         ORDER BY seq LIMIT ?)`,
      limit,
    ).rowsWritten;
    return Math.max(deliveries, events);
  }

  /**
   * An appointment's contact is kept only until every delivery of its event
   * is done, and never past `before` (when the endpoint would be switched off).
   */
  eraseContacts(before: number, limit: number): number {
    return this.sql.exec(
      `UPDATE webhook_events SET contact = NULL WHERE seq IN (SELECT seq FROM webhook_events e
         WHERE e.contact IS NOT NULL AND (e.occurred_at < ? OR NOT EXISTS
           (SELECT 1 FROM webhook_deliveries d WHERE d.seq = e.seq AND d.delivered_at IS NULL))
         LIMIT ?)`,
      before,
      limit,
    ).rowsWritten;
  }
}

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    seq: row.seq,
    type: row.type,
    occurredAt: row.occurred_at,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}
