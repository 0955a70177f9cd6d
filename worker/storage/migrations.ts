/**
 * A Durable Object's SQLite schema as an append-only list of steps, recorded
 * in a `migrations` table: the office and the Directory each keep their own
 * list. `migrate` refuses to run if the recorded history differs from the
 * list (a shipped step was edited, reordered or removed).
 */
export interface Migration {
  name: string;
  statements: string[];
}

export function migrate(sql: SqlStorage, migrations: Migration[]): void {
  sql.exec(
    `CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
  );
  const applied = sql
    .exec<{ id: number; name: string }>(`SELECT id, name FROM migrations ORDER BY id`)
    .toArray();
  applied.forEach((row, index) => {
    if (migrations[index]?.name !== row.name) {
      throw new Error(
        `migration history was edited: step ${row.id} is "${row.name}" in storage but "${migrations[index]?.name}" in code`,
      );
    }
  });
  for (let index = applied.length; index < migrations.length; index++) {
    const migration = migrations[index]!;
    for (const statement of migration.statements) sql.exec(statement);
    sql.exec(
      `INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)`,
      index + 1,
      migration.name,
      Date.now(),
    );
  }
}
