import type { WebhookEndpointView } from "../../../shared/protocol/webhooks";

interface EndpointRow extends Record<string, SqlStorageValue> {
  id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  include_contact: number;
  description: string;
  secret: string;
  previous_secret: string | null;
  previous_until: number | null;
  enabled: number;
  disabled_reason: "admin" | "failing" | null;
  failing_since: number | null;
  next_attempt_at: number | null;
  created_at: number;
}

/** An endpoint as delivery needs it: where, which secrets sign, what it receives. */
export interface Endpoint {
  id: string;
  url: string;
  events: string[];
  includeContact: boolean;
  enabled: boolean;
  failingSince: number | null;
  /** The secrets that sign a delivery made at `now`: the current one, and the previous during a rotation. */
  secrets: (now: number) => string[];
}

function endpointOf(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    includeContact: row.include_contact === 1,
    enabled: row.enabled === 1,
    failingSince: row.failing_since,
    secrets: (now) =>
      row.previous_secret !== null && (row.previous_until ?? 0) > now
        ? [row.secret, row.previous_secret]
        : [row.secret],
  };
}

export interface NewEndpoint {
  id: string;
  url: string;
  events: string[];
  includeContact: boolean;
  description: string;
  secret: string;
}

export interface EndpointChange {
  url?: string | undefined;
  events?: string[] | undefined;
  includeContact?: boolean | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
}

/** The office's webhook endpoints (migration 012). Synchronous, like every store. */
export class WebhookEndpoints {
  constructor(private readonly sql: SqlStorage) {}

  insert(endpoint: NewEndpoint, now: number): void {
    this.sql.exec(
      `INSERT INTO webhook_endpoints (id, url, events, include_contact, description, secret,
         enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
      endpoint.id,
      endpoint.url,
      JSON.stringify(endpoint.events),
      endpoint.includeContact ? 1 : 0,
      endpoint.description,
      endpoint.secret,
      now,
    );
  }

  count(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM webhook_endpoints`).one().n;
  }

  /** Changes what is given; enabling again clears the failure record, so the 3 days start over. */
  update(id: string, change: EndpointChange): boolean {
    const row = this.row(id);
    if (!row) return false;
    const enabled = change.enabled ?? row.enabled === 1;
    const reenabled = enabled && row.enabled === 0;
    this.sql.exec(
      `UPDATE webhook_endpoints SET url = ?, events = ?, include_contact = ?, description = ?,
         enabled = ?, disabled_reason = ?, failing_since = ? WHERE id = ?`,
      change.url ?? row.url,
      change.events ? JSON.stringify(change.events) : row.events,
      change.includeContact === undefined ? row.include_contact : change.includeContact ? 1 : 0,
      change.description ?? row.description,
      enabled ? 1 : 0,
      enabled ? null : change.enabled === false ? "admin" : row.disabled_reason,
      reenabled ? null : row.failing_since,
      id,
    );
    return true;
  }

  /** A new secret; the previous one keeps signing until `previousUntil`. */
  rotate(id: string, secret: string, previousUntil: number): boolean {
    return (
      this.sql.exec(
        `UPDATE webhook_endpoints SET previous_secret = secret, previous_until = ?, secret = ?
         WHERE id = ?`,
        previousUntil,
        secret,
        id,
      ).rowsWritten > 0
    );
  }

  delete(id: string): boolean {
    return this.sql.exec(`DELETE FROM webhook_endpoints WHERE id = ?`, id).rowsWritten > 0;
  }

  byId(id: string): Endpoint | null {
    const row = this.row(id);
    return row ? endpointOf(row) : null;
  }

  /** The enabled endpoints: the ones new events are written for. */
  enabled(): Endpoint[] {
    return this.sql
      .exec<EndpointRow>(`SELECT * FROM webhook_endpoints WHERE enabled = 1 ORDER BY created_at`)
      .toArray()
      .map(endpointOf);
  }

  /** Enabled endpoints with an attempt due at `now` or before. */
  due(now: number): Endpoint[] {
    return this.sql
      .exec<EndpointRow>(
        `SELECT * FROM webhook_endpoints WHERE enabled = 1 AND next_attempt_at <= ?
         ORDER BY next_attempt_at`,
        now,
      )
      .toArray()
      .map(endpointOf);
  }

  /** The earliest attempt due, or null when nothing waits. */
  nextAttempt(): number | null {
    return this.sql
      .exec<{ at: number | null }>(
        `SELECT MIN(next_attempt_at) AS at FROM webhook_endpoints WHERE enabled = 1`,
      )
      .one().at;
  }

  /** Something new to send: due now, unless an attempt is already planned (a backoff stays). */
  wake(id: string, now: number): void {
    this.sql.exec(
      `UPDATE webhook_endpoints SET next_attempt_at = COALESCE(next_attempt_at, ?) WHERE id = ?`,
      now,
      id,
    );
  }

  /** When to try next (null: nothing pending). */
  schedule(id: string, at: number | null): void {
    this.sql.exec(`UPDATE webhook_endpoints SET next_attempt_at = ? WHERE id = ?`, at, id);
  }

  succeeded(id: string): void {
    this.sql.exec(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?`, id);
  }

  /** A failed attempt: failing since the first of a run of failures. */
  failed(id: string, at: number): void {
    this.sql.exec(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?) WHERE id = ?`,
      at,
      id,
    );
  }

  /** Switched off after failing too long: the dashboard says why. */
  switchOff(id: string): void {
    this.sql.exec(
      `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'failing', next_attempt_at = NULL
       WHERE id = ?`,
      id,
    );
  }

  views(pending: (id: string) => number): WebhookEndpointView[] {
    return this.sql
      .exec<EndpointRow>(`SELECT * FROM webhook_endpoints ORDER BY created_at`)
      .toArray()
      .map((row) => viewOf(row, pending(row.id)));
  }

  view(id: string, pending: number): WebhookEndpointView | null {
    const row = this.row(id);
    return row ? viewOf(row, pending) : null;
  }

  private row(id: string): EndpointRow | null {
    return (
      this.sql.exec<EndpointRow>(`SELECT * FROM webhook_endpoints WHERE id = ?`, id).toArray()[0] ??
      null
    );
  }
}

function viewOf(row: EndpointRow, pending: number): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    includeContact: row.include_contact === 1,
    description: row.description,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    previousSecretUntil: row.previous_secret === null ? null : row.previous_until,
    pending,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
}
