export interface DeviceRow extends Record<string, SqlStorageValue> {
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

/**
 * Paired kiosks and displays; a revoked one keeps its row (the list shows it) but no longer
 * signs in, until the Directory's alarm forgets it with the audit log's period.
 */
export class DevicesStore {
  constructor(private readonly sql: SqlStorage) {}

  byId(id: string): DeviceRow | null {
    return this.sql.exec<DeviceRow>(`SELECT * FROM devices WHERE id = ?`, id).toArray()[0] ?? null;
  }

  byIdInOffice(id: string, office: string): DeviceRow | null {
    return (
      this.sql
        .exec<DeviceRow>(`SELECT * FROM devices WHERE id = ? AND office = ?`, id, office)
        .toArray()[0] ?? null
    );
  }

  /** The device a token belongs to, unless it was revoked. */
  activeByTokenHash(tokenHash: string): DeviceRow | null {
    return (
      this.sql
        .exec<DeviceRow>(
          `SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL`,
          tokenHash,
        )
        .toArray()[0] ?? null
    );
  }

  activeByTokenHashInOffice(tokenHash: string, office: string): DeviceRow | null {
    return (
      this.sql
        .exec<DeviceRow>(
          `SELECT * FROM devices WHERE token_hash = ? AND office = ? AND revoked_at IS NULL`,
          tokenHash,
          office,
        )
        .toArray()[0] ?? null
    );
  }

  /** An office's devices, revoked ones included, oldest first. */
  inOffice(office: string): DeviceRow[] {
    return this.sql
      .exec<DeviceRow>(`SELECT * FROM devices WHERE office = ? ORDER BY created_at`, office)
      .toArray();
  }

  insert(device: {
    id: string;
    tokenHash: string;
    office: string;
    role: string;
    name: string;
    createdAt: number;
    createdBy: string;
  }): void {
    this.sql.exec(
      `INSERT INTO devices (id, token_hash, office, role, name, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      device.id,
      device.tokenHash,
      device.office,
      device.role,
      device.name,
      device.createdAt,
      device.createdBy,
    );
  }

  setLastSeen(id: string, at: number): void {
    this.sql.exec(`UPDATE devices SET last_seen_at = ? WHERE id = ?`, at, id);
  }

  setRevoked(id: string, at: number): void {
    this.sql.exec(`UPDATE devices SET revoked_at = ? WHERE id = ?`, at, id);
  }

  /** Forgets up to `limit` devices revoked before `before`; returns how many went. */
  deleteRevokedBefore(before: number, limit: number): number {
    return this.sql.exec(
      `DELETE FROM devices WHERE id IN
         (SELECT id FROM devices WHERE revoked_at IS NOT NULL AND revoked_at < ? LIMIT ?)`,
      before,
      limit,
    ).rowsWritten;
  }
}
