import type { ReportTicket } from "../../../shared/reports";
import { dayNumberOf, isoDateOf } from "../../../shared/reports/calendar";

import type { TicketsTable } from "./tickets-table";

/**
 * The office's tickets as the reports read them: every ticket's history
 * flattened into a row (the tickets table is the projection of the event
 * log that the office keeps in the same transaction as each event).
 */
export class TicketHistory {
  constructor(
    private readonly sql: SqlStorage,
    private readonly tickets: TicketsTable,
  ) {}

  /** Tickets issued on local days from..to (inclusive), oldest first. */
  between(from: string, to: string): Generator<ReportTicket> {
    return this.tickets.between(from, to);
  }

  /** The first day after `after` (or from `from`) up to `to` with tickets: an export's next page. */
  nextDayWithTickets(after: string | null, from: string, to: string): string | null {
    return this.tickets.nextDayWithTickets(after, from, to);
  }

  /** At most `limit` tickets of `day` after `after` (issue time, then id): a page of an export. */
  pageOfDay(
    day: string,
    after: { issuedAt: number; id: string } | null,
    limit: number,
  ): ReportTicket[] {
    return this.tickets.pageOfDay(day, after, limit);
  }

  /** One ticket as the reports read it (an appointment's, for the appointments export). */
  ticketById(ticketId: string): ReportTicket | null {
    return this.tickets.reportTicketById(ticketId);
  }

  /**
   * The same tickets for a report, fast: days before `today` come packed from
   * the day archive (one row a day, filled for any day missing), today from
   * the tickets table. Reading 190,000 rows one by one takes seconds in a
   * Durable Object's SQLite; 300 packed days take a fraction of that.
   */
  forReport(from: string, to: string, today: string): ReportTicket[] {
    const pastEnd = to < today ? to : isoDateOf(dayNumberOf(today) - 1);
    const tickets: ReportTicket[] = [];
    if (from <= pastEnd) {
      const archived = new Set<string>();
      for (const row of this.sql.exec<{ day: string; tickets: string }>(
        `SELECT day, tickets FROM day_archive WHERE day >= ? AND day <= ?`,
        from,
        pastEnd,
      )) {
        const packedTickets = JSON.parse(row.tickets) as PackedTicket[];
        // A day packed before tickets carried their appointment: packed again, from the table.
        if (packedTickets.some((packed) => packed.length < PACKED_LENGTH)) continue;
        archived.add(row.day);
        for (const packed of packedTickets) tickets.push(unpack(row.day, packed));
      }
      const missing = this.tickets
        .daysWithTickets(from, pastEnd)
        .filter((day) => !archived.has(day));
      for (const day of missing) tickets.push(...this.archiveDay(day));
    }
    if (to >= today && from <= today) tickets.push(...this.between(today, today));
    return tickets;
  }

  /** Packs a finished day into the archive (again, if it changed) and returns its tickets. */
  archiveDay(day: string): ReportTicket[] {
    const tickets = [...this.between(day, day)];
    if (tickets.length === 0) {
      this.sql.exec(`DELETE FROM day_archive WHERE day = ?`, day);
      return tickets;
    }
    this.sql.exec(
      `INSERT OR REPLACE INTO day_archive (day, tickets) VALUES (?, ?)`,
      day,
      JSON.stringify(tickets.map(pack)),
    );
    return tickets;
  }

  /** Who called: recorded on the ticket and as the counter's current clerk. */
  recordClerk(ticketId: string, counterId: string, clerkId: string, clerkName: string, at: number) {
    this.tickets.recordClerk(ticketId, clerkId, clerkName);
    this.recordCounterStaff(counterId, clerkId, clerkName, at);
  }

  recordCounterStaff(counterId: string, clerkId: string, clerkName: string, at: number) {
    this.sql.exec(
      `INSERT OR REPLACE INTO counter_staff (counter_id, clerk_id, clerk_name, at) VALUES (?, ?, ?, ?)`,
      counterId,
      clerkId,
      clerkName,
      at,
    );
  }

