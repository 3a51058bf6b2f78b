/**
 * Job workers in threads of their own (JOB_THREADS): each thread builds its own Woolly in the
 * worker role on the same database and configuration and takes jobs from the same queue, so
 * the jobs (inbound activities, home feeds, notifications, deliveries) run on other cores than
 * the one answering HTTP, without Redis or another command. The main thread keeps the web,
 * streaming and scheduler roles; what the threads' jobs signal to streams, and what they log,
 * is posted to it (streaming/thread-signals.ts).
 *
 * A thread that dies is started again after a pause (longer each time it dies soon after
 * starting); `close` asks every thread to drain its running jobs, as `woolly.close` does,
 * and stops those that do not finish in time.
 *
 * @example const threads = startJobThreads({ config, workers: {}, log, onSignal: (s) => bus.publish(s) });
 */
import { Worker } from 'node:worker_threads';
import type { Config } from './config/schema.ts';
import { releaseWriteLockOf, sharedWriteLock } from './db/sqlite-write-lock.ts';
import type { Logger, LogLevel } from './core/logger.ts';
import { queueNames, type JobRuntime, type QueueName } from './core/queue.ts';
import type { JobTiming } from './jobs/drivers.ts';
import type { EmbeddedJobs } from './jobs/embedded.ts';
import { batchedStores, type JobStoreDelegate } from './jobs/store-delegate.ts';
import type { WoollyRoles } from './roles.ts';
import type { StreamSignal } from './streaming/signals.ts';

export interface JobThreadData {
  config: Config;
  workers: Exclude<WoollyRoles['workers'], false | undefined>;
  jobs?: JobTiming;
  testJobs?: boolean;
  /** On SQLite, the lock the threads' writers share (db/sqlite-write-lock.ts). */
  writeLock?: SharedArrayBuffer;
}

/** What a job thread posts to the main thread. */
export type JobThreadMessage =
  | { signal: StreamSignal }
  | { log: { level: LogLevel; message: string; fields?: Record<string, unknown> } }
  | { ready: true }
  | { stored: { ref: number; ids: string[] } }
  | { storeFailed: { ref: number; error: string } };

/** What the main thread posts to a job thread. */
export type MainThreadMessage =
  | { stop: number }
  | {
      store: { ref: number; queue: QueueName; name: string; payloads: unknown[]; options: object };
    };

export interface JobThreads {
  /** Resolves once every thread has built its Woolly and runs jobs. */
  ready(): Promise<void>;
  /**
   * Stores jobs in a running thread (jobs/store-delegate.ts), the threads taking turns;
   * rejects when none runs or the one asked stops before answering.
   */
  stores: JobStoreDelegate;
  /** How many threads run now (built and taking jobs; a thread that died is started again). */
  running(): number;
  close(timeoutMs: number): Promise<void>;
}

const entry = new URL('./job-thread-main.ts', import.meta.url);

type Workers = Exclude<WoollyRoles['workers'], false | undefined>;

/**
 * Which queues the job threads take and which the main thread's own workers take: with
 * `threadQueues` (JOB_THREAD_QUEUES) the threads take those of `workers`' queues and the main
 * thread the rest (false when none is left); without, the threads take them all.
 */
export function splitWorkers(
  workers: Workers,
  threadQueues: readonly QueueName[] | null,
): { threads: Workers; main: Workers | false } {
  if (!threadQueues) return { threads: workers, main: false };
  const all = workers.queues ?? queueNames;
  const inThreads = all.filter((q) => threadQueues.includes(q));
  const inMain = all.filter((q) => !threadQueues.includes(q));
  return {
    threads: { ...workers, queues: inThreads },
    main: inMain.length > 0 ? { ...workers, queues: inMain } : false,
  };
}
/** A thread that dies within this long of starting is started again more slowly each time. */
const quickDeathMs = 30_000;
const maxPauseMs = 60_000;

