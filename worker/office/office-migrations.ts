import type { Migration } from "../storage/migrations";

/**
 * The office's SQLite schema, as an append-only list: never edit or reorder
 * an entry that has shipped; add a new one. `migrate` refuses to run if the
 * recorded history differs from this list.
 */
export const OFFICE_MIGRATIONS: Migration[] = [
  {
    name: "001-initial",
    statements: [
      `CREATE TABLE office (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        code TEXT NOT NULL,
        service_id TEXT NOT NULL,
        priority INTEGER NOT NULL,
        status TEXT NOT NULL,
        lang TEXT,
        channel TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        queued_at INTEGER NOT NULL,
        target_counter_id TEXT,
        counter_id TEXT,
        called_at INTEGER,
        started_at INTEGER,
        finished_at INTEGER,
        recalls INTEGER NOT NULL DEFAULT 0,
        transfers INTEGER NOT NULL DEFAULT 0,
        token TEXT NOT NULL UNIQUE
      )`,
      `CREATE INDEX tickets_active ON tickets (status) WHERE status IN ('waiting', 'called', 'serving')`,
      `CREATE INDEX tickets_by_day ON tickets (day)`,
      `CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        ticket_id TEXT,
        counter_id TEXT,
        data TEXT NOT NULL
      )`,
      `CREATE INDEX events_by_time ON events (at)`,
      `CREATE TABLE idempotency (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      `CREATE INDEX idempotency_by_age ON idempotency (created_at)`,
    ],
  },
  {
    name: "002-audit-and-rate-limits",
    statements: [
      `CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
      )`,
      `CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        count INTEGER NOT NULL
      )`,
    ],
  },
  {
    name: "003-report-columns",
    statements: [
      // Who called a ticket, and when it was first called (called_at moves with recalls and transfers).
      `ALTER TABLE tickets ADD COLUMN clerk_id TEXT`,
      `ALTER TABLE tickets ADD COLUMN clerk_name TEXT`,
      `ALTER TABLE tickets ADD COLUMN first_called_at INTEGER`,
      `CREATE TABLE counter_staff (
        counter_id TEXT PRIMARY KEY,
        clerk_id TEXT NOT NULL,
        clerk_name TEXT NOT NULL,
        at INTEGER NOT NULL
      )`,
    ],
  },
  {
    name: "004-day-archive",
    statements: [
      // A finished day's tickets, packed into one row: a year's report reads ~300 rows, not 190,000.
      `CREATE TABLE day_archive (day TEXT PRIMARY KEY, tickets TEXT NOT NULL)`,
    ],
  },
  {
    name: "005-revoked-devices",
    statements: [
      // The office refuses a revoked device's commands itself, even if a Worker still trusts it.
      `CREATE TABLE revoked_devices (device_id TEXT PRIMARY KEY, at INTEGER NOT NULL)`,
    ],
  },
  {
    name: "006-rate-limits-in-memory",
    // Issuing limits moved to the object's memory (rate-limits.ts says why).
    statements: [`DROP TABLE rate_limits`],
  },
  {
    name: "007-appointments",
    statements: [
      // Never more bookings than seats, held by the storage itself: a seat is a number below
      // the slot's seats, and one seat of a start holds one active booking.
      `CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        service_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        seat INTEGER NOT NULL,
        seats INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'missed', 'cancelled')),
        token_hash TEXT NOT NULL UNIQUE,
        name TEXT,
        email TEXT,
        phone TEXT,
        reason TEXT,
        lang TEXT,
        channel TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sequence INTEGER NOT NULL DEFAULT 0,
        ticket_id TEXT,
        checked_in_at INTEGER,
        cancelled_at INTEGER,
        missed_at INTEGER,
        personal_erased_at INTEGER,
        address TEXT,
        CHECK (seat >= 0 AND seat < seats)
      )`,
      `CREATE UNIQUE INDEX appointments_seat ON appointments (service_id, start, seat)
        WHERE status IN ('booked', 'checked-in')`,
      // A code names one booking at a time: the kiosk finds it by the code alone.
      `CREATE UNIQUE INDEX appointments_active_code ON appointments (code)
        WHERE status IN ('booked', 'checked-in')`,
      `CREATE INDEX appointments_by_start ON appointments (start)`,
      `CREATE INDEX appointments_by_creation ON appointments (created_at)`,
      `CREATE INDEX appointments_to_erase ON appointments (start) WHERE personal_erased_at IS NULL`,
      // A ticket's appointment survives a restart of the object.
      `ALTER TABLE tickets ADD COLUMN appointment_id TEXT`,
      `ALTER TABLE tickets ADD COLUMN appointment_slot_start INTEGER`,
    ],
  },
  {
    name: "008-appointment-conflicts",
    statements: [
      // Office changes never cancel silently (issue 12, point 7): a booking the office's new
      // configuration no longer fits carries why (shared/booking/conflicts.ts) until staff keep
      // or cancel it; a kept one remembers the reason kept, so the same reason is not raised again.
      `ALTER TABLE appointments ADD COLUMN conflict TEXT`,
      `ALTER TABLE appointments ADD COLUMN conflict_kept TEXT`,
      `ALTER TABLE appointments ADD COLUMN conflict_at INTEGER`,
      // Who cancelled (the holder, or the office with its reason): the manage page says which.
      `ALTER TABLE appointments ADD COLUMN cancelled_by TEXT`,
      `ALTER TABLE appointments ADD COLUMN cancel_reason TEXT`,
      `CREATE INDEX appointments_in_conflict ON appointments (start) WHERE conflict IS NOT NULL`,
    ],
  },
  {
    name: "009-used-booking-proofs",
    statements: [
      // A public booking's proof of work counts once: its challenge is kept until it expires.
      `CREATE TABLE used_booking_proofs (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`,
      `CREATE INDEX used_booking_proofs_by_expiry ON used_booking_proofs (expires_at)`,
    ],
  },
  {
    name: "010-retention",
    statements: [
      // Personal data has an end (issue 13, point 9): where each retention task of the alarm
      // got to (worker/storage/retention.ts), so a run resumes instead of reading history again.
      `CREATE TABLE retention_progress (task TEXT PRIMARY KEY, through TEXT NOT NULL)`,
      // The tickets whose tracking token or clerk is still kept: the alarm finds the old ones
      // without reading the whole history (an erased token is "erased:" and the ticket's id).
      `CREATE INDEX tickets_token_kept ON tickets (day) WHERE token NOT LIKE 'erased:%'`,
      `CREATE INDEX tickets_clerk_kept ON tickets (day) WHERE clerk_id IS NOT NULL`,
    ],
  },
  {
    name: "011-remote-ticket-limits",
    statements: [
      // The remote-ticket limit per address outlives an eviction (issue 13, point 5); expired
      // windows are dropped a few at a time by their start (store/remote-ticket-limits.ts).
      `CREATE TABLE remote_ticket_limits (
        key TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        count INTEGER NOT NULL
      )`,
      `CREATE INDEX remote_ticket_limits_by_start ON remote_ticket_limits (window_start)`,
    ],
  },
  {
    name: "012-webhooks",
    statements: [
      // Signed webhooks (issue 15): the endpoints an administrator configured. The secret signs
      // every delivery; during a rotation the previous one signs too, until previous_until.
      `CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        events TEXT NOT NULL,
        include_contact INTEGER NOT NULL,
        description TEXT NOT NULL,
        secret TEXT NOT NULL,
        previous_secret TEXT,
        previous_until INTEGER,
        enabled INTEGER NOT NULL,
        disabled_reason TEXT,
        failing_since INTEGER,
        next_attempt_at INTEGER,
        created_at INTEGER NOT NULL
      )`,
      // The outbox: each event written in the transaction that made it, with its own
      // increasing seq (AUTOINCREMENT: never reused after the log is trimmed). The contact
      // of an appointment is kept only for endpoints that opt in, and only until sent.
      `CREATE TABLE webhook_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        data TEXT NOT NULL,
        contact TEXT
      )`,
      // One row per event and endpoint: pending until delivered; the delivery log.
      `CREATE TABLE webhook_deliveries (
        endpoint_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at INTEGER,
        last_status INTEGER,
        last_error TEXT,
        delivered_at INTEGER,
        PRIMARY KEY (endpoint_id, seq)
      )`,
      `CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, seq)
        WHERE delivered_at IS NULL`,
      `CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (created_at)`,
      `CREATE INDEX webhook_events_with_contact ON webhook_events (seq) WHERE contact IS NOT NULL`,
    ],
  },
  {
    name: "013-feedback",
    statements: [
      // Feedback after service (issue 15, point 4): what was said, about which service, hour,
      // wait and counter, and never by whom: no token, ticket id or code, so a row cannot be
      // followed back to a ticket by its keys (the wait is kept to the minute for the same reason).
      `CREATE TABLE feedback (
        day TEXT NOT NULL,
        hour INTEGER NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT,
        wait_seconds INTEGER,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        reasons TEXT NOT NULL,
        comment TEXT
      )`,
      `CREATE INDEX feedback_by_day ON feedback (day)`,
      `CREATE INDEX feedback_comment_kept ON feedback (day) WHERE comment IS NOT NULL`,
      // Once per ticket: the flag is all the ticket keeps, not which answer was its own.
      `ALTER TABLE tickets ADD COLUMN feedback_given INTEGER NOT NULL DEFAULT 0`,
    ],
  },
];
