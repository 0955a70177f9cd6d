import { isInstallationAdmin, mayManageGrant, mergeGrants } from "../../../shared/access/ranks";
import {
  type AccountView,
  type Actor,
  ALL_OFFICES,
  type Grant,
} from "../../../shared/protocol/auth";
import { CLOSE_RECONNECT } from "../../../shared/protocol/wire-constants";
import { accountTag } from "../../live/socket-tags";
import { randomToken } from "../encoding";
import type { DirectoryAudit } from "./audit";
import { type Failure, failure } from "./failure";
import type { OfficeFanout } from "./office-fanout";
import type { Sessions } from "./sessions";
import type { AccountRow, AccountsStore } from "./store/accounts-store";

export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  grants: Grant[];
}

export interface AccountPatch {
  displayName?: string;
  disabled?: boolean;
  passwordHash?: string;
  grants?: Grant[];
}

/** The operator acts as an administrator of every office. */
const OPERATOR: Actor = { kind: "operator", id: null, name: "operator", address: null };
const OPERATOR_GRANTS: Grant[] = [{ office: ALL_OFFICES, role: "admin" }];

/**
 * People and their grants, as their administrators manage them: an admin
 * sees and changes only what lies within the offices they administer.
 */
export class Accounts {
  constructor(
    private readonly accounts: AccountsStore,
    private readonly sessions: Sessions,
    private readonly audit: DirectoryAudit,
    private readonly fanout: OfficeFanout,
  ) {}

  /** The accounts an admin may see, with only the grants they may manage (all for an installation admin). */
  list(adminGrants: Grant[]): AccountView[] {
    const everyone = isInstallationAdmin(adminGrants);
    return this.accounts
      .all()
      .map((row) => this.view(row))
      .filter((view) => everyone || view.grants.some((grant) => mayManageGrant(adminGrants, grant)))
      .map((view) =>
        everyone
          ? view
          : { ...view, grants: view.grants.filter((grant) => mayManageGrant(adminGrants, grant)) },
      );
  }

  create(adminGrants: Grant[], actor: Actor, input: NewAccount): AccountView | Failure {
    const refused = input.grants.find((grant) => !mayManageGrant(adminGrants, grant));
    if (refused) {
      return failure(
        403,
        "forbidden",
        `You cannot grant a role in ${refused.office === ALL_OFFICES ? "every office" : `office "${refused.office}"`}.`,
      );
    }
    if (input.grants.length === 0 && !isInstallationAdmin(adminGrants))
      return failure(400, "invalid_request", "Give the account a role in at least one office.");
    if (this.accounts.byUsername(input.username))
      return failure(409, "username_taken", `There is already an account "${input.username}".`);
    const id = randomToken("acc_", 12);
    this.accounts.insert({
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      createdAt: Date.now(),
    });
    this.accounts.replaceGrants(id, input.grants);
    this.audit.record(
      actor,
      "account.created",
      { account: id, username: input.username, grants: input.grants },
      input.grants,
    );
    return this.viewOf(id);
  }

  async update(
    adminGrants: Grant[],
    actor: Actor,
    accountId: string,
    patch: AccountPatch,
  ): Promise<AccountView | Failure> {
    const row = this.accounts.byId(accountId);
    const current = row ? this.accounts.grantsOf(accountId) : [];
    const everyone = isInstallationAdmin(adminGrants);
    if (!row || (!everyone && !current.some((grant) => mayManageGrant(adminGrants, grant))))
      return failure(404, "unknown_account", "There is no such account in your offices.");
    // Disabling someone or setting their password reaches every office they work in: only
    // an admin of all of those may do it.
    const touchesPerson = patch.disabled !== undefined || patch.passwordHash !== undefined;
    if (touchesPerson && !current.every((grant) => mayManageGrant(adminGrants, grant)))
      return failure(
        403,
        "forbidden",
        "This person also works in offices you do not administer; ask an administrator of all of them.",
      );
    if (patch.disabled && actor.id === accountId)
      return failure(409, "cannot_disable_self", "You cannot disable your own account.");
    const refused = patch.grants?.find((grant) => !mayManageGrant(adminGrants, grant));
    if (refused)
      return failure(403, "forbidden", `You cannot grant a role in office "${refused.office}".`);

    if (patch.displayName !== undefined) this.accounts.setDisplayName(accountId, patch.displayName);
    if (patch.passwordHash !== undefined)
      this.accounts.setPasswordHash(accountId, patch.passwordHash);
    if (patch.disabled !== undefined) this.accounts.setDisabled(accountId, patch.disabled);
    const grants = patch.grants ? mergeGrants(adminGrants, current, patch.grants) : current;
    if (patch.grants) this.accounts.replaceGrants(accountId, grants);

    const affected = [...current, ...grants];
    if (patch.disabled || patch.passwordHash !== undefined) {
      await this.sessions.endAll(
        accountId,
        affected,
        patch.disabled ? "account disabled" : "password reset",
      );
    } else if (patch.grants) {
      // Rights changed: live sockets reconnect and are checked again.
      await this.fanout.closePersonSockets(affected, {
        tag: accountTag(accountId),
        code: CLOSE_RECONNECT,
        reason: "rights changed",
      });
    }
    this.audit.record(
      actor,
      "account.updated",
      {
        account: accountId,
        username: row.username,
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(patch.passwordHash !== undefined ? { passwordReset: true } : {}),
        ...(patch.grants ? { grants } : {}),
      },
      affected,
    );
    return this.viewOf(accountId);
  }

  /** Setup (the operator's command line): create the account, or reset its password and grants. */
  async upsert(input: NewAccount): Promise<{ account: AccountView; created: boolean }> {
    const existing = this.accounts.byUsername(input.username);
    if (!existing) {
      const created = this.create(OPERATOR_GRANTS, OPERATOR, input);
      if ("error" in created) throw new Error(created.error.message);
      return { account: created, created: true };
    }
    const updated = await this.update(OPERATOR_GRANTS, OPERATOR, existing.id, {
      passwordHash: input.passwordHash,
      disabled: false,
      grants: input.grants.length > 0 ? input.grants : undefined,
    });
    if ("error" in updated) throw new Error(updated.error.message);
    return { account: updated, created: false };
  }

  count(): number {
    return this.accounts.count();
  }

  exists(username: string): boolean {
    return this.accounts.byUsername(username.toLowerCase()) !== null;
  }

  /** The view of an account that was just written. */
  private viewOf(id: string): AccountView {
    const row = this.accounts.byId(id);
    if (!row) throw new Error(`account ${id} vanished while it was written`);
    return this.view(row);
  }

  private view(row: AccountRow): AccountView {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      disabled: row.disabled === 1,
      grants: this.accounts.grantsOf(row.id),
      createdAt: row.created_at,
    };
  }
}
