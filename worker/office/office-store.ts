import * as z from "zod/mini";
import { assertNever } from "../../shared/assert-never";
import { OfficeConfig } from "../../shared/protocol/config";
import type { OfficeEvent } from "../../shared/protocol/events";
import {
  CounterState,
  Notice,
  type OfficeState,
  RecentCall,
  ServiceTiming,
} from "../../shared/protocol/state";
import type { Ticket, TicketStatus } from "../../shared/protocol/ticket";
import { migrate } from "../storage/migrations";
import { OFFICE_MIGRATIONS } from "./office-migrations";

/** The part of the live state that is not tickets or config, stored as one small row. */
const LiveRow = z.object({
  day: z.string(),
  lastNumbers: z.record(z.string(), z.number()),
  counters: z.record(z.string(), CounterState),
  timings: z.record(z.string(), ServiceTiming),
  recentCalls: z.array(RecentCall),
  // Added after the first release: rows written before have neither.
  closedForToday: z._default(z.array(z.string()), []),
  notice: z._default(z.nullable(Notice), null),
});

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
  started_at: number | null;
  finished_at: number | null;
  recalls: number;
  transfers: number;
}

const TERMINAL_STATUS_BY_EVENT = {
  ticketCompleted: "done",
  ticketNoShow: "no-show",
  ticketCancelled: "cancelled",
} as const satisfies Partial<Record<OfficeEvent["type"], TicketStatus>>;

/**
 * Everything the office keeps in its SQLite storage. Every method is
 * synchronous so a command's reads and writes run without a gap.
 */
export class OfficeStore {
  constructor(private readonly sql: SqlStorage) {
    migrate(sql, OFFICE_MIGRATIONS);
  }

  load(): { state: OfficeState | null; seq: number } {
    const seq =
      this.sql.exec<{ seq: number | null }>(`SELECT MAX(seq) AS seq FROM events`).one().seq ?? 0;
    const configJson = this.readKey("config");
    const liveJson = this.readKey("live");
    if (!configJson || !liveJson) return { state: null, seq };
    const config = OfficeConfig.parse(JSON.parse(configJson));
    const live = LiveRow.parse(JSON.parse(liveJson));
    const tickets: OfficeState["tickets"] = {};
    for (const row of this.sql.exec<TicketRow>(
      `SELECT * FROM tickets WHERE status IN ('waiting', 'called', 'serving')`,
    )) {
      tickets[row.id] = ticketFromRow(row);
    }
    return { state: { config, ...live, tickets }, seq };
  }

  /**
   * Writes what a command did: its events to the log, the tickets they
   * touched, and the small live row. `state` is the state after the events.
   */
  append(
    events: OfficeEvent[],
    firstSeq: number,
    state: OfficeState,
    newTicketToken: string | null,
  ): void {
    const touched = new Set<string>();
    events.forEach((event, index) => {
      this.sql.exec(
        `INSERT INTO events (seq, at, type, ticket_id, counter_id, data) VALUES (?, ?, ?, ?, ?, ?)`,
        firstSeq + index,
        event.at,
        event.type,
        "ticketId" in event
          ? event.ticketId
          : event.type === "ticketIssued"
            ? event.ticket.id
            : null,
        "counterId" in event ? event.counterId : null,
        JSON.stringify(event),
      );
      this.applyToTickets(event, state, touched, newTicketToken);
    });
    for (const ticketId of touched) {
      const ticket = state.tickets[ticketId];
      if (ticket) this.updateActiveTicket(ticket);
    }
    if (events.some((e) => e.type === "officeConfigured"))
      this.writeKey("config", JSON.stringify(state.config));
    const { day, lastNumbers, counters, timings, recentCalls, closedForToday, notice } = state;
    this.writeKey(
      "live",
      JSON.stringify({ day, lastNumbers, counters, timings, recentCalls, closedForToday, notice }),
    );
  }

