import { DurableObject } from "cloudflare:workers";
import { isInstallationAdmin, mayManageGrant, mergeGrants } from "../../shared/access/ranks";
import {
  type AccountView,
  type Actor,
  ALL_OFFICES,
  type AuditEntry,
  DeviceRole,
  type DeviceView,
  type Grant,
  StaffRole,
} from "../../shared/protocol/auth";
import { CLOSE_RECONNECT, CLOSE_SIGNED_OUT } from "../../shared/protocol/wire-constants";
import { accountTag, deviceTag, sessionTag } from "../live/socket-tags";
import { AuditLog } from "../office/audit-log";
import { officeClient } from "../office/client";
import type { RevokeRequest } from "../office/internal";
import { migrate } from "../office/migrations";
import { DIRECTORY_MIGRATIONS } from "./directory-migrations";
import { randomToken, sha256 } from "./encoding";
import { decideLogin, decidePairing, WINDOW_MS } from "./login-limits";
import { formatPairingCode, newPairingCode } from "./pairing-code";
import type { DevicePrincipal, StaffPrincipal } from "./principal";

/** A session ends after an hour without use, and after 12 hours (a working day) in any case. */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** An address that signed in successfully is "known" to the account for this long. */
const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;

export type Failure = {
  error: { status: number; code: string; message: string; retryAfterMs?: number };
};
const failure = (status: number, code: string, message: string): Failure => ({
  error: { status, code, message },
});

interface AccountRow extends Record<string, SqlStorageValue> {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  created_at: number;
}

