/**
 * What the guess limits count: sign-in attempts (each recorded as failed
 * until its password matched), the places (browsers) an account signed in
 * from, wrong current passwords and wrong pairing codes. Each query answers
 * times, oldest first. Addresses are counted by their key (address-key.ts).
 */
export class SignInLimitsStore {
  constructor(private readonly sql: SqlStorage) {}

  // ── Sign-in attempts ───────────────────────────────────────────────────
  // Attempts from a known place (a browser's place cookie the account signed in from) are
  // counted only for that account and place: a guest network sharing the office's address
  // cannot spend the limits of the clerks' own browsers (issue 13, point 8).
  failedLoginsFromAddress(addressKey: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE address_key = ? AND known_place = 0 AND failed = 1 AND at > ? ORDER BY at`,
      addressKey,
      since,
    );
  }

  failedLoginsForAccountFromAddress(username: string, addressKey: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE username = ? AND address_key = ? AND known_place = 0 AND failed = 1 AND at > ? ORDER BY at`,
      username,
      addressKey,
      since,
    );
  }

  failedLoginsForAccountFromNewPlaces(username: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE username = ? AND known_place = 0 AND failed = 1 AND at > ? ORDER BY at`,
      username,
      since,
    );
  }

  failedLoginsForAccountAtPlace(username: string, place: string, since: number): number[] {
    return this.times(
      `SELECT at FROM login_attempts WHERE username = ? AND place = ? AND known_place = 1 AND failed = 1 AND at > ? ORDER BY at`,
      username,
      place,
      since,
    );
  }

  /** Records an attempt as failed; answers its id. */
  insertFailedLogin(attempt: {
    at: number;
    address: string;
    addressKey: string;
    username: string;
    place: string | null;
    knownPlace: boolean;
  }): number {
    return this.sql
      .exec<{ id: number }>(
        `INSERT INTO login_attempts (at, address, address_key, username, place, known_place, failed) VALUES (?, ?, ?, ?, ?, ?, 1) RETURNING id`,
        attempt.at,
        attempt.address,
        attempt.addressKey,
        attempt.username,
        attempt.place,
        attempt.knownPlace ? 1 : 0,
      )
      .one().id;
  }

  loginAttempt(id: number): { username: string; address: string; place: string | null } | null {
    return (
      this.sql
        .exec<{ username: string; address: string; place: string | null }>(
          `SELECT username, address, place FROM login_attempts WHERE id = ?`,
          id,
        )
        .toArray()[0] ?? null
    );
  }

  markLoginSucceeded(id: number): void {
    this.sql.exec(`UPDATE login_attempts SET failed = 0 WHERE id = ?`, id);
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

  // ── Known places ───────────────────────────────────────────────────────
  /** Has the account signed in from the browser holding this place cookie (its digest) since `since`? */
  signedInAt(accountId: string, placeHash: string, since: number): boolean {
    return (
      this.sql
        .exec(
          `SELECT 1 FROM known_places WHERE account_id = ? AND place_hash = ? AND last_success_at > ?`,
          accountId,
          placeHash,
          since,
        )
        .toArray().length > 0
    );
  }

  rememberPlace(accountId: string, placeHash: string, at: number): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO known_places (account_id, place_hash, last_success_at) VALUES (?, ?, ?)`,
      accountId,
      placeHash,
      at,
    );
  }

  // ── Wrong current passwords (a password change) ─────────────────────────
  failedPasswordChecks(accountId: string, since: number): number[] {
    return this.times(
      `SELECT at FROM password_check_failures WHERE account_id = ? AND at > ? ORDER BY at`,
      accountId,
      since,
    );
  }

  /** Records a check as failed before the Worker verifies it; answers its id. */
  insertFailedPasswordCheck(accountId: string, at: number): number {
    return this.sql
      .exec<{ id: number }>(
        `INSERT INTO password_check_failures (account_id, at) VALUES (?, ?) RETURNING id`,
        accountId,
        at,
      )
      .one().id;
  }

  /** The current password was right after all: the check no longer counts. */
  deletePasswordCheck(id: number, accountId: string): void {
    this.sql.exec(
      `DELETE FROM password_check_failures WHERE id = ? AND account_id = ?`,
      id,
      accountId,
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

  // ── Retention (worker/auth/directory/directory-retention.ts) ────────────
  /** Deletes sign-in attempts older than `before`, oldest first, at most `limit`; answers how many. */
  forgetLoginsBefore(before: number, limit: number): number {
    return this.forgetBatch("login_attempts", "at", before, limit);
  }

  forgetPairingFailuresBefore(before: number, limit: number): number {
    return this.forgetBatch("pairing_failures", "at", before, limit);
  }

  /** Forgets the places (browsers) an account has not signed in from since `before`. */
  forgetPlacesBefore(before: number, limit: number): number {
    return this.forgetBatch("known_places", "last_success_at", before, limit);
  }

  /** Forgets wrong current passwords older than `before`. */
  forgetPasswordChecksBefore(before: number, limit: number): number {
    return this.forgetBatch("password_check_failures", "at", before, limit);
  }

  /** Forgets throttle notes whose window ended by `at` (a later one is noted afresh). */
  forgetThrottlesUntil(at: number, limit: number): number {
    return this.forgetBatch("login_throttles", "until", at + 1, limit);
  }

  /** Deletes at most `limit` rows of `table` whose `column` is before `before`; answers how many. */
  private forgetBatch(
    table:
      | "login_attempts"
      | "pairing_failures"
      | "known_places"
      | "password_check_failures"
      | "login_throttles",
    column: "at" | "last_success_at" | "until",
    before: number,
    limit: number,
  ): number {
    return this.deleted(
      `DELETE FROM ${table} WHERE rowid IN
         (SELECT rowid FROM ${table} WHERE ${column} < ? ORDER BY rowid LIMIT ?) RETURNING 1`,
      before,
      limit,
    );
  }

  private deleted(query: string, ...bindings: SqlStorageValue[]): number {
    return this.sql.exec(query, ...bindings).toArray().length;
  }

  private times(query: string, ...bindings: SqlStorageValue[]): number[] {
    return this.sql
      .exec<{ at: number }>(query, ...bindings)
      .toArray()
      .map((row) => row.at);
  }
}
