/**
 * The embedded job queue: jobs live in the `jobs` table of Woolly's own database (SQLite or
 * PostgreSQL), so a job is durable as soon as `enqueue` resolves and survives kill -9.
 *
 * Each worker loop takes the first due job in a weighted order of its queues
 * (jobs/queue-order.ts), runs it (jobs/perform.ts) and looks again; an idle loop sleeps until
 * a job is enqueued in this process or `pollMs` passes (jobs enqueued by other processes are
 * seen on the next poll). While a job runs its lock is renewed; a job whose lock expires
 * (its worker died) is taken back by whichever process runs its housekeeping next.
 *
 * Jobs move in batches, because on a busy instance a statement per job (and, on SQLite, a
 * commit per statement) costs as much as many jobs' work: one claim takes up to as many due
 * jobs of a queue as the loops that serve it (the loops share them), and jobs that succeed
 * are removed together, in the same transaction as the next claim on SQLite or before a loop
 * sleeps. A crash between a job's end and its batch's removal runs it again when its lock
 * expires, as a crash just before a single removal did: handlers are idempotent.
 */
import { hostname } from 'node:os';
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../core/clock.ts';
import {
  orderingKeyOf,
  queueNames,
  type EnqueueManyOptions,
  type EnqueueOptions,
  type QueueName,
} from '../core/queue.ts';
import type { Database, Queryable } from '../db/database.ts';
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
  type Repeating,
  timedOutWaiting,
  type JobDriver,
  type JobDriverOptions,
} from './driver-common.ts';
import {
  claimJobs,
  insertJob,
  insertJobs,
  reclaimExpiredLocks,
  releaseJob,
  removeJobs,
  renewLocks,
  type ClaimedJob,
  type NewJob,
} from './job-store.ts';
import { performJob, type RegisteredHandler } from './perform.ts';
import type { JobStoreDelegate } from './store-delegate.ts';
import { weightedOrder, workerLoops } from './queue-order.ts';
import {
  enqueueDueRecurringJobs,
  recurringJob,
  saveRecurringJobs,
  type RecurringJob,
} from './recurring.ts';
import { queueStats } from './stats.ts';

/** The worker loops that serve the same queues, and the jobs claimed for them. */
interface LoopGroup {
  /** Claimed and not started yet. */
  ready: ClaimedJob[];
  /** How many jobs one claim takes: as many as the loops. */
  batch: number;
  /** The claim under way, which the group's other loops wait for. */
  claiming: Promise<void> | null;
}

/** `pollMs` is also how often housekeeping runs; `lockMs` defaults to 60 s. */
export interface EmbeddedJobsOptions extends JobDriverOptions {
  db: Database;
  clock: Clock;
  /**
   * Other threads of this process take jobs from the same database (JOB_THREADS): a job
   * enqueued here wakes their idle loops too, over a BroadcastChannel of this name, instead
   * of waiting for their next poll.
   */
  threadChannel?: string;
}