interface SessionRow extends Record<string, SqlStorageValue> {
  token_hash: string;
  id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

interface DeviceRow extends Record<string, SqlStorageValue> {
  id: string;
  token_hash: string;
  office: string;
  role: string;
  name: string;
  created_at: number;
  created_by: string;
  last_seen_at: number | null;
  revoked_at: number | null;
}

export type LoginStart =
  | { status: "throttled"; retryAfterMs: number }
  | { status: "verify"; attemptId: number; passwordHash: string | null };

/**
 * The installation's one directory of people and devices: accounts and
 * their grants, sessions, paired devices, pairing codes, and the counters
 * that limit guessing. One object, so every limit is counted in one place.
 * It never hashes passwords (too slow for a single-threaded object); the
 * Worker does, and hands over hashes and tokens' digests only.
 */
export class Directory extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** The same table shape as an office's audit log. */
  private readonly auditLog: AuditLog;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.storage.transactionSync(() => migrate(this.sql, DIRECTORY_MIGRATIONS));
    this.auditLog = new AuditLog(this.sql);
  }

  // ── Who is calling ──────────────────────────────────────────────────────
  async resolve(input: { sessionHash?: string; deviceHashes?: string[] }): Promise<{
    staff: StaffPrincipal | null;
    devices: DevicePrincipal[];
    /** The token digest each device was found by, in the same order. */
    deviceHashes: string[];
  }> {
    const now = Date.now();
    const staff = input.sessionHash ? this.resolveSession(input.sessionHash, now) : null;
    const devices: DevicePrincipal[] = [];
    const deviceHashes: string[] = [];
    for (const hash of input.deviceHashes ?? []) {
      const row = this.sql
        .exec<DeviceRow>(`SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL`, hash)
        .toArray()[0];
      if (!row) continue;
      if (row.last_seen_at === null || now - row.last_seen_at > TOUCH_EVERY_MS)
        this.sql.exec(`UPDATE devices SET last_seen_at = ? WHERE id = ?`, now, row.id);
      devices.push(devicePrincipal(row));
      deviceHashes.push(hash);
    }
    return { staff, devices, deviceHashes };
  }

  private resolveSession(hash: string, now: number): StaffPrincipal | null {
    const session = this.sql
      .exec<SessionRow>(`SELECT * FROM sessions WHERE token_hash = ?`, hash)
      .toArray()[0];
    if (!session) return null;
    const account = this.account(session.account_id);
    if (
      !account ||
      account.disabled ||
      now >= session.expires_at ||
      now >= session.last_seen_at + SESSION_IDLE_MS
    ) {
      this.sql.exec(`DELETE FROM sessions WHERE token_hash = ?`, hash);
      return null;
    }
    let lastSeen = session.last_seen_at;
    if (now - lastSeen > TOUCH_EVERY_MS) {
      lastSeen = now;
      this.sql.exec(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, now, hash);
    }
    return {
      accountId: account.id,
      username: account.username,
      displayName: account.display_name,
      sessionId: session.id,
      grants: this.grants(account.id),
      idleExpiresAt: Math.min(lastSeen + SESSION_IDLE_MS, session.expires_at),
      expiresAt: session.expires_at,
    };
  }

  /**
   * A live socket's session was used (a command over it): is it still valid?
   * Counts as use, like an HTTP request, so a clerk working only through the
   * console's socket is not signed out after an hour.
   */
  async touchSession(sessionId: string): Promise<{ alive: boolean }> {
    const row = this.sql
      .exec<SessionRow>(`SELECT * FROM sessions WHERE id = ?`, sessionId)
      .toArray()[0];
    return { alive: row ? this.resolveSession(row.token_hash, Date.now()) !== null : false };
  }

  // ── Signing in and out ──────────────────────────────────────────────────
  /**
   * First half of a login: may this address try this name now? The attempt
   * is recorded as failed at once, so parallel guesses cannot slip past the
   * limit while the Worker checks the password.
   */
  async beginLogin(username: string, address: string): Promise<LoginStart> {
    const now = Date.now();
    const name = username.toLowerCase();
    this.sql.exec(`DELETE FROM login_attempts WHERE at < ?`, now - 24 * 60 * 60 * 1000);
    const account = this.accountByUsername(name);
    const knownAddress = account ? this.isKnownAddress(account.id, address, now) : false;
    const since = now - WINDOW_MS;
    const times = (query: string, ...bindings: SqlStorageValue[]) =>
      this.sql
        .exec<{ at: number }>(query, ...bindings)
        .toArray()
        .map((row) => row.at);
    const decision = decideLogin(
      {
        byAddress: times(
          `SELECT at FROM login_attempts WHERE address = ? AND failed = 1 AND at > ? ORDER BY at`,
          address,
          since,
        ),
        byAccountAndAddress: times(
          `SELECT at FROM login_attempts WHERE username = ? AND address = ? AND failed = 1 AND at > ? ORDER BY at`,
          name,
          address,
          since,
        ),
        byAccountFromNewAddresses: times(
          `SELECT at FROM login_attempts WHERE username = ? AND known_address = 0 AND failed = 1 AND at > ? ORDER BY at`,
          name,
          since,
        ),
        knownAddress,
      },
      now,
    );
    if (!decision.allowed) {
      this.audit(
        { kind: "anonymous", id: null, name, address },
        "login.throttled",
        { username: name },
        account ? this.grants(account.id) : [],
      );
      return { status: "throttled", retryAfterMs: decision.retryAfterMs };
    }
    const attemptId = this.sql
      .exec<{ id: number }>(
        `INSERT INTO login_attempts (at, address, username, known_address, failed) VALUES (?, ?, ?, ?, 1) RETURNING id`,
        now,
        address,
        name,
        knownAddress ? 1 : 0,
      )
      .one().id;
    const usable = account && !account.disabled ? account.password_hash : null;
    return { status: "verify", attemptId, passwordHash: usable };
  }

  /** Second half: the Worker says whether the password matched. A match opens a session. */
  async finishLogin(
    attemptId: number,
    passwordMatched: boolean,
    newPasswordHash?: string,
  ): Promise<{ token: string; staff: StaffPrincipal } | null> {
    const attempt = this.sql
      .exec<{ username: string; address: string }>(
        `SELECT username, address FROM login_attempts WHERE id = ?`,
        attemptId,
      )
      .toArray()[0];
    if (!attempt) return null;
    const account = this.accountByUsername(attempt.username);
    const actor: Actor = {
      kind: "staff",
      id: account?.id ?? null,
      name: attempt.username,
      address: attempt.address,
    };
    if (!passwordMatched || !account || account.disabled) {
      this.audit(actor, "login.failed", {}, account ? this.grants(account.id) : []);
      return null;
    }
    const now = Date.now();
    this.sql.exec(`UPDATE login_attempts SET failed = 0 WHERE id = ?`, attemptId);
    this.sql.exec(
      `INSERT OR REPLACE INTO known_addresses (account_id, address, last_success_at) VALUES (?, ?, ?)`,
      account.id,
      attempt.address,
      now,
    );
    if (newPasswordHash)
      this.sql.exec(
        `UPDATE accounts SET password_hash = ? WHERE id = ?`,
        newPasswordHash,
        account.id,
      );
    const opened = await this.openSession(account.id, attempt.address);
    this.audit(actor, "login", {}, opened.staff.grants);
    return opened;
  }

  private async openSession(
    accountId: string,
    address: string | null,
  ): Promise<{ token: string; staff: StaffPrincipal }> {
    const now = Date.now();
    // A new token at every login: a token planted before sign-in (session fixation) is worthless.
    const token = randomToken("ses_");
    const id = randomToken("", 9);
    this.sql.exec(
      `INSERT INTO sessions (token_hash, id, account_id, created_at, last_seen_at, expires_at, address) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      await sha256(token),
      id,
      accountId,
      now,
      now,
      now + SESSION_ABSOLUTE_MS,
      address,
    );
    const staff = this.resolveSession(await sha256(token), now);
    if (!staff) throw new Error("a session just opened did not resolve");
    return { token, staff };
  }

  async logout(sessionHash: string, address: string): Promise<void> {
    const session = this.sql
      .exec<SessionRow>(`SELECT * FROM sessions WHERE token_hash = ?`, sessionHash)
      .toArray()[0];
    if (!session) return;
    this.sql.exec(`DELETE FROM sessions WHERE token_hash = ?`, sessionHash);
    const account = this.account(session.account_id);
    const grants = this.grants(session.account_id);
    this.audit(
      { kind: "staff", id: session.account_id, name: account?.username ?? null, address },
      "logout",
      {},
      grants,
    );
    await this.closeSockets(grants, {
      tag: sessionTag(session.id),
      code: CLOSE_SIGNED_OUT,
      reason: "signed out",
      errorCode: "not_signed_in",
    });
  }

  /** Checks the current password's hash is still this one (no race with another change). */
  async passwordHashOf(accountId: string): Promise<string | null> {
    return this.account(accountId)?.password_hash ?? null;
  }

  /**
   * A new password ends every session of the person, sockets included, and
   * opens a fresh one for the browser that asked.
   */
  async changePassword(
    staff: StaffPrincipal,
    newPasswordHash: string,
    address: string,
  ): Promise<{ token: string; staff: StaffPrincipal }> {
    this.sql.exec(
      `UPDATE accounts SET password_hash = ? WHERE id = ?`,
      newPasswordHash,
      staff.accountId,
    );
    await this.endSessions(staff.accountId, staff.grants, "password changed");
    this.audit(
      { kind: "staff", id: staff.accountId, name: staff.username, address },
      "password.changed",
      {},
      staff.grants,
    );
    return this.openSession(staff.accountId, address);
  }

  private async endSessions(accountId: string, grants: Grant[], reason: string): Promise<void> {
    this.sql.exec(`DELETE FROM sessions WHERE account_id = ?`, accountId);
    await this.closeSockets(grants, {
      tag: accountTag(accountId),
      code: CLOSE_SIGNED_OUT,
      reason,
      errorCode: "not_signed_in",
    });
  }

  // ── Accounts ────────────────────────────────────────────────────────────
  async listAccounts(adminGrants: Grant[]): Promise<AccountView[]> {
    const everyone = isInstallationAdmin(adminGrants);
    return this.sql
      .exec<AccountRow>(`SELECT * FROM accounts ORDER BY username`)
      .toArray()
      .map((row) => this.accountView(row))
      .filter((view) => everyone || view.grants.some((grant) => mayManageGrant(adminGrants, grant)))
      .map((view) =>
        everyone
          ? view
          : { ...view, grants: view.grants.filter((grant) => mayManageGrant(adminGrants, grant)) },
      );
  }

  async createAccount(
    adminGrants: Grant[],
    actor: Actor,
    input: { username: string; displayName: string; passwordHash: string; grants: Grant[] },
  ): Promise<AccountView | Failure> {
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
    if (this.accountByUsername(input.username))
      return failure(409, "username_taken", `There is already an account "${input.username}".`);
    const id = randomToken("acc_", 12);
    this.sql.exec(
      `INSERT INTO accounts (id, username, display_name, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)`,
      id,
      input.username,
      input.displayName,
      input.passwordHash,
      Date.now(),
    );
    this.writeGrants(id, input.grants);
    this.audit(
      actor,
      "account.created",
      { account: id, username: input.username, grants: input.grants },
      input.grants,
    );
    return this.accountView(this.account(id)!);
  }

  async updateAccount(
    adminGrants: Grant[],
    actor: Actor,
    accountId: string,
    patch: { displayName?: string; disabled?: boolean; passwordHash?: string; grants?: Grant[] },
  ): Promise<AccountView | Failure> {
    const row = this.account(accountId);
    const current = row ? this.grants(accountId) : [];
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

    if (patch.displayName !== undefined)
      this.sql.exec(
        `UPDATE accounts SET display_name = ? WHERE id = ?`,
        patch.displayName,
        accountId,
      );
    if (patch.passwordHash !== undefined)
      this.sql.exec(
        `UPDATE accounts SET password_hash = ? WHERE id = ?`,
        patch.passwordHash,
        accountId,
      );
    if (patch.disabled !== undefined)
      this.sql.exec(
        `UPDATE accounts SET disabled = ? WHERE id = ?`,
        patch.disabled ? 1 : 0,
        accountId,
      );
    const grants = patch.grants ? mergeGrants(adminGrants, current, patch.grants) : current;
    if (patch.grants) this.writeGrants(accountId, grants);

    const affected = [...current, ...grants];
    if (patch.disabled || patch.passwordHash !== undefined) {
      await this.endSessions(
        accountId,
        affected,
        patch.disabled ? "account disabled" : "password reset",
      );
    } else if (patch.grants) {
      // Rights changed: live sockets reconnect and are checked again.
      await this.closeSockets(affected, {
        tag: accountTag(accountId),
        code: CLOSE_RECONNECT,
        reason: "rights changed",
      });
    }
    this.audit(
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
    return this.accountView(this.account(accountId)!);
  }

  /** Setup (the operator's command line): create the account, or reset its password and grants. */
  async upsertAccount(input: {
    username: string;
    displayName: string;
    passwordHash: string;
    grants: Grant[];
  }): Promise<{ account: AccountView; created: boolean }> {
    const actor: Actor = { kind: "operator", id: null, name: "operator", address: null };
    const existing = this.accountByUsername(input.username);
    if (!existing) {
      const created = await this.createAccount(
        [{ office: ALL_OFFICES, role: "admin" }],
        actor,
        input,
      );
      if ("error" in created) throw new Error(created.error.message);
      return { account: created, created: true };
    }
    const updated = await this.updateAccount(
      [{ office: ALL_OFFICES, role: "admin" }],
      actor,
      existing.id,
      {
        passwordHash: input.passwordHash,
        disabled: false,
        grants: input.grants.length > 0 ? input.grants : undefined,
      },
    );
    if ("error" in updated) throw new Error(updated.error.message);
    return { account: updated, created: false };
  }

  async countAccounts(): Promise<number> {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM accounts`).one().n;
  }

  async accountExists(username: string): Promise<boolean> {
    return this.accountByUsername(username.toLowerCase()) !== null;
  }

  // ── Devices ─────────────────────────────────────────────────────────────
  async createPairingCode(
    actor: Actor,
    office: string,
    role: DeviceRole,
    name: string,
  ): Promise<{ code: string; role: DeviceRole; name: string; expiresAt: number }> {
    const now = Date.now();
    this.sql.exec(`DELETE FROM pairing_codes WHERE expires_at < ?`, now);
    const code = newPairingCode();
    const expiresAt = now + PAIRING_CODE_TTL_MS;
    this.sql.exec(
      `INSERT INTO pairing_codes (code_hash, office, role, name, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      await sha256(`${office}:${code}`),
      office,
      role,
      name,
      actor.name ?? "?",
      expiresAt,
    );
    this.audit(actor, "pairing_code.created", { role, name }, [], [office]);
    return { code: formatPairingCode(code), role, name, expiresAt };
  }

  /** A device enters a code: one use, within its minutes, few wrong tries per office and address. */
  async pair(
    office: string,
    code: string,
    expectedRole: DeviceRole | null,
    address: string,
  ): Promise<{ device: DeviceView; token: string } | Failure> {
    const now = Date.now();
    const since = now - WINDOW_MS;
    const times = (column: "office" | "address", value: string) =>
      this.sql
        .exec<{ at: number }>(
          `SELECT at FROM pairing_failures WHERE ${column} = ? AND at > ? ORDER BY at`,
          value,
          since,
        )
        .toArray()
        .map((row) => row.at);
    const decision = decidePairing(
      { byOffice: times("office", office), byAddress: times("address", address) },
      now,
    );
    if (!decision.allowed) {
      return {
        error: {
          status: 429,
          code: "too_many_attempts",
          message: `Too many wrong pairing codes; try again in ${Math.ceil(decision.retryAfterMs / 60_000)} min.`,
          retryAfterMs: decision.retryAfterMs,
        },
      };
    }
    const codeHash = await sha256(`${office}:${code}`);
    const pending = this.sql
      .exec<{ office: string; role: string; name: string; created_by: string; expires_at: number }>(
        `SELECT * FROM pairing_codes WHERE code_hash = ?`,
        codeHash,
      )
      .toArray()[0];
    if (!pending || pending.expires_at <= now) {
      this.sql.exec(
        `INSERT INTO pairing_failures (at, office, address) VALUES (?, ?, ?)`,
        now,
        office,
        address,
      );
      this.audit(
        { kind: "anonymous", id: null, name: null, address },
        "pairing.failed",
        {},
        [],
        [office],
      );
      return failure(
        404,
        "invalid_pairing_code",
        "This pairing code is wrong or has expired; ask for a new one.",
      );
    }
    if (expectedRole && pending.role !== expectedRole) {
      return failure(
        409,
        "wrong_device_role",
        `This code pairs a ${pending.role}, not a ${expectedRole}.`,
      );
    }
    this.sql.exec(`DELETE FROM pairing_codes WHERE code_hash = ?`, codeHash);
    const paired = await this.addDevice(
      office,
      DeviceRole.parse(pending.role),
      pending.name,
      pending.created_by,
    );
    this.audit(
      { kind: "device", id: paired.device.id, name: paired.device.name, address },
      "device.paired",
      { device: paired.device.id, role: paired.device.role, name: paired.device.name },
      [],
      [office],
    );
    return paired;
  }

  /** Setup and the demo: a device created directly, its token handed over in a link. */
  async createDevice(
    office: string,
    role: DeviceRole,
    name: string,
  ): Promise<{ device: DeviceView; token: string }> {
    const created = await this.addDevice(office, role, name, "operator");
    this.audit(
      { kind: "operator", id: null, name: "operator", address: null },
      "device.created",
      { device: created.device.id, role, name },
      [],
      [office],
    );
    return created;
  }

  private async addDevice(
    office: string,
    role: DeviceRole,
    name: string,
    createdBy: string,
  ): Promise<{ device: DeviceView; token: string }> {
    const token = randomToken("dvt_");
    const id = randomToken("dev_", 9);
    this.sql.exec(
      `INSERT INTO devices (id, token_hash, office, role, name, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      id,
      await sha256(token),
      office,
      role,
      name,
      Date.now(),
      createdBy,
    );
    return { device: this.deviceView(id)!, token };
  }

  /** The device behind a token, if it belongs to this office and is not revoked. */
  async deviceByTokenHash(office: string, tokenHash: string): Promise<DeviceView | null> {
    const row = this.sql
      .exec<DeviceRow>(
        `SELECT * FROM devices WHERE token_hash = ? AND office = ? AND revoked_at IS NULL`,
        tokenHash,
        office,
      )
      .toArray()[0];
    return row ? toDeviceView(row) : null;
  }

  async listDevices(office: string): Promise<DeviceView[]> {
    return this.sql
      .exec<DeviceRow>(`SELECT * FROM devices WHERE office = ? ORDER BY created_at`, office)
      .toArray()
      .map(toDeviceView);
  }

  async revokeDevice(actor: Actor, office: string, deviceId: string): Promise<DeviceView | null> {
    const row = this.sql
      .exec<DeviceRow>(`SELECT * FROM devices WHERE id = ? AND office = ?`, deviceId, office)
      .toArray()[0];
    if (!row) return null;
    if (row.revoked_at === null) {
      this.sql.exec(`UPDATE devices SET revoked_at = ? WHERE id = ?`, Date.now(), deviceId);
      this.audit(actor, "device.revoked", { device: deviceId, name: row.name }, [], [office]);
      await this.closeOfficeSockets(office, {
        tag: deviceTag(deviceId),
        code: CLOSE_SIGNED_OUT,
        reason: "device revoked",
        errorCode: "device_revoked",
        revokedDeviceId: deviceId,
      });
    }
    return this.deviceView(deviceId);
  }

  // ── Offices and audit ───────────────────────────────────────────────────
  async registerOffice(office: string): Promise<void> {
    this.sql.exec(
      `INSERT OR IGNORE INTO offices (id, created_at) VALUES (?, ?)`,
      office,
      Date.now(),
    );
  }

  /** The installation's own audit trail: every entry, all offices. */
  async auditEntries(options: { before?: number; limit: number }): Promise<AuditEntry[]> {
    return this.auditLog.list(options);
  }

  /**
   * Records an action here, and in the audit log of every office it concerns
   * (the offices of the person's grants, or the ones named).
   */
  private audit(
    actor: Actor,
    action: string,
    detail: Record<string, unknown>,
    grants: Grant[],
    offices: string[] = [],
  ): void {
    const at = Date.now();
    this.auditLog.append(at, actor, action, detail);
    const targets = new Set([
      ...offices,
      ...grants.map((grant) => grant.office).filter((office) => office !== ALL_OFFICES),
    ]);
    for (const office of targets) {
      this.ctx.waitUntil(
        officeClient(this.env, office)
          .appendAudit({ at, actor, action, detail })
          .catch((error: unknown) => console.error("audit to office failed", office, error)),
      );
    }
  }

  /** Closes a person's sockets in every office they could be connected to. */
  private async closeSockets(grants: Grant[], revocation: RevokeRequest): Promise<void> {
    const offices = grants.some((grant) => grant.office === ALL_OFFICES)
      ? this.sql
          .exec<{ id: string }>(`SELECT id FROM offices`)
          .toArray()
          .map((row) => row.id)
      : grants.map((grant) => grant.office);
    await Promise.all(
      [...new Set(offices)].map((office) => this.closeOfficeSockets(office, revocation)),
    );
  }

  private async closeOfficeSockets(office: string, revocation: RevokeRequest): Promise<void> {
    try {
      await officeClient(this.env, office).revoke(revocation);
    } catch (error) {
      console.error("closing sockets failed", office, error);
    }
  }

  // ── Rows ────────────────────────────────────────────────────────────────
  private account(id: string): AccountRow | null {
    return (
      this.sql.exec<AccountRow>(`SELECT * FROM accounts WHERE id = ?`, id).toArray()[0] ?? null
    );
  }

  private accountByUsername(username: string): AccountRow | null {
    return (
      this.sql
        .exec<AccountRow>(`SELECT * FROM accounts WHERE username = ?`, username)
        .toArray()[0] ?? null
    );
  }

  private grants(accountId: string): Grant[] {
    return this.sql
      .exec<{ office: string; role: string }>(
        `SELECT office, role FROM grants WHERE account_id = ? ORDER BY office`,
        accountId,
      )
      .toArray()
      .map((row) => ({ office: row.office, role: StaffRole.parse(row.role) }));
  }

  private writeGrants(accountId: string, grants: Grant[]): void {
    this.sql.exec(`DELETE FROM grants WHERE account_id = ?`, accountId);
    for (const grant of grants)
      this.sql.exec(
        `INSERT OR REPLACE INTO grants (account_id, office, role) VALUES (?, ?, ?)`,
        accountId,
        grant.office,
        grant.role,
      );
  }

  private isKnownAddress(accountId: string, address: string, now: number): boolean {
    return (
      this.sql
        .exec(
          `SELECT 1 FROM known_addresses WHERE account_id = ? AND address = ? AND last_success_at > ?`,
          accountId,
          address,
          now - KNOWN_ADDRESS_MS,
        )
        .toArray().length > 0
    );
  }

  private accountView(row: AccountRow): AccountView {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      disabled: row.disabled === 1,
      grants: this.grants(row.id),
      createdAt: row.created_at,
    };
  }

  private deviceView(id: string): DeviceView | null {
    const row = this.sql.exec<DeviceRow>(`SELECT * FROM devices WHERE id = ?`, id).toArray()[0];
    return row ? toDeviceView(row) : null;
  }
}

function devicePrincipal(row: DeviceRow): DevicePrincipal {
  return { id: row.id, office: row.office, role: row.role as DeviceRole, name: row.name };
}

function toDeviceView(row: DeviceRow): DeviceView {
  return {
    id: row.id,
    office: row.office,
    role: row.role as DeviceRole,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}
