import type { SeatHolder } from "../../../shared/booking/conflicts";
import type { AppointmentStatus } from "../../../shared/protocol/appointments";
import type { ConflictReason } from "../../../shared/protocol/booking";
import type { PastAppointment, ReportAppointment } from "../../../shared/reports";

/**
 * The `appointments` table: one row per booking, the only reader and writer
 * of it. Seats are held by the storage itself (office-migrations.ts, 007): a
 * row's seat is below its slot's seats, and one seat of a start holds one
 * booked or checked-in row, so a code path that forgot to count cannot
 * overbook. Name, contact, reason and address are personal data: erased the
 * day after the appointment or its cancellation (`eraseBefore`).
 */
export interface AppointmentRow extends Record<string, SqlStorageValue> {
  id: string;
  code: string;
  service_id: string;
  start: number;
  seat: number;
  seats: number;
  status: AppointmentStatus;
  /** SHA-256 of the manage token: the token itself is never stored. */
  token_hash: string;
  name: string | null;
  /** Lowercased. */
  email: string | null;
  /** Digits, with a leading + when given. */
  phone: string | null;
  reason: string | null;
  lang: string | null;
  channel: BookingChannel;
  created_at: number;
  updated_at: number;
  /** The calendar file's SEQUENCE: one more at each move or cancellation. */
  sequence: number;
  ticket_id: string | null;
  checked_in_at: number | null;
  cancelled_at: number | null;
  missed_at: number | null;
  personal_erased_at: number | null;
  /** The booking's network address, for the per-address limit (public bookings only). */
  address: string | null;
  /** Why the office's configuration no longer fits it (conflicts.ts), until staff keep or cancel it. */
  conflict: ConflictReason | null;
  /** The reason staff chose to keep it despite: not raised again while it is the reason. */
  conflict_kept: ConflictReason | null;
  /** When the conflict was first raised. */
  conflict_at: number | null;
  /** Who cancelled it: the holder, or the office (after a conflict). */
  cancelled_by: "holder" | "office" | null;
  /** The office's reason when it cancelled: the conflict's. */
  cancel_reason: ConflictReason | null;
}

/** public: the booking page; staff: a clerk booking on someone's behalf (by phone). */
export type BookingChannel = "public" | "staff";

export type NewAppointment = Pick<
  AppointmentRow,
  | "id"
  | "code"
  | "service_id"
  | "start"
  | "seat"
  | "seats"
  | "token_hash"
  | "name"
  | "email"
  | "phone"
  | "reason"
  | "lang"
  | "channel"
  | "address"
>;

const HOLDS_SEAT = `status IN ('booked', 'checked-in')`;

export class AppointmentsTable {
  constructor(private readonly sql: SqlStorage) {}

