/**
 * The Redis job driver of the scaled-out shape, on BullMQ: one BullMQ queue per Mastodon
 * queue, under a key prefix per instance. BullMQ holds the jobs, their locks, delays, retries
 * and dead set (its `failed` set); Woolly takes the jobs itself (BullMQ's manual fetching) so
 * that one pool of `concurrency` loops serves all the process's queues with Sidekiq's weights
 * (and `pushConcurrency` loops of its own serve `push`), as the embedded driver does.
 *
 * A job is in Redis when `enqueue` resolves. A worker killed while running a job stops
 * renewing its lock; BullMQ's stalled check (run by every worker process) puts the job back
 * and another worker runs it. A job found stalled more than twice goes to the dead set, so a
 * job that kills its worker every time cannot take the cluster down.
 *
 * Time is BullMQ's (the real clock), not an injected one.
 */
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { retryDelayMs } from '../../core/backoff.ts';
import { JobPostponed } from '../../core/job-postponed.ts';
import {
  orderingKeyOf,
  queueNames,
  type EnqueueOptions,
  type Job,
  type QueueName,
} from '../../core/queue.ts';
import type { Database } from '../../db/database.ts';
import {
  IdleLoops,
  registerHandler,
  repeatEvery,
  type Repeating,
  timedOutWaiting,
  type JobDriver,
  type JobDriverOptions,
} from '../driver-common.ts';
import type { RegisteredHandler } from '../perform.ts';
import { weightedOrder, workerLoops } from '../queue-order.ts';
import { recurringJob, type RecurringJob } from '../recurring.ts';
import {
  discardAllDeadJobs,
  discardDeadJob,
  findJob,
  listRedisDeadJobs,
  redisQueueStats,
  retryAllDeadJobs,
  retryDeadJob,
} from './admin.ts';
import { dataOf, jobOptions } from './job-options.ts';
import type { RedisJobData } from './job-data.ts';
import { JobOutbox } from './job-outbox.ts';
import { OrderingKeys } from './ordering.ts';

/** `lockMs` is BullMQ's lockDuration (default 30 s). */
export interface RedisJobsOptions extends JobDriverOptions {
  url: string;
  /** Every key of this instance's queues starts with it (one Redis may serve several). */
  prefix: string;
  /** Woolly's database, for the jobs enqueued within its transactions (job-outbox.ts). */
  db?: Database;
}

export type RedisJobs = JobDriver;

interface Taken {
  job: BullJob;
  queue: QueueName;
  token: string;
}