export function startJobThreads(options: {
  config: Config;
  workers: JobThreadData['workers'];
  log: Logger;
  onSignal: (signal: StreamSignal) => void;
  count?: number;
  jobs?: JobTiming;
  testJobs?: boolean;
}): JobThreads {
  const { config, log } = options;
  const count = options.count ?? (typeof config.jobThreads === 'number' ? config.jobThreads : 1);
  const data: JobThreadData = {
    config,
    workers: options.workers,
    jobs: options.jobs,
    testJobs: options.testJobs,
    writeLock: config.database.kind === 'sqlite' ? sharedWriteLock() : undefined,
  };
  let closing = false;
  let refs = 0;
  let turn = 0;
  const threads = Array.from({ length: count }, (_, index) => runThread(index + 1));

  function runThread(index: number) {
    const threadLog = log.child({ thread: index });
    const state = {
      worker: null as Worker | null,
      /** Whether its Woolly is built (it takes jobs, and stores them for the main thread). */
      running: false,
      exited: Promise.resolve(),
      ready: null as Promise<void> | null,
      pauseMs: 1000,
      /** Stores asked of it and not answered yet. */
      stores: new Map<number, { resolve: (ids: string[]) => void; reject: (e: Error) => void }>(),
    };
    const start = () => {
      const startedAt = performance.now();
      const worker = new Worker(entry, { workerData: data });
      const workerThreadId = worker.threadId;
      state.worker = worker;
      let markReady!: () => void;
      state.ready = new Promise<void>((resolve) => (markReady = resolve));
      worker.on('message', (message: JobThreadMessage) => {
        if ('signal' in message) options.onSignal(message.signal);
        else if ('log' in message) {
          threadLog[message.log.level](message.log.message, message.log.fields);
        } else if ('ready' in message) {
          state.running = true;
          markReady();
        } else if ('stored' in message) {
          const { ref, ids } = message.stored;
          state.stores.get(ref)?.resolve(ids);
          state.stores.delete(ref);
        } else if ('storeFailed' in message) {
          const { ref, error } = message.storeFailed;
          state.stores.get(ref)?.reject(new Error(error));
          state.stores.delete(ref);
        }
      });
      worker.on('error', (error) => threadLog.error('a job thread failed', { error }));
      state.exited = new Promise<void>((resolve) => {
        worker.on('exit', (code) => {
          releaseWriteLockOf(workerThreadId);
          state.worker = null;
          state.running = false;
          for (const pending of state.stores.values()) {
            pending.reject(new Error('the job thread stopped before it stored the jobs'));
          }
          state.stores.clear();
          markReady();
          resolve();
          if (closing) return;
          const quick = performance.now() - startedAt < quickDeathMs;
          state.pauseMs = quick ? Math.min(state.pauseMs * 2, maxPauseMs) : 1000;
          threadLog.error('a job thread stopped; starting it again', {
            code,
            restart_in_ms: state.pauseMs,
          });
          setTimeout(() => {
            if (!closing) start();
          }, state.pauseMs).unref();
        });
      });
    };
    start();
    return state;
  }

  const stores: JobStoreDelegate = {
    store(queue, name, payloads, options) {
      for (let tries = 0; tries < threads.length; tries++) {
        const thread = threads[turn++ % threads.length]!;
        const worker = thread.worker;
        if (!worker || !thread.running || closing) continue;
        const ref = ++refs;
        return new Promise<string[]>((resolve, reject) => {
          thread.stores.set(ref, { resolve, reject });
          worker.postMessage({
            store: { ref, queue, name, payloads: [...payloads], options },
          } satisfies MainThreadMessage);
        });
      }
      return Promise.reject(new Error('no job thread is running'));
    },
  };

  return {
    stores,
    running: () => threads.filter((t) => t.running).length,
    async ready() {
      await Promise.all(threads.map((t) => t.ready));
    },
    async close(timeoutMs) {
      closing = true;
      await Promise.all(
        threads.map(async (thread) => {
          const worker = thread.worker;
          if (!worker) return;
          worker.postMessage({ stop: timeoutMs } satisfies MainThreadMessage);
          let timer: ReturnType<typeof setTimeout> | undefined;
          const stopped = await Promise.race([
            thread.exited.then(() => true),
            new Promise<false>((resolve) => (timer = setTimeout(resolve, timeoutMs + 5000, false))),
          ]);
          clearTimeout(timer);
          if (!stopped) await worker.terminate();
        }),
      );
    },
  };
}

/**
 * On SQLite, the threads store the main thread's plain enqueues (the inbox's, mostly), a turn's
 * worth at a time, so that one thread does nearly all the writing (jobs/store-delegate.ts).
 * On PostgreSQL, where writers do not take turns, and on Redis, the main thread stores its own.
 */
export function storeThroughThreads(config: Config, jobs: JobRuntime, threads: JobThreads): void {
  if (config.database.kind !== 'sqlite' || config.redisUrl || !('storeThrough' in jobs)) return;
  (jobs as EmbeddedJobs).storeThrough(batchedStores(threads.stores));
}
