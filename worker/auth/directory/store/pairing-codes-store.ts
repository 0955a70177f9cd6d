export interface PairingCodeRow extends Record<string, SqlStorageValue> {
  code_hash: string;
  office: string;
  role: string;
  name: string;
  created_by: string;
  expires_at: number;
}

/** Codes waiting to be typed on a device, stored as the digest of office and code. */
export class PairingCodesStore {
  constructor(private readonly sql: SqlStorage) {}

  byCodeHash(codeHash: string): PairingCodeRow | null {
    return (
      this.sql
        .exec<PairingCodeRow>(`SELECT * FROM pairing_codes WHERE code_hash = ?`, codeHash)
        .toArray()[0] ?? null
    );
  }

  insert(code: {
    codeHash: string;
    office: string;
    role: string;
    name: string;
    createdBy: string;
    expiresAt: number;
  }): void {
    this.sql.exec(
      `INSERT INTO pairing_codes (code_hash, office, role, name, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      code.codeHash,
      code.office,
      code.role,
      code.name,
      code.createdBy,
      code.expiresAt,
    );
  }

  delete(codeHash: string): void {
    this.sql.exec(`DELETE FROM pairing_codes WHERE code_hash = ?`, codeHash);
  }

  deleteExpiredBefore(at: number): void {
    this.sql.exec(`DELETE FROM pairing_codes WHERE expires_at < ?`, at);
  }
}