export function createRedisJobs(options: RedisJobsOptions): RedisJobs {
  const { ids, log, prefix } = options;
  const pollMs = options.pollMs ?? 1000;
  const lockMs = options.lockMs ?? 30_000;
  const random = options.random ?? Math.random;
  const workerName = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const connection = { url: options.url, maxRetriesPerRequest: null };
  const redis = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on('error', (error) => log.warn('job queue: Redis connection error', { error }));
  const ordering = new OrderingKeys(redis, prefix);
  const queues = new Map<QueueName, Queue>(
    queueNames.map((name) => {
      const queue = new Queue(name, { connection: redis, prefix });
      queue.on('error', (error) => log.warn('job queue: Redis error', { queue: name, error }));
      return [name, queue];
    }),
  );
  const handlers = new Map<string, RegisteredHandler>();
  const recurring = new Map<string, RecurringJob>();
  const workers = new Map<QueueName, Worker>();
  const inFlight = new Map<string, { taken: Taken; done: Promise<void> }>();
  let claims = 0;
  let running = false;
  let activeQueues: readonly QueueName[] = queueNames;
  let loops: Promise<void>[] = [];
  let timers: Repeating[] = [];
  let blocking: Redis | null = null;

  const lookup = {
    async stateOf(member: string) {
      const job = await findJob(queues, member);
      if (!job) return 'missing' as const;
      return (await job.getState()) === 'failed' ? ('failed' as const) : ('other' as const);
    },
  };

  function workerFor(queue: QueueName): Worker {
    let worker = workers.get(queue);
    if (!worker) {
      worker = new Worker(queue, null, {
        connection,
        prefix,
        autorun: false,
        lockDuration: lockMs,
        stalledInterval: lockMs,
        maxStalledCount: 2,
        settings: {
          backoffStrategy: (attemptsMade, _type, _error, job) => {
            const handler = job ? handlers.get(job.name) : undefined;
            return (
              handler?.options.retryDelayMs?.(attemptsMade) ?? retryDelayMs(attemptsMade, random)
            );
          },
        },
      });
      worker.on('error', (error) => log.warn('job worker: Redis error', { queue, error }));
      workers.set(queue, worker);
    }
    return worker;
  }

  // Idle loops wait together: for a job enqueued here (wake), or for BullMQ's marker of a
  // queue (a job added by another process), or for a poll interval.
  let watching = false;
  async function watchMarkers(): Promise<void> {
    if (watching || !running) return;
    watching = true;
    try {
      blocking ??= redis.duplicate();
      const markers = activeQueues.map((q) => `${prefix}:${q}:marker`);
      const popped = await blocking.bzpopmin(...markers, Math.max(0.01, pollMs / 1000));
      const dueAt = Number(popped?.[2] ?? 0);
      // A delayed job's marker carries its due time: wake then, not now.
      if (dueAt > Date.now()) await delay(Math.min(dueAt - Date.now(), pollMs));
    } catch {
      await delay(pollMs);
    } finally {
      watching = false;
    }
    wake();
  }
  const idle = new IdleLoops(pollMs, () => void watchMarkers());
  const wake = (queue?: QueueName) => idle.wake(queue);

  async function park(taken: Taken, orderingKey: string): Promise<void> {
    const id = String(taken.job.id);
    await redis.sadd(ordering.parkedSet, id);
    await taken.job.moveToDelayed(Date.now() + ordering.parkMs(id), taken.token);
    log.debug('job waits for an earlier one with its ordering key', { id, key: orderingKey });
  }

  /** The next job of `queue` this process may run now, or null when there is none. */
  async function takeFrom(queue: QueueName): Promise<Taken | null> {
    const worker = workerFor(queue);
    for (let tries = 0; tries < 20; tries++) {
      claims += 1;
      const token = `${workerName}:${claims}`;
      const job = (await worker.getNextJob(token, { block: false })) as BullJob | undefined;
      if (!job) return null;
      const taken = { job, queue, token };
      const data = job.data as RedisJobData;
      const id = String(job.id);
      if (data.orderingKey) {
        if (!(await ordering.isFirst(data.orderingKey, id, lookup, Date.now()))) {
          await park(taken, data.orderingKey);
          continue;
        }
        await redis.srem(ordering.parkedSet, id);
      }
      // Sidekiq's "until executing": once the job starts, the same work may be queued again.
      if (data.uniqueKey) await job.removeDeduplicationKey();
      return taken;
    }
    return null;
  }

  async function takeNext(from: readonly QueueName[], skipKnownEmpty: boolean) {
    for (const queue of weightedOrder(from, random)) {
      if (skipKnownEmpty && idle.isKnownEmpty(queue)) continue;
      const taken = await takeFrom(queue);
      if (taken) return taken;
      idle.foundEmpty(queue);
    }
    return null;
  }

  /** The job left its key's line: the next one, if parked, may start at once. */
  async function release(orderingKey: string, id: string): Promise<void> {
    const next = await ordering.leave(orderingKey, id);
    if (next && (await redis.srem(ordering.parkedSet, next)) === 1) {
      await (await findJob(queues, next))?.promote().catch(() => {});
      wake();
    }
  }

  async function run(taken: Taken): Promise<void> {
    const { job, queue, token } = taken;
    const data = job.data as RedisJobData;
    const registered = handlers.get(job.name);
    const woollyJob: Job = {
      id: String(job.id),
      queue,
      name: job.name,
      payload: data.payload,
      attempts: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      createdAt: job.timestamp,
    };
    const fields = { job: job.name, id: woollyJob.id, queue, attempt: woollyJob.attempts };
    try {
      if (!registered) throw new Error(`no handler is registered for jobs named ${job.name}`);
      await registered.handler(data.payload, woollyJob);
    } catch (thrown) {
      if (thrown instanceof JobPostponed) {
        // Back to the delayed set, the attempt not counted; its ordering key keeps its place.
        log.debug('job postponed', { ...fields, reason: thrown.message });
        await job.moveToDelayed(Date.now() + thrown.delayMs, token).catch((error: unknown) =>
          log.error('could not postpone a job; it runs again when its lock expires', {
            ...fields,
            error,
          }),
        );
        return;
      }
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const last = woollyJob.attempts >= woollyJob.maxAttempts;
      if (!last) log.warn('job failed; will retry', { ...fields, error });
      else if (registered?.options.keepDead === false) {
        log.error('job failed for the last time; dropped', { ...fields, error });
        job.opts.removeOnFail = true;
      } else log.error('job failed for the last time; moved to the dead set', { ...fields, error });
      try {
        await job.moveToFailed(error, token, false);
        if (last && data.orderingKey) await release(data.orderingKey, woollyJob.id);
      } catch (redisError) {
        log.error('could not record a job failure; it runs again when its lock expires', {
          ...fields,
          error: redisError,
        });
      }
      return;
    }
    try {
      await job.moveToCompleted(null, token, false);
    } catch (error) {
      log.warn('a job finished after another worker had taken it over; it ran twice', {
        ...fields,
        error,
      });
    }
    if (data.orderingKey) {
      await release(data.orderingKey, woollyJob.id).catch((error: unknown) =>
        log.error('could not release an ordering key', { ...fields, error }),
      );
    }
  }

  function perform(taken: Taken): Promise<void> {
    const done = run(taken).finally(() => inFlight.delete(taken.token));
    inFlight.set(taken.token, { taken, done });
    return done;
  }

  async function loop(from: readonly QueueName[]): Promise<void> {
    while (running) {
      let taken: Taken | null = null;
      try {
        taken = await takeNext(from, true);
      } catch (error) {
        if (running) log.error('could not take a job from the queue', { error });
      }
      if (taken) await perform(taken);
      else if (running) await idle.sleep();
    }
  }

  async function scheduleRecurring(): Promise<void> {
    for (const job of recurring.values()) {
      await queues
        .get(job.queue)!
        .upsertJobScheduler(
          job.name,
          { every: job.everyMs },
          { name: job.name, data: { payload: job.payload }, opts: jobOptions({}) },
        );
    }
  }

  const every = (ms: number, what: string, fn: () => Promise<void>) =>
    repeatEvery(timers, log, ms, what, fn);

  /** Adds the job under `id`; returns the id it is stored under (another when deduplicated). */
  async function add(
    queue: QueueName,
    name: string,
    payload: unknown,
    opts: EnqueueOptions,
    id: string,
  ): Promise<string> {
    if (opts.orderingKey) await ordering.join(opts.orderingKey, id, Date.now());
    const job = await queues.get(queue)!.add(name, dataOf(payload, opts), jobOptions(opts, id));
    const stored = String(job.id);
    // Deduplicated: the waiting holder of the unique key stands for this one.
    if (stored !== id && opts.orderingKey) await ordering.leave(opts.orderingKey, id);
    if (!opts.delayMs) wake(queue);
    return stored;
  }

  const outbox = options.db ? new JobOutbox(options.db, ids, add) : null;
  const relayOutbox = async () => {
    await outbox?.relay();
  };

  async function closeConnections(): Promise<void> {
    await Promise.all([...workers.values()].map((w) => w.close().catch(() => {})));
    workers.clear();
    blocking?.disconnect();
    blocking = null;
  }

  return {
    enqueue: (queue, name, payload, opts = {}) =>
      add(queue, name, payload, opts, `${queue}-${ids.next()}`),

    async enqueueMany(queue, name, payloads, opts = {}) {
      if (payloads.length === 0) return [];
      const jobIds = payloads.map(() => `${queue}-${ids.next()}`);
      if (opts.orderingKeys) {
        const now = Date.now();
        await Promise.all(
          jobIds.map((id, i) => {
            const key = orderingKeyOf(opts, i);
            return key ? ordering.join(key, id, now) : null;
          }),
        );
      } else if (opts.orderingKey) await ordering.joinMany(opts.orderingKey, jobIds, Date.now());
      await queues.get(queue)!.addBulk(
        payloads.map((payload, i) => ({
          name,
          data: dataOf(payload, { ...opts, orderingKey: orderingKeyOf(opts, i) }),
          opts: jobOptions(opts, jobIds[i]),
        })),
      );
      if (!opts.delayMs) wake(queue);
      return jobIds;
    },

    async enqueueWithin(tx, queue, name, payload, opts = {}) {
      if (!outbox) throw new Error('enqueueWithin needs the database (the `db` option)');
      return outbox.store(tx, queue, name, payload, opts, Date.now());
    },

    relayCommitted: relayOutbox,

    register: (name, handler, handlerOptions) =>
      registerHandler(handlers, name, handler, handlerOptions),

    recurring(name, recurringOptions) {
      recurring.set(name, recurringJob(name, recurringOptions));
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
      if (loops.length > 0) {
        // Every worker process checks for stalled jobs (their worker died) in its queues.
        for (const queue of activeQueues) void workerFor(queue).startStalledCheckTimer();
        every(Math.max(100, Math.floor(lockMs / 3)), 'renew job locks', async () => {
          for (const { taken } of inFlight.values()) {
            await taken.job.extendLock(taken.token, lockMs);
          }
        });
        // Jobs whose transaction committed but whose process died before relaying them.
        if (outbox)
          every(pollMs, 'relay the jobs stored with their transaction', () => outbox.sweep());
      }
      if (startOptions.scheduler ?? activeQueues.includes('scheduler')) {
        every(60_000, 'record the recurring jobs', scheduleRecurring);
      }
    },

    async stop(stopOptions = {}) {
      running = false;
      wake();
      blocking?.disconnect();
      const timedOut = await timedOutWaiting(
        [...loops, ...[...inFlight.values()].map((f) => f.done)],
        stopOptions.timeoutMs ?? 25_000,
      );
      const repeating = timers;
      timers = [];
      await Promise.all(repeating.map((t) => t.stop()));
      loops = [];
      if (timedOut) {
        for (const { taken } of inFlight.values()) {
          log.warn('job still running at shutdown; handed back to the queue', {
            job: taken.job.name,
            id: taken.job.id,
          });
          await taken.job.moveToWait(taken.token).catch((error: unknown) =>
            log.error('could not hand a job back; it runs again when its lock expires', {
              id: taken.job.id,
              error,
            }),
          );
        }
      }
      await closeConnections();
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => {})));
      redis.disconnect();
    },

    async runDue(runOptions = {}) {
      let ran = 0;
      const limit = runOptions.limit ?? Infinity;
      await relayOutbox();
      while (ran < limit) {
        const taken = await takeNext(runOptions.queues ?? queueNames, false);
        if (!taken) break;
        await perform(taken);
        ran += 1;
      }
      return ran;
    },

    async tick() {
      await relayOutbox();
      await scheduleRecurring();
    },
    stats: () => redisQueueStats(queues, Date.now()),
    deadJobs: (listOptions) => listRedisDeadJobs(queues, listOptions),

    retryDead: async (id) => {
      const retried = await retryDeadJob(queues, id);
      if (retried) wake();
      return retried;
    },
    retryAllDead: async (queue) => {
      const retried = await retryAllDeadJobs(queues, queue);
      if (retried > 0) wake();
      return retried;
    },
    discardDead: (id) => discardDeadJob(queues, id),
    discardAllDead: (queue) => discardAllDeadJobs(queues, queue),
  };
}
