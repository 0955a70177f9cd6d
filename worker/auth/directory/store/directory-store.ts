import { AuditLog } from "../../../storage/audit-log";
import { migrate } from "../../../storage/migrations";
import { AccountsStore } from "./accounts-store";
import { DevicesStore } from "./devices-store";
import { DIRECTORY_MIGRATIONS } from "./directory-migrations";
import { OfficesStore } from "./offices-store";
import { PairingCodesStore } from "./pairing-codes-store";
import { SessionsStore } from "./sessions-store";
import { SignInLimitsStore } from "./sign-in-limits-store";

/**
 * Everything the Directory keeps in its SQLite storage, by table group. Every
 * method is synchronous: a step's reads and writes run without a gap.
 */
export class DirectoryStore {
  readonly accounts: AccountsStore;
  readonly sessions: SessionsStore;
  readonly devices: DevicesStore;
  readonly pairingCodes: PairingCodesStore;
  readonly signInLimits: SignInLimitsStore;
  readonly offices: OfficesStore;
  /** The same table shape as an office's audit log. */
  readonly audit: AuditLog;

  constructor(sql: SqlStorage) {
    this.accounts = new AccountsStore(sql);
    this.sessions = new SessionsStore(sql);
    this.devices = new DevicesStore(sql);
    this.pairingCodes = new PairingCodesStore(sql);
    this.signInLimits = new SignInLimitsStore(sql);
    this.offices = new OfficesStore(sql);
    this.audit = new AuditLog(sql);
  }

  /** Brings the storage up to the current schema (all steps or none), then opens it. */
  static open(storage: DurableObjectStorage): DirectoryStore {
    storage.transactionSync(() => migrate(storage.sql, DIRECTORY_MIGRATIONS));
    return new DirectoryStore(storage.sql);
  }
}
