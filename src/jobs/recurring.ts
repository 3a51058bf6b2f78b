/**
 * Recurring jobs (Mastodon's Scheduler::* workers): one row per job in `recurring_jobs`
 * holding when it is next due. Every process running the scheduler looks at the due rows;
 * the one whose conditional UPDATE moves `next_run_at` on wins the period and enqueues the
 * job in the same transaction, so each period is enqueued exactly once however many
 * processes share the database, and a crash cannot record a period without its job.
 */
import type { IdGenerator } from '../core/ids.ts';
import type { QueueName, RecurringOptions } from '../core/queue.ts';
import type { Database } from '../db/database.ts';
import { insertJob } from './job-store.ts';

export interface RecurringJob {
  name: string;
  everyMs: number;
  queue: QueueName;
  payload: unknown;
}

export function recurringJob(name: string, options: RecurringOptions): RecurringJob {
  if (!Number.isSafeInteger(options.everyMs) || options.everyMs < 1000) {
    throw new RangeError(`recurring job ${name}: everyMs must be a whole number of at least 1000`);
  }
  return {
    name,
    everyMs: options.everyMs,
    queue: options.queue ?? 'scheduler',
    payload: options.payload ?? null,
  };
}

/**
 * Records the recurring jobs this process knows. A new one is first due one period from now;
 * an existing one keeps its schedule, brought forward if its period got shorter.
 */
export async function saveRecurringJobs(
  db: Database,
  jobs: Iterable<RecurringJob>,
  now: number,
): Promise<void> {
  for (const job of jobs) {
    await db.run(
      `INSERT INTO recurring_jobs (name, queue, every_ms, payload, next_run_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET
         queue = excluded.queue, every_ms = excluded.every_ms, payload = excluded.payload,
         next_run_at = CASE WHEN recurring_jobs.next_run_at > excluded.next_run_at
                            THEN excluded.next_run_at ELSE recurring_jobs.next_run_at END,
         updated_at = excluded.updated_at`,
      [job.name, job.queue, job.everyMs, JSON.stringify(job.payload), now + job.everyMs, now],
    );
  }
}

/** The first slot of the schedule after `now`: missed periods collapse into one run. */
export function nextRunAt(dueAt: number, everyMs: number, now: number): number {
  return dueAt + everyMs * (Math.floor((now - dueAt) / everyMs) + 1);
}

/**
 * Enqueues each of `jobs` that is due and whose period no other process has taken. A run
 * still waiting from an earlier period is not doubled (the unique key). Returns the names of
 * the jobs this process enqueued.
 */
export async function enqueueDueRecurringJobs(
  db: Database,
  ids: IdGenerator,
  jobs: ReadonlyMap<string, RecurringJob>,
  now: number,
): Promise<string[]> {
  const due = await db.all<{ name: string; next_run_at: number }>(
    'SELECT name, next_run_at FROM recurring_jobs WHERE next_run_at <= ?',
    [now],
  );
  const enqueued: string[] = [];
  for (const row of due) {
    const job = jobs.get(row.name);
    if (!job) continue;
    const dueAt = Number(row.next_run_at);
    const won = await db.transaction(async (tx) => {
      const { changes } = await tx.run(
        `UPDATE recurring_jobs SET next_run_at = ?, last_run_at = ?, updated_at = ?
          WHERE name = ? AND next_run_at = ?`,
        [nextRunAt(dueAt, job.everyMs, now), now, now, job.name, dueAt],
      );
      if (changes !== 1) return false;
      await insertJob(tx, {
        id: ids.next(),
        queue: job.queue,
        name: job.name,
        payload: job.payload,
        priority: 0,
        runAt: now,
        maxAttempts: 25,
        uniqueKey: `recurring:${job.name}`,
        orderingKey: null,
        now,
      });
      return true;
    });
    if (won) enqueued.push(job.name);
  }
  return enqueued;
}
