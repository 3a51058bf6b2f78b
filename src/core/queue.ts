/**
 * The durable job queue as the rest of Woolly sees it. Drivers: jobs/embedded (SQLite or
 * PostgreSQL table) and, scaled out, a Redis engine. Queue names and their order are
 * Mastodon's, which operators already know.
 */
export const queueNames = ['default', 'push', 'ingress', 'mailers', 'pull', 'scheduler'] as const;
export type QueueName = (typeof queueNames)[number];

export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Higher runs first within a queue. Default 0. */
  priority?: number;
  /** Attempts before the job goes to the dead set. Default 25, as Sidekiq. */
  maxAttempts?: number;
  /** At most one waiting job with this key: enqueueing again while it waits is a no-op. */
  uniqueKey?: string;
}

export interface Job {
  id: string;
  queue: QueueName;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  createdAt: number;
}

export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

export interface JobQueue {
  /** Stores the job durably; when the promise resolves the job survives a crash. */
  enqueue(
    queue: QueueName,
    name: string,
    payload: unknown,
    options?: EnqueueOptions,
  ): Promise<string>;
}

/** The queue with its workers: what app.ts starts and stops. */
export interface JobRuntime extends JobQueue {
  /** Names the function that runs jobs called `name`. */
  register(name: string, handler: JobHandler): void;
  /** Starts taking jobs from `queues` (all by default). */
  start(options?: { queues?: readonly QueueName[]; concurrency?: number }): void;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
}