export interface EmbeddedJobs extends JobDriver {
  /**
   * Hands this thread's plain enqueues to another thread that stores them (store-delegate.ts),
   * or stores them here again (null).
   */
  storeThrough(delegate: JobStoreDelegate | null): void;
}

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

  /** Jobs running in this process, by id. */
  const inFlight = new Map<string, { job: ClaimedJob; done: Promise<void> }>();
  /** Claimed jobs not started yet, per group of loops (the same queues), and its claim. */
  const groups = new Map<string, LoopGroup>();
  /** Jobs that succeeded and are not removed yet (see removeFinished). */
  let finished: ClaimedJob[] = [];
  let running = false;
  let activeQueues: readonly QueueName[] = queueNames;
  let loops: Promise<void>[] = [];
  let timers: Repeating[] = [];

  const idle = new IdleLoops(pollMs);
  const wake = (queue?: QueueName) => idle.wake(queue);
  const threads = options.threadChannel ? new NodeBroadcastChannel(options.threadChannel) : null;
  if (threads) {
    threads.unref();
    threads.onmessage = (event) => idle.wake((event as { data: QueueName }).data);
  }
  /** Wakes this process's loops for a job just enqueued, and those of the other threads. */
  const wakeForJob = (queue: QueueName) => {
    wake(queue);
    threads?.postMessage(queue);
  };
  /** Queues given jobs by enqueueWithin since the last relayCommitted. */
  const committedQueues = new Set<QueueName>();
  const sleep = () => idle.sleep();

  /**
   * Removes the jobs that succeeded, in `q` (the transaction of the next claim, or the
   * database); if that fails they are kept for the next try (their locks are renewed
   * meanwhile), so `within` must rethrow.
   */
  async function removeFinished<T>(
    within: (remove: (q: Queryable) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const done = finished;
    finished = [];
    let removed = new Set<string>();
    try {
      const result = await within(async (q) => {
        if (done.length > 0) removed = await removeJobs(q, done);
      });
      for (const job of done) {
        if (removed.has(job.id)) continue;
        log.warn('a job finished after another worker had taken it over; it ran twice', {
          job: job.name,
          id: job.id,
          queue: job.queue,
          attempt: job.attempts,
        });
      }
      return result;
    } catch (error) {
      finished = [...done, ...finished];
      throw error;
    }
  }

  /** Removes the jobs that succeeded now, logging a failure (they run again later). */
  async function flushFinished(): Promise<void> {
    if (finished.length === 0) return;
    await removeFinished((remove) => remove(db)).catch((error: unknown) =>
      log.error('could not remove finished jobs; they run again when their locks expire', {
        error,
      }),
    );
  }

  /** Claims up to `limit` due jobs of the first queue in weighted order that has any. */
  async function claimBatch(
    from: readonly QueueName[],
    skipKnownEmpty: boolean,
    limit: number,
  ): Promise<ClaimedJob[]> {
    const now = clock.now();
    for (const queue of weightedOrder(from, random)) {
      if (skipKnownEmpty && idle.isKnownEmpty(queue)) continue;
      claims += 1;
      const token = `${workerName}/${claims}`;
      const claim = (q: Queryable) =>
        claimJobs(q, db.dialect, queue, now, token, now + lockMs, limit);
      // On SQLite, one commit for the finished jobs and the claim; PostgreSQL would only pay
      // two more round trips for the transaction.
      const jobs =
        finished.length > 0 && db.dialect === 'sqlite'
          ? await removeFinished((remove) =>
              db.transaction(async (tx) => {
                await remove(tx);
                return claim(tx);
              }),
            )
          : await removeFinished(async (remove) => {
              await remove(db);
              return claim(db);
            });
      if (jobs.length > 0) return jobs;
      idle.foundEmpty(queue);
    }
    return [];
  }

  /**
   * The next job for a loop of `queues`: one claimed earlier for its group, else the first of
   * a new batch (the rest wait for the group's other loops). Loops that ask while a claim is
   * under way wait for it instead of claiming too.
   */
  async function nextJob(queues: readonly QueueName[]): Promise<ClaimedJob | null> {
    const group = groups.get(queues.join(','));
    if (!group) return null;
    const ready = group.ready.shift();
    if (ready) return ready;
    if (group.claiming) {
      await group.claiming;
      return group.ready.shift() ?? null;
    }
    const claiming = claimBatch(queues, true, group.batch).then((jobs) => {
      group.ready.push(...jobs);
    });
    group.claiming = claiming.catch(() => {});
    try {
      await claiming;
    } finally {
      group.claiming = null;
    }
    return group.ready.shift() ?? null;
  }

  function perform(job: ClaimedJob): Promise<void> {
    const done = performJob(
      {
        db,
        clock,
        log,
        random,
        complete: async (j) => {
          finished.push(j);
          return true;
        },
      },
      job,
      handlers.get(job.name),
    ).finally(() => inFlight.delete(job.id));
    inFlight.set(job.id, { job, done });
    return done;
  }

  async function loop(queues: readonly QueueName[]): Promise<void> {
    while (running) {
      let job: ClaimedJob | null = null;
      try {
        job = await nextJob(queues);
      } catch (error) {
        log.error('could not take a job from the queue', { error });
      }
      if (job) {
        await perform(job);
        // SQLite answers synchronously: without this turn, a queue that never empties
        // would keep the event loop from timers and HTTP requests.
        await nextTurn();
      } else {
        await flushFinished();
        await sleep();
      }
    }
  }

  /** Hands claimed jobs that no loop started back to the queue (at stop). */
  async function releaseUnstarted(): Promise<void> {
    const now = clock.now();
    for (const group of groups.values()) {
      for (const job of group.ready.splice(0)) {
        await releaseJob(db, job, now).catch((error: unknown) =>
          log.error('could not hand a job back; it runs again when its lock expires', {
            id: job.id,
            error,
          }),
        );
      }
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
      log.warn('took back jobs whose worker stopped before finishing them', { jobs: reclaimed });
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

  let delegate: JobStoreDelegate | null = null;

  /** The jobs stored by the delegate, or null when there is none or it failed. */
  async function storedElsewhere(
    queue: QueueName,
    name: string,
    payloads: readonly unknown[],
    opts: EnqueueManyOptions,
  ): Promise<string[] | null> {
    if (!delegate) return null;
    try {
      return await delegate.store(queue, name, payloads, opts);
    } catch (error) {
      log.debug('another thread could not store jobs; storing them here', { error });
      return null;
    }
  }

  return {
    storeThrough(next) {
      delegate = next;
    },

    async enqueue(queue, name, payload, opts = {}) {
      // A unique key is checked where the job is inserted, so such jobs stay here.
      if (!opts.uniqueKey) {
        const stored = await storedElsewhere(queue, name, [payload], opts);
        if (stored) return stored[0]!;
      }
      const id = await insertJob(db, newJob(queue, name, payload, opts, clock.now()));
      if (!opts.delayMs) wakeForJob(queue);
      return id;
    },

    async enqueueMany(queue, name, payloads, opts = {}) {
      if (payloads.length === 0) return [];
      const stored = await storedElsewhere(queue, name, payloads, opts);
      if (stored) return stored;
      const now = clock.now();
      const jobs = payloads.map((payload, i) =>
        newJob(queue, name, payload, { ...opts, orderingKey: orderingKeyOf(opts, i) }, now),
      );
      await db.transaction((tx) => insertJobs(tx, jobs));
      if (!opts.delayMs) wakeForJob(queue);
      return jobs.map((job) => job.id);
    },

    // A row of `jobs` in the caller's transaction: due once it commits, and the workers are
    // woken then (relayCommitted); until then a claim cannot see it.
    async enqueueWithin(tx, queue, name, payload, opts = {}) {
      const job = newJob(queue, name, payload, opts, clock.now());
      await insertJobs(tx, [job]);
      if (!opts.delayMs) committedQueues.add(queue);
      return job.id;
    },

    async relayCommitted() {
      for (const queue of committedQueues) wakeForJob(queue);
      committedQueues.clear();
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
      groups.clear();
      if (otherLoops > 0) {
        groups.set(otherQueues.join(','), { ready: [], batch: otherLoops, claiming: null });
      }
      if (pushLoops > 0) groups.set('push', { ready: [], batch: pushLoops, claiming: null });
      loops = [
        ...Array.from({ length: otherLoops }, () => loop(otherQueues)),
        ...Array.from({ length: pushLoops }, () => loop(['push'])),
      ];
      every(Math.max(1, Math.floor(lockMs / 3)), 'renew job locks', () =>
        renewLocks(
          db,
          [
            ...[...inFlight.values()].map((f) => f.job),
            ...[...groups.values()].flatMap((g) => g.ready),
            ...finished,
          ],
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
      const repeating = timers;
      timers = [];
      await Promise.all(repeating.map((t) => t.stop()));
      loops = [];
      await releaseUnstarted();
      await flushFinished();
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
      try {
        // One job per claim: the weighted order is drawn for every job, as tests expect.
        while (ran < limit) {
          const [job] = await claimBatch(runOptions.queues ?? queueNames, false, 1);
          if (!job) break;
          await perform(job);
          ran += 1;
        }
      } finally {
        await flushFinished();
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
