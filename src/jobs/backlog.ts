/**
 * How many due jobs wait in some queues, up to a bound: what the on-demand job thread
 * (job-threads-on-demand.ts) reads while the main thread is busy, to tell a backlog from a
 * busy event loop with nothing queued. It is read every second then, so it must stay cheap
 * with a million jobs in the table: on the database the count stops at `bound` and reads only
 * the partial index of waiting jobs (jobs_claim, migration 0002), never the table; on Redis
 * BullMQ keeps the length of each list, and the driver's `stats` reads those.
 */
import type { JobRuntime, QueueName } from '../core/queue.ts';
import { placeholders, type Queryable } from '../db/database.ts';

/** More than this many waiting jobs count as this many. */
export const backlogBound = 200;

/** Due jobs in `queues` of the embedded queue (the `jobs` table), at most `bound`. */
export async function dueJobCount(
  db: Queryable,
  queues: readonly QueueName[],
  now: number,
  bound = backlogBound,
): Promise<number> {
  if (queues.length === 0) return 0;
  const row = await db.get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT 1 FROM jobs
        WHERE state = 'waiting' AND queue IN (${placeholders(queues.length)}) AND run_at <= ?
        LIMIT ?) AS due`,
    [...queues, now, bound],
  );
  return Number(row?.n ?? 0);
}

/** Due jobs in `queues` of BullMQ's queues, at most `bound`. */
export async function redisDueJobCount(
  jobs: Pick<JobRuntime, 'stats'>,
  queues: readonly QueueName[],
  bound = backlogBound,
): Promise<number> {
  const stats = await jobs.stats();
  const waiting = stats
    .filter((s) => queues.includes(s.queue))
    .reduce((sum, s) => sum + s.waiting, 0);
  return Math.min(waiting, bound);
}