  // ── Writes ──────────────────────────────────────────────────────────────
  /** Throws if the seat is taken or out of range: the constraints are the last word. */
  insert(row: NewAppointment, now: number): void {
    this.sql.exec(
      `INSERT INTO appointments (id, code, service_id, start, seat, seats, status, token_hash, name, email, phone,
         reason, lang, channel, created_at, updated_at, sequence, address)
       VALUES (?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      row.id,
      row.code,
      row.service_id,
      row.start,
      row.seat,
      row.seats,
      row.token_hash,
      row.name,
      row.email,
      row.phone,
      row.reason,
      row.lang,
      row.channel,
      now,
      now,
      row.address,
    );
  }

  /** Takes the new seat and frees the old in one statement. */
  move(id: string, place: { start: number; seat: number; seats: number }, now: number): void {
    this.sql.exec(
      `UPDATE appointments SET start = ?, seat = ?, seats = ?, sequence = sequence + 1, updated_at = ?,
         conflict = NULL, conflict_kept = NULL, conflict_at = NULL
       WHERE id = ? AND status = 'booked'`,
      place.start,
      place.seat,
      place.seats,
      now,
      id,
    );
  }

  /** The holder cancels: the seat is free at once. */
  cancel(id: string, now: number): void {
    this.sql.exec(
      `UPDATE appointments SET status = 'cancelled', cancelled_at = ?, cancelled_by = 'holder',
         conflict = NULL, sequence = sequence + 1, updated_at = ?
       WHERE id = ? AND status = 'booked'`,
      now,
      now,
      id,
    );
  }

  /** The office cancels a booking in conflict, keeping the reason for the holder's manage page. */
  cancelByOffice(id: string, reason: ConflictReason, now: number): void {
    this.sql.exec(
      `UPDATE appointments SET status = 'cancelled', cancelled_at = ?, cancelled_by = 'office',
         cancel_reason = ?, conflict = NULL, sequence = sequence + 1, updated_at = ?
       WHERE id = ? AND status = 'booked'`,
      now,
      reason,
      now,
      id,
    );
  }

  /** Checked in with its own ticket, or (a late arrival sent to the walk-in queue) missed with a walk-in one. */
  recordArrival(
    id: string,
    arrival: { status: "checked-in" | "missed"; ticketId: string },
    now: number,
  ): void {
    this.sql.exec(
      `UPDATE appointments SET status = ?, ticket_id = ?, checked_in_at = ?, missed_at = CASE WHEN ? = 'missed'
         THEN COALESCE(missed_at, ?) ELSE missed_at END, updated_at = ? WHERE id = ?`,
      arrival.status,
      arrival.ticketId,
      now,
      arrival.status,
      now,
      now,
      id,
    );
  }

  /**
   * A past booking brought in with a history import (npm run demo:history, or a move from
   * another system): anonymous from the start (no name, contact or reason, recorded as
   * erased), its seat the next free one of its start if it held one. The code only keeps
   * the row's shape; a code already active elsewhere skips the row. False when not added.
   */
  importPast(appointment: PastAppointment, code: string, tokenHash: string, now: number): boolean {
    const holdsSeat = appointment.status === "booked" || appointment.status === "checked-in";
    const seat = holdsSeat ? this.takenSeats(appointment.serviceId, appointment.start).length : 0;
    return (
      this.sql.exec(
        `INSERT OR IGNORE INTO appointments (id, code, service_id, start, seat, seats, status, token_hash, channel,
           created_at, updated_at, sequence, ticket_id, checked_in_at, cancelled_at, missed_at, personal_erased_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
        appointment.id,
        code,
        appointment.serviceId,
        appointment.start,
        seat,
        seat + 1,
        appointment.status,
        tokenHash,
        appointment.channel,
        appointment.bookedAt,
        now,
        appointment.ticketId,
        appointment.checkedInAt,
        appointment.cancelledAt,
        appointment.missedAt,
        now,
      ).rowsWritten > 0
    );
  }

  /** A retried booking gets a new manage link: the first exists only as a hash and cannot be given again. */
  replaceTokenHash(id: string, tokenHash: string): void {
    this.sql.exec(`UPDATE appointments SET token_hash = ? WHERE id = ?`, tokenHash, id);
  }

  /** Booked appointments of a service that started before `startedBefore`: missed, their seats freed; their ids. */
  markMissed(serviceId: string, startedBefore: number, now: number): string[] {
    return this.sql
      .exec<{ id: string }>(
        `UPDATE appointments SET status = 'missed', missed_at = ?, updated_at = ?
         WHERE status = 'booked' AND service_id = ? AND start < ? RETURNING id`,
        now,
        now,
        serviceId,
        startedBefore,
      )
      .toArray()
      .map((row) => row.id);
  }

  /** Erases the personal data of appointments (or cancellations) before `cutoff`. */
  eraseBefore(cutoff: number, now: number): number {
    return this.sql.exec(
      `UPDATE appointments SET name = NULL, email = NULL, phone = NULL, reason = NULL, address = NULL,
         personal_erased_at = ?
       WHERE personal_erased_at IS NULL AND (start < ? OR cancelled_at < ?)`,
      now,
      cutoff,
      cutoff,
    ).rowsWritten;
  }

  /** Staff keep a booking despite its conflict: the flag goes, and this reason is not raised again. */
  keepDespiteConflict(id: string, now: number): void {
    this.sql.exec(
      `UPDATE appointments SET conflict_kept = conflict, conflict = NULL, updated_at = ?
       WHERE id = ? AND status = 'booked' AND conflict IS NOT NULL`,
      now,
      id,
    );
  }

