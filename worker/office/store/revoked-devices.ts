/**
 * Devices of this office that were revoked. The office refuses their
 * commands itself, even while a Worker somewhere still trusts a cached
 * device: read once at start, checked on every device command.
 */
export class RevokedDevices {
  private readonly ids: Set<string>;

  constructor(private readonly sql: SqlStorage) {
    this.ids = new Set(
      sql
        .exec<{ device_id: string }>(`SELECT device_id FROM revoked_devices`)
        .toArray()
        .map((row) => row.device_id),
    );
  }

  has(deviceId: string | null): boolean {
    return deviceId !== null && this.ids.has(deviceId);
  }

  add(deviceId: string, at: number): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO revoked_devices (device_id, at) VALUES (?, ?)`,
      deviceId,
      at,
    );
    this.ids.add(deviceId);
  }
}
