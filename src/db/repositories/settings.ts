import type { Queryable } from '../database.ts';

/** Instance settings as JSON values under string keys. */
export async function readSettings(db: Queryable): Promise<Record<string, unknown>> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM settings');
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function writeSetting(
  db: Queryable,
  key: string,
  value: unknown,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [key, JSON.stringify(value), now],
  );
}

export async function deleteSetting(db: Queryable, key: string): Promise<void> {
  await db.run('DELETE FROM settings WHERE key = ?', [key]);
}
