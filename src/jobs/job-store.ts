/**
 * Every statement the embedded driver runs on the `jobs` table while jobs move through their
 * states: waiting -> running -> (deleted | waiting again for a retry | dead).
 *
 * A claim is one `UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING`: atomic on SQLite (one
 * writer at a time, across processes too) and, with `FOR UPDATE SKIP LOCKED` on PostgreSQL,
 * two workers never take the same job and never wait for each other. Each claim writes a
 * fresh lock token; finishing a job checks it, so a worker whose lock was taken over cannot
 * delete or fail the job that another worker now holds.
 */
import type { Job, QueueName } from '../core/queue.ts';
import type { Database, Queryable, Row, SqlValue } from '../db/database.ts';

export interface NewJob {
  id: string;
  queue: QueueName;
  name: string;
  payload: unknown;
  priority: number;
  runAt: number;
  maxAttempts: number;
  uniqueKey: string | null;
  orderingKey: string | null;
  now: number;
}

const columns =
  'id, queue, name, payload, priority, state, run_at, attempts, max_attempts, unique_key, ordering_key, created_at, updated_at';
const rowMarks = "(?, ?, ?, ?, ?, 'waiting', ?, 0, ?, ?, ?, ?, ?)";

function values(job: NewJob): SqlValue[] {
  return [
    job.id,
    job.queue,
    job.name,
    JSON.stringify(job.payload ?? null),
    job.priority,
    job.runAt,
    job.maxAttempts,
    job.uniqueKey,
    job.orderingKey,
    job.now,
    job.now,
  ];
}

/**
 * Inserts one job. With a unique key that a waiting job already holds, inserts nothing and
 * returns that job's id instead.
 */
export async function insertJob(q: Queryable, job: NewJob): Promise<string> {
  if (!job.uniqueKey) {
    await q.run(`INSERT INTO jobs (${columns}) VALUES ${rowMarks}`, values(job));
    return job.id;
  }
  // The waiting holder of the key may be claimed between the two statements; try again then.
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await q.get<{ id: unknown }>(
      `INSERT INTO jobs (${columns}) VALUES ${rowMarks}
       ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state = 'waiting' DO NOTHING
       RETURNING id`,
      values(job),
    );
    if (inserted) return String(inserted.id);
    const holder = await q.get<{ id: unknown }>(
      "SELECT id FROM jobs WHERE unique_key = ? AND state = 'waiting'",
      [job.uniqueKey],
    );
    if (holder) return String(holder.id);
  }
  throw new Error(`could not enqueue the job with unique key ${job.uniqueKey}`);
}

/** Inserts jobs without unique keys, several rows per statement. */
export async function insertJobs(
  q: Pick<Queryable, 'run'>,
  jobs: readonly NewJob[],
): Promise<void> {
  // 11 parameters a row; SQLite allows 32,766 per statement.
  const perStatement = 500;
  for (let start = 0; start < jobs.length; start += perStatement) {
    const chunk = jobs.slice(start, start + perStatement);
    await q.run(
      `INSERT INTO jobs (${columns}) VALUES ${chunk.map(() => rowMarks).join(', ')}`,
      chunk.flatMap(values),
    );
  }
}

export interface ClaimedJob extends Job {
  /** This claim's lock; finishing the job checks it. */
  token: string;
}

/**
 * Takes up to `limit` due jobs of `queue` (highest priority, then earliest) in one statement
 * and locks them until `lockedUntil` under one token; returns them in that order. A job with
 * an ordering key waits while an older job with the same key is waiting or any is running
 * (the condition is read before the statement changes anything, so one claim never takes two
 * jobs of one key). The unique key is let go: once a job starts, the same work may be enqueued
 * again (Sidekiq's "until executing"). `q` may be a transaction of `dialect`.
 */
export async function claimJobs(
  q: Queryable,
  dialect: Database['dialect'],
  queue: QueueName,
  now: number,
  token: string,
  lockedUntil: number,
  limit: number,
): Promise<ClaimedJob[]> {
  const rows = await q.all<Row>(
    `UPDATE jobs
        SET state = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1,
            unique_key = NULL, updated_at = ?
      WHERE id IN (
        SELECT j.id FROM jobs j
         WHERE j.queue = ? AND j.state = 'waiting' AND j.run_at <= ?
           AND (j.ordering_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM jobs o
              WHERE o.ordering_key = j.ordering_key
                AND (o.state = 'running' OR (o.state = 'waiting' AND o.id < j.id))))
         ORDER BY j.priority DESC, j.run_at, j.id
         LIMIT ?${dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''})
      RETURNING id, queue, name, payload, attempts, max_attempts, created_at, priority, run_at`,
    [token, lockedUntil, now, queue, now, Math.max(1, Math.floor(limit))],
  );
  return rows
    .map((row) => ({
      job: { ...jobFromRow(row), token },
      priority: Number(row.priority),
      runAt: Number(row.run_at),
    }))
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        a.runAt - b.runAt ||
        a.job.id.length - b.job.id.length ||
        (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0),
    )
    .map(({ job }) => job);
}

