/**
 * The embedded job queue: jobs live in the `jobs` table of Woolly's own database (SQLite or
 * PostgreSQL), so a job is durable as soon as `enqueue` resolves and survives kill -9.
 *
 * Each worker loop takes the first due job in a weighted order of its queues
 * (jobs/queue-order.ts), runs it (jobs/perform.ts) and looks again; an idle loop sleeps until
 * a job is enqueued in this process or `pollMs` passes (jobs enqueued by other processes are
 * seen on the next poll). While a job runs its lock is renewed; a job whose lock expires
 * (its worker died) is taken back by whichever process runs its housekeeping next.
 */
import { hostname } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../core/clock.ts';
import { queueNames, type EnqueueOptions, type QueueName } from '../core/queue.ts';
import type { Database } from '../db/database.ts';
import {
  discardAllDeadJobs,
  discardDeadJob,
  listDeadJobs,
  retryAllDeadJobs,
  retryDeadJob,
} from './dead-set.ts';
import {
  IdleLoops,
  registerHandler,
  repeatEvery,
  timedOutWaiting,
  type JobDriver,
  type JobDriverOptions,
} from './driver-common.ts';
import {
  claimJob,
  insertJob,
  insertJobs,
  reclaimExpiredLocks,
  releaseJob,
  renewLocks,
  type ClaimedJob,
  type NewJob,
} from './job-store.ts';
import { performJob, type RegisteredHandler } from './perform.ts';
import { weightedOrder, workerLoops } from './queue-order.ts';
import {
  enqueueDueRecurringJobs,
  recurringJob,
  saveRecurringJobs,
  type RecurringJob,
} from './recurring.ts';
import { queueStats } from './stats.ts';

/** `pollMs` is also how often housekeeping runs; `lockMs` defaults to 60 s. */
export interface EmbeddedJobsOptions extends JobDriverOptions {
  db: Database;
  clock: Clock;
}

export type EmbeddedJobs = JobDriver;