  private applyToTickets(
    event: OfficeEvent,
    state: OfficeState,
    touched: Set<string>,
    token: string | null,
  ) {
    switch (event.type) {
      case "ticketIssued": {
        const t = event.ticket;
        if (!token) throw new Error("a new ticket needs its token");
        this.sql.exec(
          `INSERT INTO tickets (id, day, code, service_id, priority, status, lang, channel, issued_at, queued_at, token)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          t.id,
          state.day,
          t.code,
          t.serviceId,
          t.priority ? 1 : 0,
          t.status,
          t.lang,
          t.channel,
          t.issuedAt,
          t.queuedAt,
          token,
        );
        return;
      }
      case "ticketCalled":
        touched.add(event.ticketId);
        this.sql.exec(
          `UPDATE tickets SET first_called_at = COALESCE(first_called_at, ?) WHERE id = ?`,
          event.at,
          event.ticketId,
        );
        return;
      case "ticketRecalled":
      case "serviceStarted":
      case "ticketTransferred":
        touched.add(event.ticketId);
        return;
      case "ticketCompleted":
      case "ticketNoShow":
      case "ticketCancelled":
        touched.delete(event.ticketId);
        this.sql.exec(
          `UPDATE tickets SET status = ?, finished_at = ?, counter_id = COALESCE(?, counter_id) WHERE id = ?`,
          TERMINAL_STATUS_BY_EVENT[event.type],
          event.at,
          "counterId" in event ? event.counterId : null,
          event.ticketId,
        );
        return;
      case "dayRolledOver":
        touched.clear();
        this.sql.exec(
          `UPDATE tickets SET status = 'expired', finished_at = ? WHERE status IN ('waiting', 'called', 'serving')`,
          event.at,
        );
        return;
      case "officeConfigured":
      case "counterModeChanged":
      case "serviceTodayChanged":
      case "noticeChanged":
        return;
      default:
        assertNever(event);
    }
  }

  private updateActiveTicket(t: Ticket) {
    this.sql.exec(
      `UPDATE tickets SET service_id = ?, status = ?, target_counter_id = ?, counter_id = ?, called_at = ?,
         started_at = ?, recalls = ?, transfers = ? WHERE id = ?`,
      t.serviceId,
      t.status,
      t.targetCounterId,
      t.counterId,
      t.calledAt,
      t.startedAt,
      t.recalls,
      t.transfers,
      t.id,
    );
  }

  findTicketByToken(token: string): Ticket | null {
    const row = this.sql
      .exec<TicketRow>(`SELECT * FROM tickets WHERE token = ?`, token)
      .toArray()[0];
    return row ? ticketFromRow(row) : null;
  }

  findTicket(ticketId: string): Ticket | null {
    const row = this.sql
      .exec<TicketRow>(`SELECT * FROM tickets WHERE id = ?`, ticketId)
      .toArray()[0];
    return row ? ticketFromRow(row) : null;
  }

  /** Answers recorded for Idempotency-Key, kept for a day. */
  findIdempotent(key: string): { fingerprint: string; status: number; body: string } | null {
    return (
      this.sql
        .exec<{ fingerprint: string; status: number; body: string }>(
          `SELECT fingerprint, status, body FROM idempotency WHERE key = ?`,
          key,
        )
        .toArray()[0] ?? null
    );
  }

  saveIdempotent(
    key: string,
    fingerprint: string,
    status: number,
    body: string,
    now: number,
  ): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO idempotency (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)`,
      key,
      fingerprint,
      status,
      body,
      now,
    );
  }

  forgetIdempotentBefore(cutoff: number): void {
    this.sql.exec(`DELETE FROM idempotency WHERE created_at < ?`, cutoff);
  }

  private readKey(key: string): string | null {
    return (
      this.sql.exec<{ value: string }>(`SELECT value FROM office WHERE key = ?`, key).toArray()[0]
        ?.value ?? null
    );
  }

  private writeKey(key: string, value: string) {
    this.sql.exec(`INSERT OR REPLACE INTO office (key, value) VALUES (?, ?)`, key, value);
  }
}

function ticketFromRow(row: TicketRow): Ticket {
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
  };
}
