/**
 * Runs one claimed job and records the outcome: gone when it succeeds; when it throws, back
 * to waiting after the backoff while it has attempts left, then into the dead set (or
 * dropped, for kinds registered with `keepDead: false`); when it throws JobPostponed, back to
 * waiting for that delay with the attempt not counted. A failure here never escapes: the
 * worker loop goes on with the next job.
 */
import { retryDelayMs } from '../core/backoff.ts';
import type { Clock } from '../core/clock.ts';
import { JobPostponed } from '../core/job-postponed.ts';
import type { Logger } from '../core/logger.ts';
import type { HandlerOptions, JobHandler } from '../core/queue.ts';
import type { Database } from '../db/database.ts';
import { pruneDeadJobs } from './dead-set.ts';
import { buryJob, releaseJob, removeJob, scheduleRetry, type ClaimedJob } from './job-store.ts';

export interface RegisteredHandler {
  handler: JobHandler;
  options: HandlerOptions;
}

export interface PerformContext {
  db: Database;
  clock: Clock;
  log: Logger;
  random: () => number;
  /**
   * Lets go of a job that succeeded; false when its lock was lost to another worker. Default:
   * removed at once. The embedded driver hands it to a batch instead (it is removed with
   * the batch, and reports a lost lock itself).
   */
  complete?: (job: ClaimedJob) => Promise<boolean>;
}

export async function performJob(
  context: PerformContext,
  job: ClaimedJob,
  registered: RegisteredHandler | undefined,
): Promise<void> {
  const { db, log } = context;
  const fields = { job: job.name, id: job.id, queue: job.queue, attempt: job.attempts };
  try {
    if (!registered) throw new Error(`no handler is registered for jobs named ${job.name}`);
    await registered.handler(job.payload, job);
  } catch (error) {
    if (error instanceof JobPostponed) {
      log.debug('job postponed', { ...fields, reason: error.message, delay_ms: error.delayMs });
      await releaseJob(db, job, context.clock.now() + error.delayMs).catch((dbError: unknown) =>
        log.error('could not postpone a job; it runs again when its lock expires', {
          ...fields,
          error: dbError,
        }),
      );
      return;
    }
    await recordFailure(context, job, registered?.options ?? {}, error).catch((dbError: unknown) =>
      log.error('could not record a job failure; the job will be retried when its lock expires', {
        ...fields,
        error: dbError,
      }),
    );
    return;
  }
  const removed = await (context.complete ?? ((j) => removeJob(db, j)))(job).catch(
    (error: unknown) => {
      log.error('could not remove a finished job; it will run again when its lock expires', {
        ...fields,
        error,
      });
      return true;
    },
  );
  if (!removed) {
    log.warn('a job finished after another worker had taken it over; it ran twice', fields);
  }
}

async function recordFailure(
  context: PerformContext,
  job: ClaimedJob,
  options: HandlerOptions,
  error: unknown,
): Promise<void> {
  const { db, clock, log, random } = context;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const fields = { job: job.name, id: job.id, queue: job.queue, attempt: job.attempts, error };
  const now = clock.now();
  if (job.attempts < job.maxAttempts) {
    const delay = options.retryDelayMs?.(job.attempts) ?? retryDelayMs(job.attempts, random);
    log.warn('job failed; will retry', { ...fields, retry_in_ms: delay });
    await scheduleRetry(db, job, message, now + delay, now);
  } else if (options.keepDead === false) {
    log.error('job failed for the last time; dropped', fields);
    await removeJob(db, job);
  } else {
    log.error('job failed for the last time; moved to the dead set', fields);
    await buryJob(db, job, message, now);
    await pruneDeadJobs(db, now);
  }
}
