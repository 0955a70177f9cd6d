import type { ReportTicket } from "../../shared/reports";

/*
 * A small office history whose figures are worked out by hand in office-report.test.ts.
 *
 * Two weeks in Rome, Monday 3 – Sunday 16 March 2025 (winter time, UTC+1, so every clock
 * time below is "+01:00"); services anagrafe (A…) and tributi (T…); counters sportello-1
 * and sportello-2; clerks Anna (mostly at sportello-1) and Bruno (at sportello-2).
 * Whole minutes everywhere, so the expected figures are exact.
 */

export const ANNA = { clerkId: "acc_anna", clerkName: "Anna Bianchi" };
export const BRUNO = { clerkId: "acc_bruno", clerkName: "Bruno Verdi" };
const NOBODY = { clerkId: null, clerkName: null };

export const RANGE = { from: "2025-03-03", to: "2025-03-16" } as const;
export const TIME_ZONE = "Europe/Rome";
export const TARGET_WAIT_MINUTES = 20;

/** An instant in Rome's winter time. */
export const romeWinter = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+01:00`);

interface Row {
  code: string;
  day: string;
  service: "anagrafe" | "tributi";
  issued: string;
  called: string | null;
  started: string | null;
  finished: string | null;
  counter: "sportello-1" | "sportello-2" | null;
  clerk: { clerkId: string | null; clerkName: string | null };
  status: ReportTicket["status"];
  extra?: Partial<ReportTicket>;
}

function ticket(row: Row): ReportTicket {
  const at = (hhmm: string | null) => (hhmm === null ? null : romeWinter(row.day, hhmm));
  return {
    id: `${row.day}-${row.code}`,
    day: row.day,
    code: row.code,
    serviceId: row.service,
    counterId: row.counter,
    ...row.clerk,
    status: row.status,
    channel: "kiosk",
    priority: false,
    issuedAt: romeWinter(row.day, row.issued),
    calledAt: at(row.called),
    startedAt: at(row.started),
    finishedAt: at(row.finished),
    transfers: 0,
    recalls: 0,
    ...row.extra,
  };
}

// biome-ignore format: one ticket per line reads as a table
export const KNOWN_HISTORY: ReportTicket[] = [
  // #  wait = called − issued, service = finished − started (minutes)
  // Monday 3 March
  /* 1: wait 5, service 10 */ ticket({ code: "A001", day: "2025-03-03", service: "anagrafe", issued: "10:00", called: "10:05", started: "10:06", finished: "10:16", counter: "sportello-1", clerk: ANNA, status: "done" }),
  /* 2: wait 10, service 15 */ ticket({ code: "A002", day: "2025-03-03", service: "anagrafe", issued: "10:10", called: "10:20", started: "10:20", finished: "10:35", counter: "sportello-1", clerk: ANNA, status: "done" }),
  /* 3: wait 25, service 20 */ ticket({ code: "T001", day: "2025-03-03", service: "tributi", issued: "10:30", called: "10:55", started: "10:56", finished: "11:16", counter: "sportello-2", clerk: BRUNO, status: "done" }),
  /* 4: wait 32, no-show after 2 recalls */ ticket({ code: "A003", day: "2025-03-03", service: "anagrafe", issued: "11:00", called: "11:32", started: null, finished: null, counter: "sportello-1", clerk: ANNA, status: "no-show", extra: { recalls: 2 } }),
  // Tuesday 4 March
  /* 5: wait 5, service 12 (Anna at sportello-2) */ ticket({ code: "T002", day: "2025-03-04", service: "tributi", issued: "09:15", called: "09:20", started: "09:21", finished: "09:33", counter: "sportello-2", clerk: ANNA, status: "done" }),
  /* 6: never called, gave up */ ticket({ code: "A004", day: "2025-03-04", service: "anagrafe", issued: "09:40", called: null, started: null, finished: null, counter: null, clerk: NOBODY, status: "cancelled" }),
  // Monday 10 March
  /* 7: wait 20, service 12 */ ticket({ code: "A005", day: "2025-03-10", service: "anagrafe", issued: "10:05", called: "10:25", started: "10:25", finished: "10:37", counter: "sportello-2", clerk: BRUNO, status: "done" }),
  /* 8: wait 20, service 30, transferred once */ ticket({ code: "T003", day: "2025-03-10", service: "tributi", issued: "10:20", called: "10:40", started: "10:41", finished: "11:11", counter: "sportello-1", clerk: ANNA, status: "done", extra: { transfers: 1 } }),
  /* 9: wait 5, service 6, recalled once */ ticket({ code: "A006", day: "2025-03-10", service: "anagrafe", issued: "10:45", called: "10:50", started: "10:51", finished: "10:57", counter: "sportello-2", clerk: BRUNO, status: "done", extra: { recalls: 1 } }),
  // Wednesday 12 March
  /* 10: wait 42, service 15 */ ticket({ code: "T004", day: "2025-03-12", service: "tributi", issued: "15:00", called: "15:42", started: "15:43", finished: "15:58", counter: "sportello-2", clerk: BRUNO, status: "done" }),
  /* 11: wait 2, service 9 */ ticket({ code: "A007", day: "2025-03-12", service: "anagrafe", issued: "15:10", called: "15:12", started: "15:12", finished: "15:21", counter: "sportello-1", clerk: ANNA, status: "done" }),
  /* 12: wait 10, service 20, priority from the desk */ ticket({ code: "A008", day: "2025-03-12", service: "anagrafe", issued: "15:30", called: "15:40", started: "15:40", finished: "16:00", counter: "sportello-1", clerk: ANNA, status: "done", extra: { priority: true, channel: "staff" } }),
];

/** Outside the range on either side: every figure must ignore them. */
// biome-ignore format: one ticket per line reads as a table
export const OUTSIDE_RANGE: ReportTicket[] = [
  ticket({ code: "A001", day: "2025-03-02", service: "anagrafe", issued: "10:00", called: "12:00", started: "12:00", finished: "13:00", counter: "sportello-1", clerk: ANNA, status: "done" }),
  ticket({ code: "T001", day: "2025-03-17", service: "tributi", issued: "10:00", called: null, started: null, finished: null, counter: null, clerk: NOBODY, status: "no-show", extra: { transfers: 3 } }),
];
