/**
 * The dead set: jobs that failed every attempt, kept with their last error until an operator
 * retries or discards them. Like Sidekiq's, it is bounded (10,000 jobs, six months) so a
 * long outage cannot fill the database.
 */
import type { DeadJob, QueueName } from '../core/queue.ts';
import type { Database, Row, SqlValue } from '../db/database.ts';
import { jobFromRow } from './job-store.ts';

export const deadSetLimits = { maxJobs: 10_000, maxAgeMs: 180 * 24 * 3600_000 };

function inQueue(queue: QueueName | undefined): { sql: string; params: SqlValue[] } {
  return queue ? { sql: ' AND queue = ?', params: [queue] } : { sql: '', params: [] };
}

export async function listDeadJobs(
  db: Database,
  options: { queue?: QueueName; limit?: number; offset?: number } = {},
): Promise<DeadJob[]> {
  const where = inQueue(options.queue);
  const rows = await db.all<Row>(
    `SELECT id, queue, name, payload, attempts, max_attempts, created_at, last_error, updated_at
       FROM jobs WHERE state = 'dead'${where.sql}
      ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...where.params, options.limit ?? 50, options.offset ?? 0],
  );
  return rows.map((row) => ({
    ...jobFromRow(row),
    error: String(row.last_error ?? ''),
    failedAt: Number(row.updated_at),
  }));
}

/** Back to waiting, due now, with all its attempts again; the last error stays for reference. */
const revive = `UPDATE jobs SET state = 'waiting', attempts = 0, run_at = ?, updated_at = ?
  WHERE state = 'dead'`;

export async function retryDeadJob(db: Database, id: string, now: number): Promise<boolean> {
  const { changes } = await db.run(`${revive} AND id = ?`, [now, now, id]);
  return changes === 1;
}

export async function retryAllDeadJobs(
  db: Database,
  now: number,
  queue?: QueueName,
): Promise<number> {
  const where = inQueue(queue);
  const { changes } = await db.run(`${revive}${where.sql}`, [now, now, ...where.params]);
  return changes;
}

export async function discardDeadJob(db: Database, id: string): Promise<boolean> {
  const { changes } = await db.run("DELETE FROM jobs WHERE state = 'dead' AND id = ?", [id]);
  return changes === 1;
}

export async function discardAllDeadJobs(db: Database, queue?: QueueName): Promise<number> {
  const where = inQueue(queue);
  const { changes } = await db.run(`DELETE FROM jobs WHERE state = 'dead'${where.sql}`, [
    ...where.params,
  ]);
  return changes;
}

/** Drops dead jobs older than the age limit and the oldest beyond the size limit. */
export async function pruneDeadJobs(
  db: Database,
  now: number,
  limits: typeof deadSetLimits = deadSetLimits,
): Promise<void> {
  await db.run("DELETE FROM jobs WHERE state = 'dead' AND updated_at < ?", [now - limits.maxAgeMs]);
  const cut = await db.get<{ updated_at: number }>(
    `SELECT updated_at FROM jobs WHERE state = 'dead'
      ORDER BY updated_at DESC LIMIT 1 OFFSET ?`,
    [limits.maxJobs],
  );
  if (cut) {
    await db.run("DELETE FROM jobs WHERE state = 'dead' AND updated_at <= ?", [
      Number(cut.updated_at),
    ]);
  }
}
