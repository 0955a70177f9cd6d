export interface SessionRow extends Record<string, SqlStorageValue> {
  token_hash: string;
  id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  address: string | null;
}

/** Signed-in sessions, found by their token's digest or by their short public id. */
export class SessionsStore {
  constructor(private readonly sql: SqlStorage) {}

  byTokenHash(tokenHash: string): SessionRow | null {
    return (
      this.sql
        .exec<SessionRow>(`SELECT * FROM sessions WHERE token_hash = ?`, tokenHash)
        .toArray()[0] ?? null
    );
  }

  byId(id: string): SessionRow | null {
    return (
      this.sql.exec<SessionRow>(`SELECT * FROM sessions WHERE id = ?`, id).toArray()[0] ?? null
    );
  }

  insert(session: {
    tokenHash: string;
    id: string;
    accountId: string;
    createdAt: number;
    expiresAt: number;
    address: string | null;
  }): void {
    this.sql.exec(
      `INSERT INTO sessions (token_hash, id, account_id, created_at, last_seen_at, expires_at, address) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      session.tokenHash,
      session.id,
      session.accountId,
      session.createdAt,
      session.createdAt,
      session.expiresAt,
      session.address,
    );
  }

  setLastSeen(tokenHash: string, at: number): void {
    this.sql.exec(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, at, tokenHash);
  }

  delete(tokenHash: string): void {
    this.sql.exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash);
  }

  deleteAllOf(accountId: string): void {
    this.sql.exec(`DELETE FROM sessions WHERE account_id = ?`, accountId);
  }

  /**
   * Deletes sessions that have ended (past their end, or unused since
   * `idleSince`), at most `limit`; answers how many.
   */
  deleteEnded(now: number, idleSince: number, limit: number): number {
    return this.sql
      .exec(
        `DELETE FROM sessions WHERE token_hash IN
           (SELECT token_hash FROM sessions WHERE expires_at <= ? OR last_seen_at <= ? LIMIT ?) RETURNING id`,
        now,
        idleSince,
        limit,
      )
      .toArray().length;
  }
}
