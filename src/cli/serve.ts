/**
 * Runs Woolly in the roles of one long-running command until a shutdown signal, then drains
 * and exits 0. Shared by `woolly start`, `web`, `streaming`, `worker` and `scheduler`.
 */
import type { Config } from '../config/schema.ts';
import type { Woolly } from '../app.ts';
import { allRoles, type WoollyRoles } from '../roles.ts';
import { CommandError } from './command.ts';
import { splitWorkers, startJobThreads, storeThroughThreads } from '../job-threads.ts';
import { autoJobThread } from '../job-threads-auto.ts';
import { defaultJobConcurrency, queueNames } from '../core/queue.ts';
import { checkpointWhileBusy } from '../db/sqlite-checkpointer.ts';
import { cliConfig, cliEnv } from './context.ts';
import { drainTimeoutMs, untilShutdownSignal } from './shutdown.ts';

/**
 * WOOLLY_TEST_JOBS=1 turns on the jobs that only the multi-process tests use (and short job
 * locks, so that a killed worker's job is taken over in seconds). Refused in production.
 */
function testJobsRequested(config: Config): boolean {
  if (cliEnv().WOOLLY_TEST_JOBS !== '1') return false;
  if (config.env === 'production') {
    throw new CommandError('WOOLLY_TEST_JOBS: refused when NODE_ENV=production (tests only)');
  }
  return true;
}

export async function serve(
  role: string,
  roles: WoollyRoles,
  afterListen?: (woolly: Woolly) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const config = cliConfig();
  const testJobs = testJobsRequested(config);
  // Loaded here, not at the top, so that other commands do not pay for the whole server.
  const { createWoolly } = await import('../app.ts');
  const jobs = testJobs ? { lockMs: 2000, pollMs: 200 } : undefined;
  // JOB_THREADS: the workers run in threads of their own, this thread keeps the rest.
  const workers = roles.workers ?? allRoles.workers;
  // JOB_THREAD_QUEUES: the threads take those queues, this thread's own workers the rest (no
  // threads at all when this process takes none of those queues).
  const threadCount = typeof config.jobThreads === 'number' ? config.jobThreads : 0;
  const wanted =
    threadCount > 0 && workers !== false ? splitWorkers(workers, config.jobThreadQueues) : null;
  const split = wanted && (wanted.threads.queues ?? queueNames).length > 0 ? wanted : null;
  const woolly = await createWoolly(config, {
    roles: split ? { ...roles, workers: split.main } : roles,
    testJobs,
    ...(jobs ? { jobs } : {}),
  });
  const log = woolly.deps.log;
  // On SQLite, while busy, checkpoints run in a thread of their own, not inside the commits.
  const checkpoints =
    config.database.kind === 'sqlite' && config.database.path !== ':memory:'
      ? checkpointWhileBusy(config.database.path, log)
      : null;
  const server = await woolly.listen();
  const threads = split
    ? startJobThreads({
        config,
        workers: split.threads,
        log,
        onSignal: (signal) => void woolly.streaming.publish(signal),
        jobs,
        testJobs,
      })
    : null;
  await threads?.ready();
  if (threads) storeThroughThreads(config, woolly.jobs, threads);
  // JOB_THREADS=auto: on SQLite, the workers move into a thread while the queues are behind,
  // away from the HTTP requests (a process that serves none, `woolly worker`, gains nothing by
  // it; on PostgreSQL on two cores the database's own processes need the second core, and a
  // thread cost 8%: there, as with Redis, auto is 0; nor for a database in memory, which a
  // thread could not share).
  const auto =
    config.jobThreads === 'auto' &&
    workers !== false &&
    roles.http !== false &&
    config.database.kind === 'sqlite' &&
    config.database.path !== ':memory:' &&
    !config.redisUrl
      ? autoJobThread({
          config,
          woolly,
          workers,
          scheduler: roles.scheduler ?? allRoles.scheduler,
          log: woolly.deps.log,
          onSignal: (signal) => void woolly.streaming.publish(signal),
          jobs,
          testJobs,
          // The tests look more often and give up the thread sooner.
          timing: testJobs
            ? { checkMs: 200, busyChecks: 2, backlog: 10, lagMs: 300, quietMs: 2000 }
            : {},
        })
      : null;
  log.info(
    server
      ? `Woolly is listening on http://${config.bind}:${config.port} (${config.baseUrl})`
      : `Woolly is running (${role})`,
    {
      role,
      pid: process.pid,
      database: config.database.kind,
      jobs: config.redisUrl ? 'redis' : 'database',
      ...(workers
        ? {
            queues: workers.queues ?? 'all',
            concurrency: workers.concurrency ?? defaultJobConcurrency,
          }
        : {}),
      ...(split
        ? {
            job_threads: config.jobThreads,
            thread_queues: split.threads.queues ?? 'all',
            main_queues: split.main ? split.main.queues : 'none',
          }
        : {}),
      ...(auto ? { job_threads: 'auto' } : {}),
      startup_ms: Math.round(performance.now() - started),
    },
  );
  const concurrency = workers ? (workers.concurrency ?? defaultJobConcurrency) : 0;
  if (config.database.kind === 'postgres' && concurrency > config.database.pool) {
    // Each running job may hold a connection: more jobs than connections queue for the pool.
    log.warn('DB_POOL is smaller than the worker concurrency; jobs will wait for connections', {
      db_pool: config.database.pool,
      concurrency,
    });
  }
  await afterListen?.(woolly);
  await untilShutdownSignal(log);
  await Promise.all([
    woolly.close({ timeoutMs: drainTimeoutMs }),
    threads?.close(drainTimeoutMs),
    auto?.close(drainTimeoutMs),
  ]);
  await checkpoints?.stop();
  log.info('stopped', { pid: process.pid });
  return 0;
}
