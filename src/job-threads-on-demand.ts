/**
 * JOB_THREADS=auto: one job thread (job-threads.ts) that runs only while the main thread is
 * saturated and jobs wait.
 *
 * The main thread runs all its workers, as with JOB_THREADS=0. On a machine with two cores or
 * more, one job thread more lets the jobs (storing inbound activities, home feeds, deliveries)
 * run on another core than the one accepting HTTP, which raises inbound throughput a lot; but
 * a thread costs 60-170 MB, and an idle instance must stay small. So once a second this reads
 * how much of the last second the main thread's event loop was busy and, when that is high or
 * a thread runs, how many due jobs wait (jobs/backlog.ts, bounded). After `busySamples`
 * seconds in a row with the loop at least `busyUtilisation` busy and at least `busyBacklog`
 * jobs due, it starts one thread; once no job has been due for `idleMs`, it closes it (its
 * running jobs finish first). It may start again later. As sqlite-checkpointer.ts does for
 * its thread.
 *
 * @example const auto = autoJobThread(woolly, { queues: ['ingress'] }, { drainTimeoutMs }); ... await auto.stop();
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Woolly } from './app.ts';
import type { Config } from './config/schema.ts';
import type { Logger } from './core/logger.ts';
import { queueNames } from './core/queue.ts';
import { startJobThreads, type JobThreadData, type JobThreads } from './job-threads.ts';
import { dueJobCount, redisDueJobCount } from './jobs/backlog.ts';
import type { JobTiming } from './jobs/drivers.ts';

export interface OnDemandJobThread {
  /** Whether the job thread runs now. */
  running(): boolean;
  /** Stops watching and closes the thread, letting its running jobs finish. */
  stop(): Promise<void>;
}

export interface OnDemandOptions {
  /** Starts the one job thread. */
  startThread: () => Pick<JobThreads, 'close'>;
  /** How busy the main thread's event loop was since the last call, from 0 to 1. */
  utilisation: () => number;
  /** How many due jobs wait in the thread's queues (bounded). */
  backlog: () => Promise<number>;
  log: Logger;
  /** How long a closing thread's running jobs may take. */
  drainTimeoutMs: number;
  /** The machine's cores: with fewer than 2 no thread ever starts. Default: this machine's. */
  cores?: number;
  /** Default 0.7. */
  busyUtilisation?: number;
  /** Default 100. */
  busyBacklog?: number;
  /** Busy samples in a row that start the thread. Default 2. */
  busySamples?: number;
  /** How long without a due job before the thread closes. Default 60 s. */
  idleMs?: number;
  /** How often the loop and the backlog are read. Default 1 s. */
  sampleMs?: number;
}

/**
 * Whether JOB_THREADS=auto may start a thread in this process: on a machine with at least two
 * cores and a database other threads can open (not SQLite's `:memory:`). The process must
 * also run workers (serve.ts).
 */
export function autoJobThreadPossible(config: Config, cores = availableParallelism()): boolean {
  if (config.jobThreads !== 'auto' || cores < 2) return false;
  return !(config.database.kind === 'sqlite' && config.database.path === ':memory:');
}

/** The main thread's event-loop utilisation since the previous call (the first: since now). */
export function eventLoopUtilisation(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    return since.utilization;
  };
}

/** Watches the main thread and the backlog once per `sampleMs`; see the top of this file. */
export function jobThreadWhileBusy(options: OnDemandOptions): OnDemandJobThread {
  const { log, drainTimeoutMs } = options;
  const busyUtilisation = options.busyUtilisation ?? 0.7;
  const busyBacklog = options.busyBacklog ?? 100;
  const busySamples = options.busySamples ?? 2;
  const idleMs = options.idleMs ?? 60_000;
  const sampleMs = options.sampleMs ?? 1000;
  if ((options.cores ?? availableParallelism()) < 2) {
    return { running: () => false, stop: async () => {} };
  }
  let thread: Pick<JobThreads, 'close'> | null = null;
  let closing: Promise<void> | null = null;
  let sampling = false;
  let stopped = false;
  let busyInARow = 0;
  let lastDue = 0;

  async function sample() {
    const utilisation = options.utilisation();
    // The backlog matters only to a busy loop or a running thread: an idle instance reads none.
    if (!thread && utilisation < busyUtilisation) {
      busyInARow = 0;
      return;
    }
    const backlog = await options.backlog();
    if (stopped) return;
    const now = Date.now();
    if (backlog > 0) lastDue = now;
    busyInARow = utilisation >= busyUtilisation && backlog >= busyBacklog ? busyInARow + 1 : 0;
    if (!thread && !closing && busyInARow >= busySamples) {
      thread = options.startThread();
      lastDue = now;
      log.info(`a job thread started: the main thread is busy and ${backlog} jobs wait`, {
        event_loop_utilisation: Math.round(utilisation * 100) / 100,
        due_jobs: backlog,
      });
    } else if (thread && now - lastDue >= idleMs) {
      const ending = thread;
      thread = null;
      busyInARow = 0;
      const closeStarted = performance.now();
      closing = ending
        .close(drainTimeoutMs)
        .then(() =>
          log.info('the job thread stopped: no job has waited for a while', {
            idle_ms: idleMs,
            close_ms: Math.round(performance.now() - closeStarted),
          }),
        )
        .catch((error: unknown) => log.error('could not close the job thread', { error }))
        .finally(() => (closing = null));
    }
  }

  const timer = setInterval(() => {
    if (sampling) return;
    sampling = true;
    sample()
      .catch((error: unknown) => {
        // Once stopped, the database may be closing under the last read.
        if (!stopped) log.warn('could not read the job backlog', { error });
      })
      .finally(() => (sampling = false));
  }, sampleMs);
  timer.unref();
  return {
    running: () => thread !== null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const ending = thread;
      thread = null;
      await Promise.all([closing, ending?.close(drainTimeoutMs)]);
    },
  };
}

/**
 * JOB_THREADS=auto in `woolly`'s process (serve.ts): one thread taking `workers`' queues while
 * the main thread is busy and their jobs wait.
 */
export function autoJobThread(
  woolly: Woolly,
  workers: JobThreadData['workers'],
  options: {
    drainTimeoutMs: number;
    jobs?: JobTiming;
    testJobs?: boolean;
    timing?: Pick<OnDemandOptions, 'sampleMs' | 'idleMs'>;
  },
): OnDemandJobThread {
  const { config, deps } = woolly;
  const queues = workers.queues ?? queueNames;
  return jobThreadWhileBusy({
    startThread: () =>
      startJobThreads({
        config,
        workers,
        log: deps.log,
        onSignal: (signal) => void woolly.streaming.publish(signal),
        count: 1,
        jobs: options.jobs,
        testJobs: options.testJobs,
      }),
    utilisation: eventLoopUtilisation(),
    backlog: config.redisUrl
      ? () => redisDueJobCount(woolly.jobs, queues)
      : () => dueJobCount(deps.db, queues, deps.clock.now()),
    log: deps.log,
    drainTimeoutMs: options.drainTimeoutMs,
    ...options.timing,
  });
}
