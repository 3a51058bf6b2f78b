/**
 * Jobs that only the multi-process tests turn on (WOOLLY_TEST_JOBS=1, refused in production):
 * a recurring `test.heartbeat` every second, a `test.sleep` job that runs for as long as
 * its payload says, a `test.spin` job that keeps its thread busy that long (a busy queue,
 * for JOB_THREADS=auto), and `test.end-thread`, which ends the job thread running it (in the
 * main thread it only logs that it would not). Each logs when it runs, with the process id,
 * which is all the tests see of worker processes.
 */
import { isMainThread } from 'node:worker_threads';
import type { Logger } from '../core/logger.ts';
import type { JobRuntime } from '../core/queue.ts';

export const testJobTiming = { lockMs: 2000, pollMs: 200 };

export function registerTestJobs(jobs: JobRuntime, log: Logger): void {
  jobs.register('test.heartbeat', async (_payload, job) => {
    log.info('test heartbeat ran', { id: job.id, pid: process.pid });
  });
  jobs.recurring('test.heartbeat', { everyMs: 1000 });
  jobs.register('test.sleep', async (payload, job) => {
    const { ms, tag } = payload as { ms: number; tag: string };
    log.info('test job started', { tag, id: job.id, pid: process.pid });
    await new Promise((resolve) => setTimeout(resolve, ms));
    log.info('test job finished', { tag, id: job.id, pid: process.pid });
  });
  jobs.register('test.spin', async (payload, job) => {
    const { ms, tag } = payload as { ms: number; tag: string };
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // Busy on purpose: the event loop is held as by a CPU-heavy job.
    }
    log.info('test spin ran', { tag, id: job.id, pid: process.pid });
  });
  jobs.register('test.end-thread', async (_payload, job) => {
    if (isMainThread) return log.info('test end-thread ran in the main thread', { id: job.id });
    // In a worker thread, process.exit ends that thread only.
    process.exit(1);
  });
}