  /**
   * Stores the conflicts of every booking that holds a seat, as computed
   * against the configuration now: a booking no longer in conflict loses its
   * flag (and what was kept), one whose reason is the one staff kept stays
   * unflagged. Returns how many bookings are flagged; `raised` hears of each
   * booking whose flag is new or has a new reason (after its row is written).
   */
  storeConflicts(
    conflicts: ReadonlyMap<string, ConflictReason>,
    now: number,
    raised?: (id: string) => void,
  ): number {
    const rows = this.sql
      .exec<Pick<AppointmentRow, "id" | "conflict" | "conflict_kept" | "conflict_at">>(
        `SELECT id, conflict, conflict_kept, conflict_at FROM appointments
         WHERE status = 'booked' AND (conflict IS NOT NULL OR conflict_kept IS NOT NULL)`,
      )
      .toArray();
    const known = new Set(rows.map((row) => row.id));
    for (const id of conflicts.keys())
      if (!known.has(id)) rows.push({ id, conflict: null, conflict_kept: null, conflict_at: null });
    let flagged = 0;
    for (const row of rows) {
      const reason = conflicts.get(row.id) ?? null;
      const kept = reason === null ? null : row.conflict_kept;
      const conflict = reason === kept ? null : reason;
      const at = conflict === null ? null : row.conflict === null ? now : row.conflict_at;
      if (conflict !== null) flagged++;
      if (conflict === row.conflict && kept === row.conflict_kept && at === row.conflict_at)
        continue;
      this.sql.exec(
        `UPDATE appointments SET conflict = ?, conflict_kept = ?, conflict_at = ? WHERE id = ? AND status = 'booked'`,
        conflict,
        kept,
        at,
        row.id,
      );
      if (conflict !== null && conflict !== row.conflict) raised?.(row.id);
    }
    return flagged;
  }