export function jobFromRow(row: Row): Job {
  return {
    id: String(row.id),
    queue: row.queue as QueueName,
    name: String(row.name),
    payload: JSON.parse(String(row.payload)) as unknown,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    createdAt: Number(row.created_at),
  };
}

/**
 * The job is done (it succeeded, or failed for the last time and is not kept): it is gone.
 * False when its lock was lost to another worker.
 */
export async function removeJob(db: Database, job: ClaimedJob): Promise<boolean> {
  const { changes } = await db.run('DELETE FROM jobs WHERE id = ? AND locked_by = ?', [
    job.id,
    job.token,
  ]);
  return changes === 1;
}

/**
 * Finished jobs, let go together (one statement per claim token): returns the ids of those
 * removed; a job missing from it had lost its lock to another worker.
 */
export async function removeJobs(q: Queryable, jobs: readonly ClaimedJob[]): Promise<Set<string>> {
  const byToken = new Map<string, string[]>();
  for (const job of jobs) byToken.set(job.token, [...(byToken.get(job.token) ?? []), job.id]);
  const removed = new Set<string>();
  for (const [token, ids] of byToken) {
    // Ids are bound as text and compared as the column's type (SQLite and PostgreSQL alike).
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const rows = await q.all<{ id: unknown }>(
        `DELETE FROM jobs WHERE locked_by = ? AND id IN (${chunk.map(() => '?').join(', ')})
         RETURNING id`,
        [token, ...chunk],
      );
      for (const row of rows) removed.add(String(row.id));
    }
  }
  return removed;
}

/** The job failed and has attempts left: it waits until `runAt`. */
export async function scheduleRetry(
  db: Database,
  job: ClaimedJob,
  error: string,
  runAt: number,
  now: number,
): Promise<void> {
  await db.run(
    `UPDATE jobs SET state = 'waiting', last_error = ?, run_at = ?, locked_by = NULL,
            locked_until = NULL, updated_at = ?
      WHERE id = ? AND locked_by = ?`,
    [error, runAt, now, job.id, job.token],
  );
}

/** The job failed its last attempt: into the dead set (`updated_at` is when it died). */
export async function buryJob(
  db: Database,
  job: ClaimedJob,
  error: string,
  now: number,
): Promise<void> {
  await db.run(
    `UPDATE jobs SET state = 'dead', last_error = ?, locked_by = NULL, locked_until = NULL,
            updated_at = ?
      WHERE id = ? AND locked_by = ?`,
    [error, now, job.id, job.token],
  );
}

/** Extends the locks of jobs still running here, so that nobody takes them over. */
export async function renewLocks(
  db: Database,
  jobs: Iterable<ClaimedJob>,
  lockedUntil: number,
): Promise<void> {
  for (const job of jobs) {
    await db.run('UPDATE jobs SET locked_until = ? WHERE id = ? AND locked_by = ?', [
      lockedUntil,
      job.id,
      job.token,
    ]);
  }
}

/**
 * Hands a job that is still running back to the queue (a stop that could not wait for it),
 * without counting the attempt, so that another worker starts it at once.
 */
export async function releaseJob(db: Database, job: ClaimedJob, now: number): Promise<void> {
  await db.run(
    `UPDATE jobs SET state = 'waiting', attempts = attempts - 1, run_at = ?, locked_by = NULL,
            locked_until = NULL, updated_at = ?
      WHERE id = ? AND locked_by = ?`,
    [now, now, job.id, job.token],
  );
}

const abandoned = 'the worker running this job stopped before it finished (its lock expired)';

/**
 * Takes back the jobs whose lock expired: their worker died (kill -9, a lost machine) or
 * could not renew its locks. Such a job counts as a failed attempt and runs again at once;
 * one that had no attempts left goes to the dead set, so a job that kills its worker every
 * time cannot crash workers forever. Returns how many went back to the queue.
 */
export async function reclaimExpiredLocks(db: Database, now: number): Promise<number> {
  await db.run(
    `UPDATE jobs SET state = 'dead', last_error = ?, locked_by = NULL, locked_until = NULL,
            updated_at = ?
      WHERE state = 'running' AND locked_until < ? AND attempts >= max_attempts`,
    [abandoned, now, now],
  );
  const { changes } = await db.run(
    `UPDATE jobs SET state = 'waiting', last_error = ?, run_at = ?, locked_by = NULL,
            locked_until = NULL, updated_at = ?
      WHERE state = 'running' AND locked_until < ?`,
    [abandoned, now, now, now],
  );
  return changes;
}