export function createEmbeddedJobs(options: EmbeddedJobsOptions): EmbeddedJobs {
  const { db, ids, clock, log } = options;
  const pollMs = options.pollMs ?? 1000;
  const lockMs = options.lockMs ?? 60_000;
  const random = options.random ?? Math.random;
  const workerName = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const handlers = new Map<string, RegisteredHandler>();
  const recurring = new Map<string, RecurringJob>();
  let recurringSaved = false;
  let claims = 0;

  /** Jobs running in this process, by lock token. */
  const inFlight = new Map<string, { job: ClaimedJob; done: Promise<void> }>();
  let running = false;
  let activeQueues: readonly QueueName[] = queueNames;
  let loops: Promise<void>[] = [];
  let timers: ReturnType<typeof setInterval>[] = [];

  const idle = new IdleLoops(pollMs);
  const wake = (queue?: QueueName) => idle.wake(queue);
  const sleep = () => idle.sleep();

  async function claimNext(
    from: readonly QueueName[],
    skipKnownEmpty: boolean,
  ): Promise<ClaimedJob | null> {
    const now = clock.now();
    for (const queue of weightedOrder(from, random)) {
      if (skipKnownEmpty && idle.isKnownEmpty(queue)) continue;
      claims += 1;
      const job = await claimJob(db, queue, now, `${workerName}/${claims}`, now + lockMs);
      if (job) return job;
      idle.foundEmpty(queue);
    }
    return null;
  }

  function perform(job: ClaimedJob): Promise<void> {
    const done = performJob({ db, clock, log, random }, job, handlers.get(job.name)).finally(() =>
      inFlight.delete(job.token),
    );
    inFlight.set(job.token, { job, done });
    return done;
  }

  async function loop(queues: readonly QueueName[]): Promise<void> {
    while (running) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimNext(queues, true);
      } catch (error) {
        log.error('could not take a job from the queue', { error });
      }
      if (job) {
        await perform(job);
        // SQLite answers synchronously: without this turn, a queue that never empties
        // would keep the event loop from timers and HTTP requests.
        await nextTurn();
      } else await sleep();
    }
  }

  async function scheduleRecurring(): Promise<void> {
    if (recurring.size === 0) return;
    const now = clock.now();
    if (!recurringSaved) {
      await saveRecurringJobs(db, recurring.values(), now);
      recurringSaved = true;
    }
    const enqueued = await enqueueDueRecurringJobs(db, ids, recurring, now);
    for (const name of enqueued) wake(recurring.get(name)?.queue);
  }

  async function housekeeping(withScheduler: boolean): Promise<void> {
    const reclaimed = await reclaimExpiredLocks(db, clock.now());
    if (reclaimed > 0) {
      log.warn('took back jobs whose worker stopped before finishing them', {
        jobs: reclaimed,
      });
      wake();
    }
    if (withScheduler) await scheduleRecurring();
  }

  const every = (ms: number, what: string, fn: () => Promise<void>) =>
    repeatEvery(timers, log, ms, what, fn);

  function newJob(
    queue: QueueName,
    name: string,
    payload: unknown,
    opts: EnqueueOptions,
    now: number,
  ): NewJob {
    return {
      id: ids.next(),
      queue,
      name,
      payload,
      priority: opts.priority ?? 0,
      runAt: now + Math.max(0, opts.delayMs ?? 0),
      maxAttempts: Math.max(1, opts.maxAttempts ?? 25),
      uniqueKey: opts.uniqueKey ?? null,
      orderingKey: opts.orderingKey ?? null,
      now,
    };
  }

  return {
    async enqueue(queue, name, payload, opts = {}) {
      const id = await insertJob(db, newJob(queue, name, payload, opts, clock.now()));
      if (!opts.delayMs) wake(queue);
      return id;
    },

    async enqueueMany(queue, name, payloads, opts = {}) {
      if (payloads.length === 0) return [];
      const now = clock.now();
      const jobs = payloads.map((payload) => newJob(queue, name, payload, opts, now));
      await db.transaction((tx) => insertJobs(tx, jobs));
      if (!opts.delayMs) wake(queue);
      return jobs.map((job) => job.id);
    },

    register: (name, handler, handlerOptions) =>
      registerHandler(handlers, name, handler, handlerOptions),

    recurring(name, recurringOptions) {
      recurring.set(name, recurringJob(name, recurringOptions));
      recurringSaved = false;
    },

    start(startOptions = {}) {
      if (running) return;
      running = true;
      activeQueues = startOptions.queues ?? queueNames;
      idle.wake();
      const { pushLoops, otherQueues, otherLoops } = workerLoops(
        activeQueues,
        startOptions.concurrency,
        options.pushConcurrency,
      );
      loops = [
        ...Array.from({ length: otherLoops }, () => loop(otherQueues)),
        ...Array.from({ length: pushLoops }, () => loop(['push'])),
      ];
      every(Math.max(1, Math.floor(lockMs / 3)), 'renew job locks', () =>
        renewLocks(
          db,
          [...inFlight.values()].map((f) => f.job),
          clock.now() + lockMs,
        ),
      );
      const withScheduler = startOptions.scheduler ?? activeQueues.includes('scheduler');
      every(pollMs, 'run job housekeeping', () => housekeeping(withScheduler));
    },

    async stop(stopOptions = {}) {
      running = false;
      wake();
      const timedOut = await timedOutWaiting(
        [...loops, ...[...inFlight.values()].map((f) => f.done)],
        stopOptions.timeoutMs ?? 25_000,
      );
      for (const t of timers) clearInterval(t);
      timers = [];
      loops = [];
      if (timedOut) {
        const now = clock.now();
        for (const { job } of inFlight.values()) {
          log.warn('job still running at shutdown; handed back to the queue', {
            job: job.name,
            id: job.id,
          });
          await releaseJob(db, job, now).catch((error: unknown) =>
            log.error('could not hand a job back; it runs again when its lock expires', {
              id: job.id,
              error,
            }),
          );
        }
      }
    },

    async runDue(runOptions = {}) {
      let ran = 0;
      const limit = runOptions.limit ?? Infinity;
      while (ran < limit) {
        const job = await claimNext(runOptions.queues ?? queueNames, false);
        if (!job) break;
        await perform(job);
        ran += 1;
      }
      return ran;
    },

    tick: () => housekeeping(true),
    stats: () => queueStats(db, clock.now()),
    deadJobs: (listOptions) => listDeadJobs(db, listOptions),
    async retryDead(id) {
      const retried = await retryDeadJob(db, id, clock.now());
      if (retried) wake();
      return retried;
    },
    async retryAllDead(queue) {
      const retried = await retryAllDeadJobs(db, clock.now(), queue);
      if (retried > 0) wake();
      return retried;
    },
    discardDead: (id) => discardDeadJob(db, id),
    discardAllDead: (queue) => discardAllDeadJobs(db, queue),
  };
}
