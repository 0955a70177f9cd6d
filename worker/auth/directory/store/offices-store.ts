/** The offices that exist, so that closing the sockets of an all-offices grant reaches every one. */
export class OfficesStore {
  constructor(private readonly sql: SqlStorage) {}

  register(id: string, at: number): void {
    this.sql.exec(`INSERT OR IGNORE INTO offices (id, created_at) VALUES (?, ?)`, id, at);
  }

  has(id: string): boolean {
    return this.sql.exec(`SELECT 1 FROM offices WHERE id = ?`, id).toArray().length > 0;
  }

  ids(): string[] {
    return this.sql
      .exec<{ id: string }>(`SELECT id FROM offices`)
      .toArray()
      .map((row) => row.id);
  }
}
