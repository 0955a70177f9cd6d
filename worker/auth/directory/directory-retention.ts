import { trimAuditByPeriods } from "../../storage/audit-log";
import { DAY_MS, RETENTION_BATCH, type RetentionPeriods } from "../../storage/retention";
import { SESSION_IDLE_MS } from "./sessions";
import type { SignInLimits } from "./sign-in-limits";
import type { DirectoryStore } from "./store/directory-store";

/** How often the Directory's alarm runs when it has nothing left over. */
export const DIRECTORY_RETENTION_EVERY_MS = 60 * 60 * 1000;

/*
 * What the Directory's alarm deletes or cuts when its time is up (issue 13,
 * point 9; README "Personal data"): the installation's audit log after
 * `auditDays` (addresses cut to their network after `auditAddressDays`),
 * sessions that have ended, sign-in attempts and wrong pairing codes after a
 * day, addresses an account no longer counts as known, expired pairing
 * codes, and devices revoked longer ago than the audit period (their name
 * and who paired them: the audit log, which tells the revocation, goes then too). Each kind at most RETENTION_BATCH rows a run; `more` says the alarm
 * should come back soon. Safe to run twice.
 */
export function runDirectoryRetention(
  parts: { sql: SqlStorage; store: DirectoryStore; limits: SignInLimits },
  periods: RetentionPeriods,
  now: number,
): { more: boolean } {
  const audit = trimAuditByPeriods(parts.sql, periods, now);
  const sessions = parts.store.sessions.deleteEnded(now, now - SESSION_IDLE_MS, RETENTION_BATCH);
  const limits = parts.limits.forgetExpired(now, RETENTION_BATCH);
  parts.store.pairingCodes.deleteExpiredBefore(now);
  const devices = parts.store.devices.deleteRevokedBefore(
    now - periods.auditDays * DAY_MS,
    RETENTION_BATCH,
  );
  return {
    more: audit.more || limits.more || sessions === RETENTION_BATCH || devices === RETENTION_BATCH,
  };
}
