/**
 * The embedded job queue: jobs live in the `jobs` table of Woolly's own database (SQLite or
 * PostgreSQL), so an accepted job survives a crash. Workers poll for due jobs and are woken at
 * once by enqueues made in the same process.
 */
import type { Clock } from '../core/clock.ts';
import type { IdGenerator } from '../core/ids.ts';
import type { Logger } from '../core/logger.ts';
import {
  queueNames,
  type EnqueueOptions,
  type Job,
  type JobHandler,
  type JobRuntime,
  type QueueName,
} from '../core/queue.ts';
import type { Database, Row } from '../db/database.ts';
import { isUniqueViolation } from '../db/database.ts';

export interface EmbeddedJobsOptions {
  db: Database;
  ids: IdGenerator;
  clock: Clock;
  log: Logger;
  /** How often idle workers look for due jobs. */
  pollMs?: number;
  /** How long a claimed job stays locked before another worker may take it over. */
  lockMs?: number;
}

/** Sidekiq's backoff: (attempts^4) + 15 seconds, plus jitter. */
export function retryDelayMs(attempts: number): number {
  return (attempts ** 4 + 15 + Math.floor(Math.random() * 10 * (attempts + 1))) * 1000;
}

export function createEmbeddedJobs(options: EmbeddedJobsOptions): JobRuntime {
  const { db, ids, clock, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const handlers = new Map<string, JobHandler>();
  const workerName = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let running = false;
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of sleepers) wake();
    sleepers.clear();
  };
  const inFlight = new Set<Promise<void>>();
  let loops: Promise<void>[] = [];

  async function claim(queues: readonly QueueName[]): Promise<Job | null> {
    const now = clock.now();
    const marks = queues.map(() => '?').join(', ');
    return db.transaction(async (tx) => {
      const row = await tx.get<Row>(
        `SELECT * FROM jobs
          WHERE queue IN (${marks})
            AND ((state = 'waiting' AND run_at <= ?) OR (state = 'running' AND locked_until < ?))
          ORDER BY priority DESC, run_at, id
          LIMIT 1${db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`,
        [...queues, now, now],
      );
      if (!row) return null;
      await tx.run(
        "UPDATE jobs SET state = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
        [workerName, now + lockMs, now, row.id as string],
      );
      return {
        id: String(row.id),
        queue: row.queue as QueueName,
        name: String(row.name),
        payload: JSON.parse(String(row.payload)) as unknown,
        attempts: Number(row.attempts) + 1,
        maxAttempts: Number(row.max_attempts),
        createdAt: Number(row.created_at),
      };
    });
  }

  async function perform(job: Job): Promise<void> {
    const handler = handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler is registered for jobs named ${job.name}`);
      await handler(job.payload, job);
      await db.run('DELETE FROM jobs WHERE id = ?', [job.id]);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const now = clock.now();
      if (job.attempts >= job.maxAttempts) {
        log.error('job failed for the last time; moved to the dead set', {
          job: job.name,
          id: job.id,
          error,
        });
        await db.run(
          "UPDATE jobs SET state = 'dead', last_error = ?, locked_by = NULL, locked_until = NULL, unique_key = NULL, updated_at = ? WHERE id = ?",
          [message, now, job.id],
        );
      } else {
        log.warn('job failed; will retry', {
          job: job.name,
          id: job.id,
          attempt: job.attempts,
          error,
        });
        await db.run(
          "UPDATE jobs SET state = 'waiting', last_error = ?, run_at = ?, locked_by = NULL, locked_until = NULL, updated_at = ? WHERE id = ?",
          [message, now + retryDelayMs(job.attempts), now, job.id],
        );
      }
    }
  }

  async function loop(queues: readonly QueueName[]): Promise<void> {
    while (running) {
      let job: Job | null = null;
      try {
        job = await claim(queues);
      } catch (error) {
        log.error('could not take a job from the queue', { error });
      }
      if (job) {
        const p = perform(job);
        inFlight.add(p);
        await p.finally(() => inFlight.delete(p));
        continue;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, pollMs);
        sleepers.add(wake);
      });
    }
  }

  return {
    async enqueue(
      queue: QueueName,
      name: string,
      payload: unknown,
      opts: EnqueueOptions = {},
    ): Promise<string> {
      const now = clock.now();
      const id = ids.next();
      try {
        await db.run(
          `INSERT INTO jobs (id, queue, name, payload, priority, state, run_at, attempts, max_attempts, unique_key, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'waiting', ?, 0, ?, ?, ?, ?)`,
          [
            id,
            queue,
            name,
            JSON.stringify(payload ?? null),
            opts.priority ?? 0,
            now + (opts.delayMs ?? 0),
            opts.maxAttempts ?? 25,
            opts.uniqueKey ?? null,
            now,
            now,
          ],
        );
      } catch (error) {
        if (opts.uniqueKey && isUniqueViolation(error)) {
          const row = await db.get<{ id: string }>(
            "SELECT id FROM jobs WHERE unique_key = ? AND state = 'waiting'",
            [opts.uniqueKey],
          );
          if (row) return String(row.id);
        }
        throw error;
      }
      if (!opts.delayMs) wakeAll();
      return id;
    },
    register(name: string, handler: JobHandler): void {
      handlers.set(name, handler);
    },
    start(startOptions = {}): void {
      if (running) return;
      running = true;
      const queues = startOptions.queues ?? queueNames;
      const concurrency = startOptions.concurrency ?? 2;
      loops = Array.from({ length: concurrency }, () => loop(queues));
    },
    async stop(): Promise<void> {
      running = false;
      wakeAll();
      await Promise.all(loops);
      await Promise.all(inFlight);
    },
  };
}