  /**
   * Forgets who called the tickets of days before `beforeDay` (at most `limit`
   * tickets), in the table and in those days' packed rows; answers how many.
   */
  forgetClerksBefore(beforeDay: string, limit: number): number {
    const { count, days } = this.tickets.forgetClerksBefore(beforeDay, limit);
    for (const day of days) {
      const archived = this.sql
        .exec(`SELECT 1 FROM day_archive WHERE day = ?`, day)
        .toArray().length;
      if (archived > 0) this.archiveDay(day);
    }
    return count;
  }

  /** Forgets who worked a counter last, once that is older than `before`. */
  forgetCounterStaffBefore(before: number): void {
    this.sql.exec(`DELETE FROM counter_staff WHERE at < ?`, before);
  }

  /** The person who last worked each counter, and when. */
  counterStaff(): Record<string, { clerkId: string; clerkName: string; at: number }> {
    const staff: Record<string, { clerkId: string; clerkName: string; at: number }> = {};
    for (const row of this.sql.exec<{
      counter_id: string;
      clerk_id: string;
      clerk_name: string;
      at: number;
    }>(`SELECT * FROM counter_staff`)) {
      staff[row.counter_id] = { clerkId: row.clerk_id, clerkName: row.clerk_name, at: row.at };
    }
    return staff;
  }

  /** Today's tickets by service and outcome, for the dashboard. */
  dayCounts(day: string): { serviceId: string; status: string; count: number }[] {
    return this.tickets.countsOfDay(day);
  }

  /**
   * Past tickets brought in whole (npm run demo:history, or a migration from
   * another system). Only days before `today`, so the live queue is never touched;
   * an id already present is skipped. Returns how many were added.
   */
  importPast(tickets: readonly ReportTicket[], today: string, newToken: () => string): number {
    let added = 0;
    const days = new Set<string>();
    for (const t of tickets) {
      if (t.day >= today) continue;
      if (this.tickets.importPast(t, newToken())) {
        added++;
        days.add(t.day);
      }
    }
    for (const day of days) this.archiveDay(day);
    return added;
  }
}

/** A ticket without its day, as an array: the archive row of a busy day stays small. */
type PackedTicket = [
  id: string,
  code: string,
  serviceId: string,
  counterId: string | null,
  clerkId: string | null,
  clerkName: string | null,
  status: ReportTicket["status"],
  channel: ReportTicket["channel"],
  priority: 0 | 1,
  issuedAt: number,
  calledAt: number | null,
  startedAt: number | null,
  finishedAt: number | null,
  transfers: number,
  recalls: number,
  appointmentId: string | null,
  appointmentSlotStart: number | null,
];
const PACKED_LENGTH = 17;

function pack(t: ReportTicket): PackedTicket {
  return [
    t.id,
    t.code,
    t.serviceId,
    t.counterId,
    t.clerkId,
    t.clerkName,
    t.status,
    t.channel,
    t.priority ? 1 : 0,
    t.issuedAt,
    t.calledAt,
    t.startedAt,
    t.finishedAt,
    t.transfers,
    t.recalls,
    t.appointment?.id ?? null,
    t.appointment?.slotStart ?? null,
  ];
}

function unpack(day: string, p: PackedTicket): ReportTicket {
  return {
    id: p[0],
    day,
    code: p[1],
    serviceId: p[2],
    counterId: p[3],
    clerkId: p[4],
    clerkName: p[5],
    status: p[6],
    channel: p[7],
    priority: p[8] === 1,
    issuedAt: p[9],
    calledAt: p[10],
    startedAt: p[11],
    finishedAt: p[12],
    transfers: p[13],
    recalls: p[14],
    appointment: p[15] !== null && p[16] !== null ? { id: p[15], slotStart: p[16] } : null,
  };
}
