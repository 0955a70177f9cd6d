import { DurableObject } from "cloudflare:workers";
import type {
  AccountView,
  Actor,
  AuditEntry,
  DeviceRole,
  DeviceView,
  Grant,
} from "../../shared/protocol/auth";
import { alarmTime } from "../office/alarm-time";
import { officeClient } from "../office/client";
import { retentionPeriods } from "../storage/retention";
import { type AccountPatch, Accounts, type NewAccount } from "./directory/accounts";
import { DirectoryAudit } from "./directory/audit";
import { type AddedDevice, Devices } from "./directory/devices";
import {
  DIRECTORY_RETENTION_EVERY_MS,
  runDirectoryRetention,
} from "./directory/directory-retention";
import type { Failure } from "./directory/failure";
import { OfficeFanout } from "./directory/office-fanout";
import { type IssuedPairingCode, Pairing } from "./directory/pairing";
import { type OpenedSession, Sessions } from "./directory/sessions";
import { type LoginStart, type PasswordCheckStart, SignIn } from "./directory/sign-in";
import { SignInLimits } from "./directory/sign-in-limits";
import { DirectoryStore } from "./directory/store/directory-store";
import type { DevicePrincipal, StaffPrincipal } from "./principal";

// The routes and the tests know these by the Directory's name.
export type { Failure } from "./directory/failure";
export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./directory/sessions";
export type { LoginStart } from "./directory/sign-in";

/**
 * The installation's one directory of people and devices: accounts and
 * their grants, sessions, paired devices, pairing codes, and the counters
 * that limit guessing. One object, so every limit is counted in one place.
 * It never hashes passwords (too slow for a single-threaded object); the
 * Worker does, and hands over hashes and tokens' digests only.
 *
 * A shell: each method hands over to the concern it belongs to
 * (worker/auth/directory/), which keeps its rows in the store.
 */
export class Directory extends DurableObject<Env> {
  private readonly sessions: Sessions;
  private readonly signIn: SignIn;
  private readonly accounts: Accounts;
  private readonly devices: Devices;
  private readonly pairing: Pairing;
  private readonly audit: DirectoryAudit;
  private readonly fanout: OfficeFanout;
  /** Deletes and cuts what has been kept long enough (directory/directory-retention.ts). */
  private readonly retention: (now: number) => { more: boolean };

