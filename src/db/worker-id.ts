import type { Database } from './database.ts';

/**
 * A number for this process, different from the last 63 processes that started against the
 * same database: the worker bits of snowflake ids (core/ids.ts).
 */
export async function allocateWorkerId(db: Database): Promise<number> {
  const row = await db.get<{ value: number }>(
    `INSERT INTO counters (name, value) VALUES ('id_worker', 1)
     ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
  );
  return Number(row?.value ?? 0) % 64;
}
