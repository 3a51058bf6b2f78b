/**
 * JOB_THREADS=auto: the job workers run in the main thread while the queues keep up, and move
 * into one thread of their own while they do not, so that a busy instance uses a second core
 * without a small one paying for a thread it does not need (a thread holds its own copy of the
 * program: about 75 MB more at idle). Every `checkMs` the main thread looks at how busy its
 * event loop was and, when it was busy, whether jobs have waited long since they were due:
 * `busyChecks` busy looks in a row start the thread. Once it runs, the main thread's workers
 * stop taking jobs (those running finish; the scheduler stays) and, on SQLite, the thread also
 * stores the jobs the main thread enqueues (jobs/store-delegate.ts). When the queues have not
 * been behind for `quietMs`, the main thread's workers take the jobs again and the thread is
 * stopped; when the thread dies, at once.
 *
 * On SQLite only, without Redis (cli/serve.ts): elsewhere it acts as 0.
 *
 * @example const auto = autoJobThread({ config, woolly, workers, start, log, onSignal });
 */
import { performance } from 'node:perf_hooks';
import type { Woolly } from './app.ts';
import type { Config } from './config/schema.ts';
import type { Logger } from './core/logger.ts';
import { startJobThreads, storeThroughThreads, type JobThreads } from './job-threads.ts';
import type { JobTiming } from './jobs/drivers.ts';
import type { EmbeddedJobs } from './jobs/embedded.ts';
import type { WoollyRoles } from './roles.ts';
import type { StreamSignal } from './streaming/signals.ts';

export interface AutoTiming {
  /** How often the main thread looks (default every 0.5 s). */
  checkMs?: number;
  /** Busy looks in a row that start the thread (default 2). */
  busyChecks?: number;
  /** Event-loop utilization from which a look counts as busy (default 0.8). */
  busyUtilization?: number;
  /** Due jobs from which the queues are behind (default 200)... */
  backlog?: number;
  /** ...counting those due for this long at least (default 2 s). */
  lagMs?: number;
  /** How long the queues stay under `backlog` before the thread stops (default 5 min). */
  quietMs?: number;
}

export interface AutoJobThread {
  /** Stops looking, and the thread if one runs (its jobs drained within `timeoutMs`). */
  close(timeoutMs: number): Promise<void>;
}

type Workers = Exclude<WoollyRoles['workers'], false | undefined>;

export function autoJobThread(options: {
  config: Config;
  woolly: Woolly;
  /** What the main thread's workers take, and so what the thread takes in their place. */
  workers: Workers;
  /** Whether the main thread schedules the recurring jobs (it keeps doing so). */
  scheduler: boolean;
  log: Logger;
  onSignal: (signal: StreamSignal) => void;
  jobs?: JobTiming;
  testJobs?: boolean;
  timing?: AutoTiming;
}): AutoJobThread {
  const { config, woolly, workers, scheduler, log } = options;
  const checkMs = options.timing?.checkMs ?? 500;
  const busyChecks = options.timing?.busyChecks ?? 2;
  const busyUtilization = options.timing?.busyUtilization ?? 0.8;
  const backlog = Math.max(1, options.timing?.backlog ?? 200);
  const lagMs = options.timing?.lagMs ?? 2000;
  const quietMs = options.timing?.quietMs ?? 5 * 60_000;
  const jobs = woolly.jobs as EmbeddedJobs;
  const mainStart = { queues: workers.queues, concurrency: workers.concurrency, scheduler };

  let threads: JobThreads | null = null;
  let busyLooks = 0;
  let quietSince: number | null = null;
  let closing = false;
  /** The main thread's workers stopping after a move to the thread, until their jobs finish. */
  let pausing: Promise<void> | null = null;
  /** The switch under way (to the thread or back), which a look or `close` waits for. */
  let switching: Promise<void> = Promise.resolve();
  let lastLoop = performance.eventLoopUtilization();

  /**
   * Whether at least `backlog` jobs have waited `lagMs` or longer since they were due, on any
   * queue: a burst the workers clear in a second or two (one post delivered to a thousand
   * servers) is no reason for a thread, which takes half a second to start.
   */
  async function behind(): Promise<boolean> {
    const row = await woolly.deps.db.get(
      `SELECT 1 AS found FROM jobs WHERE state = 'waiting' AND run_at <= ?
        LIMIT 1 OFFSET ${backlog - 1}`,
      [woolly.deps.clock.now() - lagMs],
    );
    return row !== undefined;
  }

  async function toThread(): Promise<void> {
    const startedAt = performance.now();
    const started = startJobThreads({
      config,
      workers,
      log,
      onSignal: options.onSignal,
      count: 1,
      jobs: options.jobs,
      testJobs: options.testJobs,
    });
    await started.ready();
    if (started.running() === 0) {
      await started.close(1000);
      log.error('the job queues are busy, but a job thread could not start; they stay here');
      return;
    }
    threads = started;
    storeThroughThreads(config, jobs, started);
    // The main thread takes no more jobs; those it runs finish (however long they take, without
    // holding up the next move or a shutdown), and it keeps scheduling the recurring ones.
    pausing = jobs.stop({ timeoutMs: 24 * 3_600_000 }).then(() => {
      pausing = null;
      if (!closing && threads === started) jobs.start({ queues: [], scheduler });
    });
    log.info('the job queues are busy: their workers now run in a thread of their own', {
      job_threads: 1,
      thread_start_ms: Math.round(performance.now() - startedAt),
    });
  }

  /** Back to the main thread, because the queues are quiet or the thread died. */
  async function toMain(why: 'quiet' | 'died'): Promise<void> {
    const stopping = threads;
    // A job the main thread ran before the move still runs: move back at a later look.
    if (!stopping || pausing) return;
    threads = null;
    jobs.storeThrough(null);
    await jobs.stop();
    if (!closing) jobs.start(mainStart);
    if (why === 'died') {
      log.error('the job thread stopped; the job workers run in the main thread again');
    }
    await stopping.close(25_000);
    if (why === 'quiet') {
      log.info('the job queues are quiet: their workers run in the main thread again', {
        job_threads: 0,
      });
    }
  }

  async function look(): Promise<void> {
    const loop = performance.eventLoopUtilization(lastLoop);
    lastLoop = performance.eventLoopUtilization();
    if (!threads) {
      const busy = loop.utilization >= busyUtilization && (await behind());
      busyLooks = busy ? busyLooks + 1 : 0;
      if (busyLooks >= busyChecks) {
        busyLooks = 0;
        await toThread();
      }
      return;
    }
    // A thread that died is started again; while none runs, the main thread takes the jobs.
    if (threads.running() === 0) return toMain('died');
    if (await behind()) {
      quietSince = null;
      return;
    }
    const now = performance.now();
    quietSince ??= now;
    if (now - quietSince >= quietMs) {
      quietSince = null;
      await toMain('quiet');
    }
  }

  const timer = setInterval(() => {
    switching = switching
      .then(() => (closing ? undefined : look()))
      .catch((error: unknown) => log.error('could not move the job workers', { error }));
  }, checkMs);
  timer.unref();

  return {
    async close(timeoutMs) {
      closing = true;
      clearInterval(timer);
      await switching;
      const running = threads;
      threads = null;
      if (running) {
        jobs.storeThrough(null);
        await running.close(timeoutMs);
      }
    },
  };
}
