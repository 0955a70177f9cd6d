import type { Migration } from "../../../storage/migrations";

/** The Directory's schema, append-only like the office's: never edit a shipped step. */
export const DIRECTORY_MIGRATIONS: Migration[] = [
  {
    name: "001-accounts-sessions-devices",
    statements: [
      `CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      )`,
      `CREATE TABLE grants (
        account_id TEXT NOT NULL,
        office TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (account_id, office)
      )`,
      `CREATE INDEX grants_by_office ON grants (office)`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        address TEXT
      )`,
      `CREATE INDEX sessions_by_account ON sessions (account_id)`,
      `CREATE TABLE known_addresses (
        account_id TEXT NOT NULL,
        address TEXT NOT NULL,
        last_success_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, address)
      )`,
      `CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        address TEXT NOT NULL,
        username TEXT NOT NULL,
        known_address INTEGER NOT NULL,
        failed INTEGER NOT NULL
      )`,
      `CREATE INDEX login_attempts_by_address ON login_attempts (address, at)`,
      `CREATE INDEX login_attempts_by_username ON login_attempts (username, at)`,
      `CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        office TEXT NOT NULL,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        last_seen_at INTEGER,
        revoked_at INTEGER
      )`,
      `CREATE INDEX devices_by_office ON devices (office)`,
      `CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        office TEXT NOT NULL,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        created_by TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      )`,
      `CREATE TABLE pairing_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        office TEXT NOT NULL,
        address TEXT NOT NULL
      )`,
      `CREATE INDEX pairing_failures_by_office ON pairing_failures (office, at)`,
      `CREATE INDEX pairing_failures_by_address ON pairing_failures (address, at)`,
      `CREATE TABLE offices (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL)`,
      `CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      )`,
    ],
  },
  {
    // Issue 13: a place an account signs in from is a browser's long-lived cookie, not an
    // address (point 8); per-address limits count an IPv6 address by its /64 (point 3);
    // wrong current passwords on a password change are counted too (point 10).
    name: "002-sign-in-places",
    statements: [
      `ALTER TABLE login_attempts RENAME COLUMN known_address TO known_place`,
      `ALTER TABLE login_attempts ADD COLUMN address_key TEXT`,
      `ALTER TABLE login_attempts ADD COLUMN place TEXT`,
      `CREATE INDEX login_attempts_by_address_key ON login_attempts (address_key, at)`,
      `CREATE TABLE known_places (
        account_id TEXT NOT NULL,
        place_hash TEXT NOT NULL,
        last_success_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, place_hash)
      )`,
      `DROP TABLE known_addresses`,
      `CREATE TABLE password_check_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL,
        at INTEGER NOT NULL
      )`,
      `CREATE INDEX password_check_failures_by_account ON password_check_failures (account_id, at)`,
    ],
  },
  {
    name: "003-retention",
    statements: [
      // Personal data has an end (issue 13, point 9): where each retention task of the
      // Directory's alarm got to (worker/storage/retention.ts).
      // (Sessions need no index for it: they last at most 12 hours, so the table stays small.)
      `CREATE TABLE retention_progress (task TEXT PRIMARY KEY, through TEXT NOT NULL)`,
    ],
  },
  {
    name: "004-sign-in-writes",
    statements: [
      // Issue 13, point 3: every sign-in deletes the attempts older than a day, which
      // scanned the whole table without an index on the time.
      `CREATE INDEX login_attempts_by_time ON login_attempts (at)`,
      `CREATE INDEX password_check_failures_by_time ON password_check_failures (at)`,
      // A throttled sign-in is recorded once per window and limit, not once per try.
      `CREATE TABLE login_throttles (key TEXT PRIMARY KEY, until INTEGER NOT NULL)`,
      `CREATE INDEX login_throttles_by_end ON login_throttles (until)`,
    ],
  },
];
