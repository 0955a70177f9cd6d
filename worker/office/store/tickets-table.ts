import type { Ticket, TicketStatus } from "../../../shared/protocol/ticket";
import type { ReportTicket } from "../../../shared/reports";

/**
 * The `tickets` table: one row per ticket ever issued, the projection of the
 * event log that the office writes in the same transaction as each event.
 * This class is the only one that reads or writes it, so the row has one
 * shape and one mapping to each of the two views of a ticket: the live
 * engine's `Ticket` and the reports' `ReportTicket`.
 */
interface TicketRow extends Record<string, SqlStorageValue> {
  id: string;
  day: string;
  code: string;
  service_id: string;
  priority: number;
  status: string;
  lang: string | null;
  channel: string;
  issued_at: number;
  queued_at: number;
  target_counter_id: string | null;
  counter_id: string | null;
  called_at: number | null;
  /** The first call: called_at moves with recalls and transfers, the wait ends at the first. */
  first_called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  recalls: number;
  transfers: number;
  /** Who called it, and the name shown then. */
  clerk_id: string | null;
  clerk_name: string | null;
  /** The appointment it was issued for at check-in, if any. */
  appointment_id: string | null;
  appointment_slot_start: number | null;
}

type ReportRow = Pick<
  TicketRow,
  | "id"
  | "day"
  | "code"
  | "service_id"
  | "counter_id"
  | "clerk_id"
  | "clerk_name"
  | "status"
  | "channel"
  | "priority"
  | "issued_at"
  | "first_called_at"
  | "called_at"
  | "started_at"
  | "finished_at"
  | "transfers"
  | "recalls"
  | "appointment_id"
  | "appointment_slot_start"
>;

/** What a report reads: fewer columns than the live ticket, for a year's worth of rows. */
const REPORT_COLUMNS = `id, day, code, service_id, counter_id, clerk_id, clerk_name, status, channel, priority,
  issued_at, first_called_at, called_at, started_at, finished_at, transfers, recalls, appointment_id,
  appointment_slot_start`;

const ACTIVE = `status IN ('waiting', 'called', 'serving')`;

export type FinalStatus = Extract<TicketStatus, "done" | "no-show" | "cancelled">;

export class TicketsTable {
  constructor(private readonly sql: SqlStorage) {}

  // ── Writes, from the office's events ────────────────────────────────────
  insertIssued(ticket: Ticket, day: string, token: string): void {
    this.sql.exec(
      `INSERT INTO tickets (id, day, code, service_id, priority, status, lang, channel, issued_at, queued_at, token,
         appointment_id, appointment_slot_start)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ticket.id,
      day,
      ticket.code,
      ticket.serviceId,
      ticket.priority ? 1 : 0,
      ticket.status,
      ticket.lang,
      ticket.channel,
      ticket.issuedAt,
      ticket.queuedAt,
      token,
      ticket.appointment?.id ?? null,
      ticket.appointment?.slotStart ?? null,
    );
  }

  markFirstCalled(ticketId: string, at: number): void {
    this.sql.exec(
      `UPDATE tickets SET first_called_at = COALESCE(first_called_at, ?) WHERE id = ?`,
      at,
      ticketId,
    );
  }

  /** A ticket still in the live queue, as the engine now has it. */
  updateActive(ticket: Ticket): void {
    this.sql.exec(
      `UPDATE tickets SET service_id = ?, status = ?, target_counter_id = ?, counter_id = ?, called_at = ?,
         started_at = ?, recalls = ?, transfers = ? WHERE id = ?`,
      ticket.serviceId,
      ticket.status,
      ticket.targetCounterId,
      ticket.counterId,
      ticket.calledAt,
      ticket.startedAt,
      ticket.recalls,
      ticket.transfers,
      ticket.id,
    );
  }

  finish(ticketId: string, status: FinalStatus, at: number, counterId: string | null): void {
    this.sql.exec(
      `UPDATE tickets SET status = ?, finished_at = ?, counter_id = COALESCE(?, counter_id) WHERE id = ?`,
      status,
      at,
      counterId,
      ticketId,
    );
  }

  /** The day ended: whatever is still in the queue expires. */
  expireActive(at: number): void {
    this.sql.exec(`UPDATE tickets SET status = 'expired', finished_at = ? WHERE ${ACTIVE}`, at);
  }

  /** Who called the ticket (for the reports' per-clerk figures). */
  recordClerk(ticketId: string, clerkId: string, clerkName: string): void {
    this.sql.exec(
      `UPDATE tickets SET clerk_id = ?, clerk_name = ? WHERE id = ?`,
      clerkId,
      clerkName,
      ticketId,
    );
  }

  /** A past ticket brought in whole; false when its id is already there. */
  importPast(ticket: ReportTicket, token: string): boolean {
    const cursor = this.sql.exec(
      `INSERT OR IGNORE INTO tickets (id, day, code, service_id, priority, status, lang, channel, issued_at,
         queued_at, target_counter_id, counter_id, called_at, started_at, finished_at, recalls, transfers,
         token, clerk_id, clerk_name, first_called_at, appointment_id, appointment_slot_start)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ticket.id,
      ticket.day,
      ticket.code,
      ticket.serviceId,
      ticket.priority ? 1 : 0,
      ticket.status,
      ticket.channel,
      ticket.issuedAt,
      ticket.issuedAt,
      ticket.counterId,
      ticket.calledAt,
      ticket.startedAt,
      ticket.finishedAt,
      ticket.recalls,
      ticket.transfers,
      token,
      ticket.clerkId,
      ticket.clerkName,
      ticket.calledAt,
      ticket.appointment?.id ?? null,
      ticket.appointment?.slotStart ?? null,
    );
    return cursor.rowsWritten > 0;
  }

