/**
 * Per-queue counts and latency, read in one grouped query, for /metrics and the admin UI.
 * Latency is Sidekiq's: how long the oldest job that could run has been waiting.
 */
import { queueNames, type QueueStats } from '../core/queue.ts';
import type { Database } from '../db/database.ts';

interface CountRow {
  queue: string;
  state: string;
  later: number;
  n: number;
  oldest: number;
}

export async function queueStats(db: Database, now: number): Promise<QueueStats[]> {
  const rows = await db.all<CountRow>(
    `SELECT queue, state, CASE WHEN state = 'waiting' AND run_at > ? THEN 1 ELSE 0 END AS later,
            COUNT(*) AS n, MIN(run_at) AS oldest
       FROM jobs GROUP BY queue, state, later`,
    [now],
  );
  const stats = new Map<string, QueueStats>(
    queueNames.map((queue) => [
      queue,
      { queue, waiting: 0, scheduled: 0, running: 0, dead: 0, latencyMs: 0 },
    ]),
  );
  for (const row of rows) {
    const entry = stats.get(row.queue);
    if (!entry) continue;
    const n = Number(row.n);
    if (row.state === 'running') entry.running += n;
    else if (row.state === 'dead') entry.dead += n;
    else if (Number(row.later) === 1) entry.scheduled += n;
    else {
      entry.waiting += n;
      entry.latencyMs = Math.max(0, now - Number(row.oldest));
    }
  }
  return [...stats.values()];
}
