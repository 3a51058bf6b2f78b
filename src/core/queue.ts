/**
 * The durable job queue as the rest of Woolly sees it. Drivers: jobs/embedded (a table in
 * Woolly's own SQLite or PostgreSQL database) and, scaled out, a Redis engine (BullMQ). Queue
 * names, their weights, retries and the dead set follow Mastodon's Sidekiq setup, which
 * operators already know.
 */
export const queueNames = ['default', 'push', 'ingress', 'mailers', 'pull', 'scheduler'] as const;
export type QueueName = (typeof queueNames)[number];

/**
 * Jobs a worker runs at once besides deliveries (`--concurrency`). 10, not Sidekiq's 5: on an
 * embedded instance busy with inbound activities, the larger claims and commit groups of 10
 * processed 621-662 activities/s against 555-577 with 5, for 1.8-1.9 ms of CPU each instead of
 * 2.1 (bench/inbox.ts, 6,000 activities; the API's median answer during the burst 8-9 ms
 * instead of 4.5).
 */
export const defaultJobConcurrency = 10;

/**
 * How often each queue is looked at first, relative to the others: Mastodon's
 * config/sidekiq.yml (`[default, 8]`, `[push, 6]`, `[ingress, 4]`, `[mailers, 2]`, `[pull]`,
 * `[scheduler]`). Weighted, not strict, so a busy high queue never starves a low one.
 */
export const queueWeights: Readonly<Record<QueueName, number>> = {
  default: 8,
  push: 6,
  ingress: 4,
  mailers: 2,
  pull: 1,
  scheduler: 1,
};

export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Higher runs first within a queue. Default 0. */
  priority?: number;
  /** Attempts before the job goes to the dead set. Default 25, as Sidekiq. */
  maxAttempts?: number;
  /** At most one waiting job with this key: enqueueing again while it waits is a no-op. */
  uniqueKey?: string;
  /**
   * Jobs sharing this key run one at a time, oldest first (Fedify uses it so that a `Delete`
   * is not delivered before the `Create` it undoes). Jobs without a key run in parallel.
   */
  orderingKey?: string;
}

export interface EnqueueManyOptions extends Omit<EnqueueOptions, 'uniqueKey'> {
  /** Each payload's own ordering key, in order (in place of `orderingKey`; none: unordered). */
  orderingKeys?: readonly (string | undefined)[];
}

/** The ordering key of `enqueueMany`'s payload `i`. */
export function orderingKeyOf(options: EnqueueManyOptions, i: number): string | undefined {
  return options.orderingKeys ? options.orderingKeys[i] : options.orderingKey;
}

export interface Job {
  id: string;
  queue: QueueName;
  name: string;
  payload: unknown;
  /** Attempts so far, counting the one running now. */
  attempts: number;
  maxAttempts: number;
  createdAt: number;
}

export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

/** How a kind of job is retried; Sidekiq sets these per worker class, Woolly per job name. */
export interface HandlerOptions {
  /** Delay before attempt `attempts + 1` after a failure. Default: Sidekiq's backoff. */
  retryDelayMs?: (attempts: number) => number;
  /**
   * Whether a job that failed its last attempt is kept in the dead set (default true).
   * Mastodon drops failed deliveries instead (`dead: false`): a server that is gone would
   * otherwise fill the dead set.
   */
  keepDead?: boolean;
}

export interface RecurringOptions {
  /** The period; the job is enqueued once per period across every process. */
  everyMs: number;
  /** Default `scheduler`, as Mastodon's scheduler workers. */
  queue?: QueueName;
  payload?: unknown;
}

export interface JobQueue {
  /** Stores the job durably; when the promise resolves the job survives a crash. */
  enqueue(
    queue: QueueName,
    name: string,
    payload: unknown,
    options?: EnqueueOptions,
  ): Promise<string>;
  /** Stores many jobs of one kind at once (one transaction); returns their ids in order. */
  enqueueMany(
    queue: QueueName,
    name: string,
    payloads: readonly unknown[],
    options?: EnqueueManyOptions,
  ): Promise<string[]>;
  /**
   * Stores the job as part of `tx`, an open transaction of Woolly's database: it exists if and
   * only if that transaction commits (a transactional outbox). Once the transaction has
   * committed, `relayCommitted` starts it at once; after a crash before that call, the
   * workers' housekeeping does. On the database driver the job is a row of `jobs`; on Redis it
   * waits in the database's `job_outbox` until it is relayed to Redis.
   */
  enqueueWithin(
    tx: JobTransaction,
    queue: QueueName,
    name: string,
    payload: unknown,
    options?: Omit<EnqueueOptions, 'uniqueKey'>,
  ): Promise<string>;
  /** Hands the jobs that `enqueueWithin` stored in committed transactions to the workers now. */
  relayCommitted(): Promise<void>;
}

/** An open transaction of Woolly's database (db/database.ts's Queryable is one). */
export interface JobTransaction {
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
}

/** Counts for one queue, for /metrics and the admin UI. */
export interface QueueStats {
  queue: QueueName;
  /** Due and not yet taken. */
  waiting: number;
  /** Delayed or waiting for a retry. */
  scheduled: number;
  running: number;
  dead: number;
  /** How long the oldest due job has waited (Sidekiq's queue latency); 0 when none waits. */
  latencyMs: number;
}

export interface DeadJob extends Job {
  /** The last error, with its stack. */
  error: string;
  failedAt: number;
}

/** Inspecting the queues and handling the dead set. */
export interface JobAdmin {
  stats(): Promise<QueueStats[]>;
  /** Dead jobs, the most recently failed first. */
  deadJobs(options?: { queue?: QueueName; limit?: number; offset?: number }): Promise<DeadJob[]>;
  /** Puts a dead job back in its queue with fresh attempts; false when no such dead job. */
  retryDead(id: string): Promise<boolean>;
  /** Puts every dead job (of `queue`) back; returns how many. */
  retryAllDead(queue?: QueueName): Promise<number>;
  discardDead(id: string): Promise<boolean>;
  discardAllDead(queue?: QueueName): Promise<number>;
}

/** The queue with its workers: what app.ts starts and stops. */
export interface JobRuntime extends JobQueue, JobAdmin {
  /**
   * Names the function that runs jobs called `name`; returns a function that removes it.
   * Modules register their handlers when app.ts builds them, before `start`.
   */
  register(name: string, handler: JobHandler, options?: HandlerOptions): () => void;
  /** Enqueues the job `name` (registered with `register`) once every period. */
  recurring(name: string, options: RecurringOptions): void;
  /**
   * Starts taking jobs from `queues` (all by default; none for a process that only
   * schedules). The process that takes `scheduler` jobs also enqueues the recurring ones,
   * unless `scheduler` says otherwise (`woolly scheduler` takes no jobs and only schedules).
   */
  start(options?: {
    queues?: readonly QueueName[];
    concurrency?: number;
    scheduler?: boolean;
  }): void;
  /**
   * Stops taking jobs and waits for the running ones to finish. Jobs still running after
   * `timeoutMs` (default 25 s, as Sidekiq) are handed back to the queue for another worker.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}
