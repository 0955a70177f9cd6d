import { addDays } from "../../shared/protocol/wall-time";
import { trimAuditByPeriods } from "../storage/audit-log";
import { DAY_MS, RETENTION_BATCH, type RetentionPeriods } from "../storage/retention";
import type { FeedbackTable } from "./store/feedback-table";
import type { IdempotencyRecords } from "./store/idempotency";
import type { TicketHistory } from "./store/ticket-history";
import type { TicketsTable } from "./store/tickets-table";
import type { WebhookOutbox } from "./store/webhook-outbox";
import { SWITCH_OFF_AFTER_MS } from "./webhooks/delivery";

/** What an office's retention reaches: its SQL and the stores that own the rows it trims. */
export interface OfficeRetentionParts {
  sql: SqlStorage;
  tickets: TicketsTable;
  history: TicketHistory;
  idempotency: IdempotencyRecords;
  webhookOutbox: WebhookOutbox;
  feedback: FeedbackTable;
}

/** How long a webhook delivery stays in its endpoint's log. */
export const WEBHOOK_LOG_DAYS = 30;

/*
 * What the office's one alarm deletes or cuts when its time is up (issue 13,
 * point 9; README "Personal data"), judged from the rows each time: the
 * audit log after `auditDays` (its addresses cut to their network after
 * `auditAddressDays`), tickets' tracking tokens `ticketTokenDays` after their
 * day, who called each ticket after `clerkFiguresDays`, recorded answers
 * after a day, webhook deliveries after WEBHOOK_LOG_DAYS and an appointment's
 * contact in the outbox once sent (3 days at most), feedback comments
 * `feedbackCommentDays` after the day of service (the score and reasons stay: they
 * say nothing of anyone). Each kind at most RETENTION_BATCH rows a run; `more` says the
 * alarm should come back soon rather than at midnight. Appointments' personal
 * data has its own rule (appointment-upkeep.ts). Safe to run twice.
 */
export function runOfficeRetention(
  parts: OfficeRetentionParts,
  periods: RetentionPeriods,
  today: string,
  now: number,
): { more: boolean } {
  const audit = trimAuditByPeriods(parts.sql, periods, now);
  const tokens = parts.tickets.eraseTokensBefore(
    addDays(today, -periods.ticketTokenDays),
    RETENTION_BATCH,
  );
  const clerks = parts.history.forgetClerksBefore(
    addDays(today, -periods.clerkFiguresDays),
    RETENTION_BATCH,
  );
  // Who works a desk now stays on the dashboard through the day, whatever the period.
  parts.history.forgetCounterStaffBefore(now - Math.max(periods.clerkFiguresDays, 1) * DAY_MS);
  parts.idempotency.forgetBefore(now - DAY_MS);
  const webhookLog = parts.webhookOutbox.forgetBefore(
    now - WEBHOOK_LOG_DAYS * DAY_MS,
    RETENTION_BATCH,
  );
  const contacts = parts.webhookOutbox.eraseContacts(now - SWITCH_OFF_AFTER_MS, RETENTION_BATCH);
  const comments = parts.feedback.eraseCommentsBefore(
    addDays(today, -periods.feedbackCommentDays),
    RETENTION_BATCH,
  );
  return {
    more:
      audit.more ||
      tokens === RETENTION_BATCH ||
      clerks === RETENTION_BATCH ||
      webhookLog === RETENTION_BATCH ||
      contacts === RETENTION_BATCH ||
      comments === RETENTION_BATCH,
  };
}
