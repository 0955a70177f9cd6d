import { type Grant, StaffRole } from "../../../../shared/protocol/auth";

export interface AccountRow extends Record<string, SqlStorageValue> {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  created_at: number;
}

/** People (`accounts`) and their role in each office (`grants`). */
export class AccountsStore {
  constructor(private readonly sql: SqlStorage) {}

  byId(id: string): AccountRow | null {
    return (
      this.sql.exec<AccountRow>(`SELECT * FROM accounts WHERE id = ?`, id).toArray()[0] ?? null
    );
  }

  byUsername(username: string): AccountRow | null {
    return (
      this.sql
        .exec<AccountRow>(`SELECT * FROM accounts WHERE username = ?`, username)
        .toArray()[0] ?? null
    );
  }

  /** Every account, by username. */
  all(): AccountRow[] {
    return this.sql.exec<AccountRow>(`SELECT * FROM accounts ORDER BY username`).toArray();
  }

  count(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM accounts`).one().n;
  }

  insert(account: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    createdAt: number;
  }): void {
    this.sql.exec(
      `INSERT INTO accounts (id, username, display_name, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)`,
      account.id,
      account.username,
      account.displayName,
      account.passwordHash,
      account.createdAt,
    );
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.sql.exec(`UPDATE accounts SET password_hash = ? WHERE id = ?`, passwordHash, id);
  }

  setDisplayName(id: string, displayName: string): void {
    this.sql.exec(`UPDATE accounts SET display_name = ? WHERE id = ?`, displayName, id);
  }

  setDisabled(id: string, disabled: boolean): void {
    this.sql.exec(`UPDATE accounts SET disabled = ? WHERE id = ?`, disabled ? 1 : 0, id);
  }

  /** The account's grants, by office. */
  grantsOf(accountId: string): Grant[] {
    return this.sql
      .exec<{ office: string; role: string }>(
        `SELECT office, role FROM grants WHERE account_id = ? ORDER BY office`,
        accountId,
      )
      .toArray()
      .map((row) => ({ office: row.office, role: StaffRole.parse(row.role) }));
  }

  replaceGrants(accountId: string, grants: Grant[]): void {
    this.sql.exec(`DELETE FROM grants WHERE account_id = ?`, accountId);
    for (const grant of grants)
      this.sql.exec(
        `INSERT OR REPLACE INTO grants (account_id, office, role) VALUES (?, ?, ?)`,
        accountId,
        grant.office,
        grant.role,
      );
  }
}