  // ── Retention (worker/office/office-retention.ts) ───────────────────────
  /**
   * Tracking tokens of days before `beforeDay`, at most `limit`, replaced by
   * "erased:" and the ticket's id: unique as the column wants, and never a
   * token (a token has no colon), so the link stops working. Answers how many.
   */
  eraseTokensBefore(beforeDay: string, limit: number): number {
    return this.sql
      .exec(
        `UPDATE tickets SET token = 'erased:' || id WHERE id IN
           (SELECT id FROM tickets WHERE day < ? AND token NOT LIKE 'erased:%' LIMIT ?) RETURNING id`,
        beforeDay,
        limit,
      )
      .toArray().length;
  }

  /** Forgets who called the tickets of days before `beforeDay`, at most `limit`; answers their days. */
  forgetClerksBefore(beforeDay: string, limit: number): { count: number; days: string[] } {
    const days = this.sql
      .exec<{ day: string }>(
        `UPDATE tickets SET clerk_id = NULL, clerk_name = NULL WHERE id IN
           (SELECT id FROM tickets WHERE day < ? AND clerk_id IS NOT NULL LIMIT ?) RETURNING day`,
        beforeDay,
        limit,
      )
      .toArray()
      .map((row) => row.day);
    return { count: days.length, days: [...new Set(days)] };
  }

  // ── Reads ───────────────────────────────────────────────────────────────
  /** The live queue's tickets, for loading the state. */
  active(): Ticket[] {
    return this.sql
      .exec<TicketRow>(`SELECT * FROM tickets WHERE ${ACTIVE}`)
      .toArray()
      .map(toTicket);
  }

  byToken(token: string): Ticket | null {
    const row = this.sql
      .exec<TicketRow>(`SELECT * FROM tickets WHERE token = ?`, token)
      .toArray()[0];
    return row ? toTicket(row) : null;
  }

  byId(ticketId: string): Ticket | null {
    const row = this.sql
      .exec<TicketRow>(`SELECT * FROM tickets WHERE id = ?`, ticketId)
      .toArray()[0];
    return row ? toTicket(row) : null;
  }

