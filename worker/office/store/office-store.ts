import * as z from "zod/mini";
import { assertNever } from "../../../shared/assert-never";
import { OfficeConfig } from "../../../shared/protocol/config";
import type { OfficeEvent } from "../../../shared/protocol/events";
import {
  CounterState,
  Notice,
  type OfficeState,
  RecentCall,
  ServiceTiming,
} from "../../../shared/protocol/state";
import { migrate } from "../../storage/migrations";
import { OFFICE_MIGRATIONS } from "../office-migrations";
import { type FinalStatus, TicketsTable } from "./tickets-table";

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

const TERMINAL_STATUS_BY_EVENT = {
  ticketCompleted: "done",
  ticketNoShow: "no-show",
  ticketCancelled: "cancelled",
} as const satisfies Partial<Record<OfficeEvent["type"], FinalStatus>>;

/**
 * The office's queue in its SQLite storage: the configuration and the small
 * live row, the event log, and through the tickets table every ticket.
 * Every method is synchronous so a command's reads and writes run without a gap.
 */
export class OfficeStore {
  readonly tickets: TicketsTable;

  constructor(private readonly sql: SqlStorage) {
    migrate(sql, OFFICE_MIGRATIONS);
    this.tickets = new TicketsTable(sql);
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
    for (const ticket of this.tickets.active()) tickets[ticket.id] = ticket;
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
      if (ticket) this.tickets.updateActive(ticket);
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
      case "ticketIssued":
        if (!token) throw new Error("a new ticket needs its token");
        this.tickets.insertIssued(event.ticket, state.day, token);
        return;
      case "ticketCalled":
        touched.add(event.ticketId);
        this.tickets.markFirstCalled(event.ticketId, event.at);
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
        this.tickets.finish(
          event.ticketId,
          TERMINAL_STATUS_BY_EVENT[event.type],
          event.at,
          "counterId" in event ? event.counterId : null,
        );
        return;
      case "dayRolledOver":
        touched.clear();
        this.tickets.expireActive(event.at);
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
