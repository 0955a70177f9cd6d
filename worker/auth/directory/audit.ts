import {
  type Actor,
  ALL_OFFICES,
  type AuditEntry,
  type Grant,
} from "../../../shared/protocol/auth";
import type { AuditLog } from "../../storage/audit-log";
import type { OfficeFanout } from "./office-fanout";

/**
 * The installation's audit trail. Each entry is kept here and sent to the
 * log of every office it concerns, so an office's admin sees the sign-ins
 * and pairings of their own office.
 */
export class DirectoryAudit {
  constructor(
    private readonly log: AuditLog,
    private readonly fanout: OfficeFanout,
  ) {}

  /**
   * Records an action here, and in the audit log of every office it concerns
   * (the offices of the person's grants, or the ones named).
   */
  record(
    actor: Actor,
    action: string,
    detail: Record<string, unknown>,
    grants: Grant[],
    offices: string[] = [],
  ): void {
    const at = Date.now();
    this.log.append(at, actor, action, detail);
    const targets = new Set([
      ...offices,
      ...grants.map((grant) => grant.office).filter((office) => office !== ALL_OFFICES),
    ]);
    this.fanout.appendAudit(targets, { at, actor, action, detail });
  }

  /** Every entry, all offices, newest first. */
  entries(options: { before?: number; limit: number }): AuditEntry[] {
    return this.log.list(options);
  }
}