  /** Time source of the retention alarm; tests replace it to age the rows. */
  clock: () => number = () => Date.now();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const store = DirectoryStore.open(ctx.storage);
    this.fanout = new OfficeFanout(
      store.offices,
      (office) => officeClient(env, office),
      (promise) => ctx.waitUntil(promise),
    );
    this.audit = new DirectoryAudit(store.audit, this.fanout);
    const limits = new SignInLimits(store.signInLimits);
    const periods = retentionPeriods(env);
    this.retention = (now) =>
      runDirectoryRetention({ sql: ctx.storage.sql, store, limits }, periods, now);
    this.sessions = new Sessions(store.sessions, store.accounts, this.audit, this.fanout);
    this.signIn = new SignIn(store.accounts, limits, this.sessions, this.audit);
    this.accounts = new Accounts(store.accounts, this.sessions, this.audit, this.fanout);
    this.devices = new Devices(store.devices, this.audit, this.fanout);
    this.pairing = new Pairing(store.pairingCodes, this.devices, limits, this.audit);
    // The retention alarm runs for as long as the Directory exists: set once, then by each run.
    ctx.blockConcurrencyWhile(async () => {
      if ((await ctx.storage.getAlarm()) === null)
        await ctx.storage.setAlarm(alarmTime(Date.now() + DIRECTORY_RETENTION_EVERY_MS));
    });
  }

  /** Retention (issue 13, point 9): whatever has been kept long enough goes, a batch a run. */
  override async alarm(): Promise<void> {
    const now = this.clock();
    const { more } = this.ctx.storage.transactionSync(() => this.retention(now));
    const next = more ? Date.now() : Date.now() + DIRECTORY_RETENTION_EVERY_MS;
    await this.ctx.storage.setAlarm(alarmTime(next));
  }

  // ── Who is calling ──────────────────────────────────────────────────────
  async resolve(input: { sessionHash?: string; deviceHashes?: string[] }): Promise<{
    staff: StaffPrincipal | null;
    devices: DevicePrincipal[];
    /** The token digest each device was found by, in the same order. */
    deviceHashes: string[];
  }> {
    const now = Date.now();
    const staff = input.sessionHash ? this.sessions.resolve(input.sessionHash, now) : null;
    return { staff, ...this.devices.resolve(input.deviceHashes ?? [], now) };
  }

  /**
   * A live socket's session was used (a command over it): is it still valid?
   * Counts as use, like an HTTP request, so a clerk working only through the
   * console's socket is not signed out after an hour.
   */
  async touchSession(sessionId: string): Promise<{ alive: boolean }> {
    return { alive: this.sessions.isAlive(sessionId, Date.now()) };
  }

  /** When each session ends unless used again, null for one that has ended; not a use. */
  async sessionEnds(sessionIds: string[]): Promise<(number | null)[]> {
    const now = Date.now();
    return sessionIds.map((id) => this.sessions.endsAt(id, now));
  }

  // ── Signing in and out ──────────────────────────────────────────────────
  /** `place`: the digest of the browser's place cookie, if it sent one (known places, issue 13). */
  async beginLogin(username: string, address: string, place?: string): Promise<LoginStart> {
    return this.signIn.begin(username, address, place ?? null);
  }

  async finishLogin(
    attemptId: number,
    passwordMatched: boolean,
    newPasswordHash?: string,
  ): Promise<OpenedSession | null> {
    return this.signIn.finish(attemptId, passwordMatched, newPasswordHash);
  }

  async logout(sessionHash: string, address: string): Promise<void> {
    await this.sessions.logout(sessionHash, address);
  }

  /** A password change's check of the current password: limited, then the hash to verify. */
  async beginPasswordCheck(accountId: string): Promise<PasswordCheckStart> {
    return this.signIn.beginPasswordCheck(accountId);
  }

  /** `checkId`: the passed check of the current password (beginPasswordCheck). */
  async changePassword(
    staff: StaffPrincipal,
    newPasswordHash: string,
    address: string,
    checkId: number,
  ): Promise<OpenedSession> {
    return this.signIn.changePassword(staff, newPasswordHash, address, checkId);
  }

  // ── Accounts ────────────────────────────────────────────────────────────
  async listAccounts(adminGrants: Grant[]): Promise<AccountView[]> {
    return this.accounts.list(adminGrants);
  }

  async createAccount(
    adminGrants: Grant[],
    actor: Actor,
    input: NewAccount,
  ): Promise<AccountView | Failure> {
    return this.accounts.create(adminGrants, actor, input);
  }

  async updateAccount(
    adminGrants: Grant[],
    actor: Actor,
    accountId: string,
    patch: AccountPatch,
  ): Promise<AccountView | Failure> {
    return this.accounts.update(adminGrants, actor, accountId, patch);
  }

  async upsertAccount(input: NewAccount): Promise<{ account: AccountView; created: boolean }> {
    return this.accounts.upsert(input);
  }

  async countAccounts(): Promise<number> {
    return this.accounts.count();
  }

  async accountExists(username: string): Promise<boolean> {
    return this.accounts.exists(username);
  }

  // ── Devices ─────────────────────────────────────────────────────────────
  async createPairingCode(
    actor: Actor,
    office: string,
    role: DeviceRole,
    name: string,
  ): Promise<IssuedPairingCode> {
    return this.pairing.createCode(actor, office, role, name);
  }

  async pair(
    office: string,
    code: string,
    expectedRole: DeviceRole | null,
    address: string,
  ): Promise<AddedDevice | Failure> {
    return this.pairing.pair(office, code, expectedRole, address);
  }

  async createDevice(office: string, role: DeviceRole, name: string): Promise<AddedDevice> {
    return this.devices.create(office, role, name);
  }

  async deviceByTokenHash(office: string, tokenHash: string): Promise<DeviceView | null> {
    return this.devices.byTokenHash(office, tokenHash);
  }

  async listDevices(office: string): Promise<DeviceView[]> {
    return this.devices.list(office);
  }

  async revokeDevice(actor: Actor, office: string, deviceId: string): Promise<DeviceView | null> {
    return this.devices.revoke(actor, office, deviceId);
  }

  // ── Offices and audit ───────────────────────────────────────────────────
  async registerOffice(office: string): Promise<void> {
    this.fanout.register(office, Date.now());
  }

  /** Was this office ever created? (A read: asking about a random name stores nothing.) */
  async officeExists(office: string): Promise<boolean> {
    return this.fanout.has(office);
  }

  /** The installation's own audit trail: every entry, all offices. */
  async auditEntries(options: { before?: number; limit: number }): Promise<AuditEntry[]> {
    return this.audit.entries(options);
  }
}