  // ── Reads ───────────────────────────────────────────────────────────────
  /** Every booking that holds a seat from `from` on: what a change of configuration is checked against. */
  seatHolders(from: number): SeatHolder[] {
    return this.sql
      .exec<{
        id: string;
        service_id: string;
        start: number;
        status: "booked" | "checked-in";
        created_at: number;
      }>(
        `SELECT id, service_id, start, status, created_at FROM appointments WHERE start >= ? AND ${HOLDS_SEAT}`,
        from,
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        serviceId: row.service_id,
        start: row.start,
        status: row.status,
        createdAt: row.created_at,
      }));
  }

  /** Whether any booking is flagged: a freed seat may then settle another's over_seats. */
  anyInConflict(): boolean {
    return (
      this.sql.exec(`SELECT 1 FROM appointments WHERE conflict IS NOT NULL LIMIT 1`).toArray()
        .length > 0
    );
  }

  /** Booked appointments in conflict from `from` on, by start then code. */
  inConflict(from: number): AppointmentRow[] {
    return this.sql
      .exec<AppointmentRow>(
        `SELECT * FROM appointments WHERE conflict IS NOT NULL AND status = 'booked' AND start >= ?
         ORDER BY start, code`,
        from,
      )
      .toArray();
  }

  byId(id: string): AppointmentRow | null {
    return this.one(`SELECT * FROM appointments WHERE id = ?`, id);
  }

  byTokenHash(tokenHash: string): AppointmentRow | null {
    return this.one(`SELECT * FROM appointments WHERE token_hash = ?`, tokenHash);
  }

  /** The booking a code names: the active one, else the latest that had it. */
  byCode(code: string): AppointmentRow | null {
    return this.one(
      `SELECT * FROM appointments WHERE code = ?
       ORDER BY CASE WHEN ${HOLDS_SEAT} THEN 0 ELSE 1 END, created_at DESC LIMIT 1`,
      code,
    );
  }

  codeInUse(code: string): boolean {
    return this.one(`SELECT id FROM appointments WHERE code = ? AND ${HOLDS_SEAT}`, code) !== null;
  }

  /** The seats taken at one start of a service. */
  takenSeats(serviceId: string, start: number): number[] {
    return this.sql
      .exec<{ seat: number }>(
        `SELECT seat FROM appointments WHERE service_id = ? AND start = ? AND ${HOLDS_SEAT}`,
        serviceId,
        start,
      )
      .toArray()
      .map((row) => row.seat);
  }

  /** How many seats are taken at each start of a service between two instants (both included). */
  takenByStart(serviceId: string, from: number, to: number): Map<number, number> {
    const taken = new Map<number, number>();
    for (const row of this.sql.exec<{ start: number; taken: number }>(
      `SELECT start, COUNT(*) AS taken FROM appointments
       WHERE service_id = ? AND start >= ? AND start <= ? AND ${HOLDS_SEAT} GROUP BY start`,
      serviceId,
      from,
      to,
    ))
      taken.set(row.start, row.taken);
    return taken;
  }

  /** Booked appointments of a service held by this e-mail or phone. */
  bookedForContact(serviceId: string, contact: { email: string | null; phone: string | null }) {
    return this.sql
      .exec<{ count: number }>(
        `SELECT COUNT(*) AS count FROM appointments WHERE service_id = ? AND status = 'booked'
         AND ((? IS NOT NULL AND email = ?) OR (? IS NOT NULL AND phone = ?))`,
        serviceId,
        contact.email,
        contact.email,
        contact.phone,
        contact.phone,
      )
      .one().count;
  }

  /** Public bookings made since `since`, from one address or (null) from anywhere. */
  publicBookingsSince(since: number, address: string | null): number {
    return this.sql
      .exec<{ count: number }>(
        `SELECT COUNT(*) AS count FROM appointments WHERE created_at >= ? AND channel = 'public'
         AND (? IS NULL OR address = ?)`,
        since,
        address,
        address,
      )
      .one().count;
  }

  /** Appointments starting between two instants (from included, to excluded), by start then code. */
  startingBetween(from: number, to: number): AppointmentRow[] {
    return this.sql
      .exec<AppointmentRow>(
        `SELECT * FROM appointments WHERE start >= ? AND start < ? ORDER BY start, code`,
        from,
        to,
      )
      .toArray();
  }

  /**
   * The anonymous facts of the appointments starting between two instants (from included,
   * to excluded), for the reports. Never a personal column: the reports read the same
   * before and after the erasure. `slotMinutes` is the service's current slot length.
   */
  forReport(
    from: number,
    to: number,
    slotMinutes: (serviceId: string) => number | null,
  ): ReportAppointment[] {
    return this.reportRows(from, to, null, -1, slotMinutes);
  }

  /**
   * At most `limit` of the same, after the booking `after` (by start, then id): one page of
   * an export, so a long range is read in bounded steps between which the office answers
   * other requests.
   */
  forReportPage(
    from: number,
    to: number,
    after: { start: number; id: string } | null,
    limit: number,
    slotMinutes: (serviceId: string) => number | null,
  ): ReportAppointment[] {
    return this.reportRows(from, to, after, limit, slotMinutes);
  }

  private reportRows(
    from: number,
    to: number,
    after: { start: number; id: string } | null,
    limit: number,
    slotMinutes: (serviceId: string) => number | null,
  ): ReportAppointment[] {
    return this.sql
      .exec<
        Pick<
          AppointmentRow,
          | "id"
          | "service_id"
          | "start"
          | "status"
          | "channel"
          | "created_at"
          | "checked_in_at"
          | "cancelled_at"
          | "missed_at"
          | "ticket_id"
        >
      >(
        `SELECT id, service_id, start, status, channel, created_at, checked_in_at, cancelled_at, missed_at, ticket_id
         FROM appointments WHERE start >= ? AND start < ? AND (start > ? OR (start = ? AND id > ?))
         ORDER BY start, id LIMIT ?`,
        from,
        to,
        after?.start ?? from - 1,
        after?.start ?? from - 1,
        after?.id ?? "",
        limit,
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        serviceId: row.service_id,
        start: row.start,
        slotMinutes: slotMinutes(row.service_id),
        status: row.status,
        channel: row.channel,
        bookedAt: row.created_at,
        checkedInAt: row.checked_in_at,
        cancelledAt: row.cancelled_at,
        missedAt: row.missed_at,
        ticketId: row.ticket_id,
      }));
  }

  /** The earliest start of a booked appointment, per service: when each service's next one may be missed. */
  earliestBookedByService(): { serviceId: string; start: number }[] {
    return this.sql
      .exec<{ service_id: string; start: number }>(
        `SELECT service_id, MIN(start) AS start FROM appointments WHERE status = 'booked' GROUP BY service_id`,
      )
      .toArray()
      .map((row) => ({ serviceId: row.service_id, start: row.start }));
  }

  /** The earliest instant (a start, or a cancellation) whose day decides the next erasure. */
  earliestToErase(): number | null {
    return this.sql
      .exec<{ at: number | null }>(
        `SELECT MIN(MIN(start, COALESCE(cancelled_at, start))) AS at FROM appointments
         WHERE personal_erased_at IS NULL`,
      )
      .one().at;
  }

  private one(query: string, ...bindings: SqlStorageValue[]): AppointmentRow | null {
    return this.sql.exec<AppointmentRow>(query, ...bindings).toArray()[0] ?? null;
  }
}
