import type { Actor, AuditEntry } from "../../shared/protocol/auth";

/**
 * Who did which staff action when, in an object's own storage: each office
 * keeps one, and the Directory keeps the installation's. Written in the
 * caller's transaction.
 */
export class AuditLog {
  constructor(private readonly sql: SqlStorage) {}

  append(at: number, actor: Actor, action: string, detail: Record<string, unknown>): void {
    this.sql.exec(
      `INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)`,
      at,
      JSON.stringify(actor),
      action,
      JSON.stringify(detail),
    );
  }

  /** Newest first; `before` pages back by entry id. */
  list(options: { before?: number; limit: number }): AuditEntry[] {
    return this.sql
      .exec<{ id: number; at: number; actor: string; action: string; detail: string }>(
        `SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`,
        options.before ?? Number.MAX_SAFE_INTEGER,
        options.limit,
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        at: row.at,
        actor: JSON.parse(row.actor),
        action: row.action,
        detail: JSON.parse(row.detail),
      }));
  }
}
