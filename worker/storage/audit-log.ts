import type { Actor, AuditEntry } from "../../shared/protocol/auth";
import { DAY_MS, RETENTION_BATCH, type RetentionPeriods, RetentionProgress } from "./retention";

/**
 * Who did which staff action when, in an object's own storage: each office
 * keeps one, and the Directory keeps the installation's. Written in the
 * caller's transaction.
 */
export class AuditLog {
  constructor(private readonly sql: SqlStorage) {}

  append(at: number, actor: Actor, action: string, detail: Record<string, unknown>): void {
    this.sql.exec(
      `INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)`,
      at,
      JSON.stringify(actor),
      action,
      JSON.stringify(detail),
    );
  }

  /** Newest first; `before` pages back by entry id. */
  list(options: { before?: number; limit: number }): AuditEntry[] {
    return this.sql
      .exec<{ id: number; at: number; actor: string; action: string; detail: string }>(
        `SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`,
        options.before ?? Number.MAX_SAFE_INTEGER,
        options.limit,
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        at: row.at,
        actor: JSON.parse(row.actor),
        action: row.action,
        detail: JSON.parse(row.detail),
      }));
  }
}

/**
 * The audit log's retention, run by the object's alarm: entries older than
 * `keepBefore` go; the client address of entries older than
 * `addressesBefore` is cut to its network. Oldest first, at most `limit`
 * rows of each per run, resuming where the last run stopped (`progress`
 * keeps the last entry whose address was cut); entries are appended in time
 * order, so the first entry young enough ends each pass. Running it twice
 * changes nothing the second time. Answers whether work is left.
 */
export function trimAuditLog(
  sql: SqlStorage,
  progress: RetentionProgress,
  cutoffs: { keepBefore: number; addressesBefore: number },
  limit: number,
): { more: boolean } {
  const old = sql
    .exec<{ id: number; at: number }>(`SELECT id, at FROM audit ORDER BY id LIMIT ?`, limit)
    .toArray();
  const firstKept = old.findIndex((row) => row.at >= cutoffs.keepBefore);
  const deleted = firstKept === -1 ? old.length : firstKept;
  if (deleted > 0) sql.exec(`DELETE FROM audit WHERE id <= ?`, old[deleted - 1]!.id);
  const through = Number(progress.get(ADDRESSES_CUT) ?? 0);
  const rows = sql
    .exec<{ id: number; at: number; actor: string }>(
      `SELECT id, at, actor FROM audit WHERE id > ? ORDER BY id LIMIT ?`,
      through,
      limit,
    )
    .toArray();
  let last = through;
  let reachedYoung = false;
  for (const row of rows) {
    if (row.at >= cutoffs.addressesBefore) {
      reachedYoung = true;
      break;
    }
    const actor = JSON.parse(row.actor) as Actor;
    if (actor.address) {
      const cut = { ...actor, address: networkOf(actor.address) };
      sql.exec(`UPDATE audit SET actor = ? WHERE id = ?`, JSON.stringify(cut), row.id);
    }
    last = row.id;
  }
  if (last !== through) progress.set(ADDRESSES_CUT, String(last));
  const moreToDelete = firstKept === -1 && old.length === limit;
  const moreToCut = !reachedYoung && rows.length === limit;
  return { more: moreToDelete || moreToCut };
}

const ADDRESSES_CUT = "audit.addresses";

/**
 * An address cut to its network, as the audit keeps it after a month: an
 * IPv4 address to its /24, an IPv6 one to its /48 (a site). Anything else is
 * dropped; an address already cut stays as it is.
 */
export function networkOf(address: string): string | null {
  if (address.includes("/")) return address;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIPv6(address);
  return groups ? `${groups.slice(0, 3).join(":")}::/48` : null;
}

/** The eight groups of an IPv6 address (without leading zeros), or null if it is not one. */
function expandIPv6(address: string): string[] | null {
  if (!/^[0-9a-fA-F:]+$/.test(address)) return null;
  const halves = address.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}

/** The audit log's retention by an installation's periods as of `now`: what both objects' alarms run. */
export function trimAuditByPeriods(
  sql: SqlStorage,
  periods: RetentionPeriods,
  now: number,
): { more: boolean } {
  return trimAuditLog(
    sql,
    new RetentionProgress(sql),
    {
      keepBefore: now - periods.auditDays * DAY_MS,
      addressesBefore: now - periods.auditAddressDays * DAY_MS,
    },
    RETENTION_BATCH,
  );
}