  /** Tickets issued on local days from..to (inclusive), oldest first, as the reports read them. */
  *between(from: string, to: string): Generator<ReportTicket> {
    const rows = this.sql.exec<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM tickets WHERE day >= ? AND day <= ? ORDER BY issued_at`,
      from,
      to,
    );
    for (const row of rows) yield toReportTicket(row);
  }

  /**
   * The first day after `after` (or from `from`, when null) up to `to` that has tickets:
   * one step of an export that reads a day at a time (an index seek, however long the range).
   */
  nextDayWithTickets(after: string | null, from: string, to: string): string | null {
    return (
      this.sql
        .exec<{ day: string }>(
          `SELECT day FROM tickets WHERE day > ? AND day >= ? AND day <= ? ORDER BY day LIMIT 1`,
          after ?? "",
          from,
          to,
        )
        .toArray()[0]?.day ?? null
    );
  }

  /**
   * At most `limit` tickets of one day after the ticket `after` (by issue time, then id),
   * as the reports read them: a page of an export, bounded however many tickets a day holds.
   */
  pageOfDay(
    day: string,
    after: { issuedAt: number; id: string } | null,
    limit: number,
  ): ReportTicket[] {
    return this.sql
      .exec<ReportRow>(
        `SELECT ${REPORT_COLUMNS} FROM tickets
         WHERE day = ? AND (issued_at > ? OR (issued_at = ? AND id > ?))
         ORDER BY issued_at, id LIMIT ?`,
        day,
        after?.issuedAt ?? Number.MIN_SAFE_INTEGER,
        after?.issuedAt ?? Number.MIN_SAFE_INTEGER,
        after?.id ?? "",
        limit,
      )
      .toArray()
      .map(toReportTicket);
  }

  /** The ticket with this id as the reports read it. */
  reportTicketById(ticketId: string): ReportTicket | null {
    const row = this.sql
      .exec<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM tickets WHERE id = ?`, ticketId)
      .toArray()[0];
    return row ? toReportTicket(row) : null;
  }

  /** The days in from..to that have tickets. */
  daysWithTickets(from: string, to: string): string[] {
    return this.sql
      .exec<{ day: string }>(
        `SELECT DISTINCT day FROM tickets WHERE day >= ? AND day <= ?`,
        from,
        to,
      )
      .toArray()
      .map((row) => row.day);
  }

  /** One day's tickets by service and status. */
  countsOfDay(day: string): { serviceId: string; status: string; count: number }[] {
    return this.sql
      .exec<{ service_id: string; status: string; count: number }>(
        `SELECT service_id, status, COUNT(*) AS count FROM tickets WHERE day = ? GROUP BY service_id, status`,
        day,
      )
      .toArray()
      .map((row) => ({ serviceId: row.service_id, status: row.status, count: row.count }));
  }
}

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    code: row.code,
    serviceId: row.service_id,
    priority: row.priority === 1,
    status: row.status as TicketStatus,
    lang: row.lang,
    channel: row.channel as Ticket["channel"],
    issuedAt: row.issued_at,
    queuedAt: row.queued_at,
    targetCounterId: row.target_counter_id,
    counterId: row.counter_id,
    calledAt: row.called_at,
    startedAt: row.started_at,
    recalls: row.recalls,
    transfers: row.transfers,
    appointment: appointmentOf(row),
  };
}

function toReportTicket(row: ReportRow): ReportTicket {
  return {
    id: row.id,
    day: row.day,
    code: row.code,
    serviceId: row.service_id,
    counterId: row.counter_id,
    clerkId: row.clerk_id,
    clerkName: row.clerk_name,
    status: row.status as ReportTicket["status"],
    channel: row.channel as ReportTicket["channel"],
    priority: row.priority === 1,
    issuedAt: row.issued_at,
    calledAt: row.first_called_at ?? row.called_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    transfers: row.transfers,
    recalls: row.recalls,
    appointment: appointmentOf(row),
  };
}

function appointmentOf(
  row: Pick<TicketRow, "appointment_id" | "appointment_slot_start">,
): Ticket["appointment"] {
  return row.appointment_id !== null && row.appointment_slot_start !== null
    ? { id: row.appointment_id, slotStart: row.appointment_slot_start }
    : null;
}
