/**
 * What the guess limits count: sign-in attempts (each recorded as failed
 * until its password matched), the addresses an account signed in from,
 * and wrong pairing codes. Each query answers times, oldest first.
 */
export class SignInLimitsStore {
  constructor(private readonly sql: SqlStorage) {}

  // ── Sign-in attempts ───────────────────────────────────────────────────
  failedLoginsFromAddress(address: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE address = ? AND failed = 1 AND at > ? ORDER BY at`,
      address,
      since,
    );
  }

  failedLoginsForAccountFromAddress(username: string, address: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE username = ? AND address = ? AND failed = 1 AND at > ? ORDER BY at`,
      username,
      address,
      since,
    );
  }

  failedLoginsForAccountFromNewAddresses(username: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE username = ? AND known_address = 0 AND failed = 1 AND at > ? ORDER BY at`,
      username,
      since,
    );
  }

  /** Records an attempt as failed; answers its id. */
  insertFailedLogin(attempt: {
    at: number;
    address: string;
    username: string;
    knownAddress: boolean;
  }): number {
    return this.sql
      .exec<{ id: number }>(
        `INSERT INTO login_attempts (at, address, username, known_address, failed) VALUES (?, ?, ?, ?, 1) RETURNING id`,
        attempt.at,
        attempt.address,
        attempt.username,
        attempt.knownAddress ? 1 : 0,
      )
      .one().id;
  }

  loginAttempt(id: number): { username: string; address: string } | null {
    return (
      this.sql
        .exec<{ username: string; address: string }>(
          `SELECT username, address FROM login_attempts WHERE id = ?`,
          id,
        )
        .toArray()[0] ?? null
    );
  }

  markLoginSucceeded(id: number): void {
    this.sql.exec(`UPDATE login_attempts SET failed = 0 WHERE id = ?`, id);
  }

  deleteLoginsBefore(at: number): void {
    this.sql.exec(`DELETE FROM login_attempts WHERE at < ?`, at);
  }

  // ── Throttled sign-ins, recorded once per window ───────────────────────
  /** Notes a throttle under `key` until `until`, unless one is noted already: answers whether it was new. */
  recordThrottle(key: string, now: number, until: number): boolean {
    const noted = this.sql
      .exec<{ until: number }>(`SELECT until FROM login_throttles WHERE key = ?`, key)
      .toArray()[0];
    if (noted && noted.until > now) return false;
    this.sql.exec(`INSERT OR REPLACE INTO login_throttles (key, until) VALUES (?, ?)`, key, until);
    return true;
  }

  deleteThrottlesUntil(at: number): void {
    this.sql.exec(`DELETE FROM login_throttles WHERE until <= ?`, at);
  }

  // ── Known addresses ────────────────────────────────────────────────────
  /** Has the account signed in from this address since `since`? */
  signedInFrom(accountId: string, address: string, since: number): boolean {
    return (
      this.sql
        .exec(
          `SELECT 1 FROM known_addresses WHERE account_id = ? AND address = ? AND last_success_at > ?`,
          accountId,
          address,
          since,
        )
        .toArray().length > 0
    );
  }

  rememberAddress(accountId: string, address: string, at: number): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO known_addresses (account_id, address, last_success_at) VALUES (?, ?, ?)`,
      accountId,
      address,
      at,
    );
  }

  // ── Wrong pairing codes ────────────────────────────────────────────────
  pairingFailuresInOffice(office: string, since: number): number[] {
    return this.times(
      `SELECT at FROM pairing_failures WHERE office = ? AND at > ? ORDER BY at`,
      office,
      since,
    );
  }

  pairingFailuresFromAddress(address: string, since: number): number[] {
    return this.times(
      `SELECT at FROM pairing_failures WHERE address = ? AND at > ? ORDER BY at`,
      address,
      since,
    );
  }

  insertPairingFailure(failure: { at: number; office: string; address: string }): void {
    this.sql.exec(
      `INSERT INTO pairing_failures (at, office, address) VALUES (?, ?, ?)`,
      failure.at,
      failure.office,
      failure.address,
    );
  }

  private times(query: string, ...bindings: SqlStorageValue[]): number[] {
    return this.sql
      .exec<{ at: number }>(query, ...bindings)
      .toArray()
      .map((row) => row.at);
  }
}
