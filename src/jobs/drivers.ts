/**
 * Which job driver a process runs: the embedded one (the `jobs` table of Woolly's own
 * database) by default, or BullMQ on Redis when REDIS_URL is set, the scaled-out shape. Every
 * process of one instance must make the same choice, so it follows the configuration alone.
 */
import type { Config } from '../config/schema.ts';
import type { Clock } from '../core/clock.ts';
import type { IdGenerator } from '../core/ids.ts';
import type { Logger } from '../core/logger.ts';
import type { JobRuntime } from '../core/queue.ts';
import type { Database } from '../db/database.ts';
import { createEmbeddedJobs } from './embedded.ts';

export interface JobTiming {
  /** How often idle workers look for jobs when nothing wakes them. */
  pollMs?: number;
  /** How long a running job's lock lasts without renewal. */
  lockMs?: number;
}

/** The Redis key prefix of an instance's queues: one Redis can serve several instances. */
export function jobKeyPrefix(config: Config): string {
  return `woolly:${config.localDomain}:jobs`;
}

/** The configured driver; BullMQ is loaded only when Redis is used (it costs start-up time). */
export async function createJobRuntime(
  config: Config,
  parts: { db: Database; ids: IdGenerator; clock: Clock; log: Logger },
  timing: JobTiming = {},
): Promise<JobRuntime> {
  if (config.redisUrl) {
    const { createRedisJobs } = await import('./redis/driver.ts');
    return createRedisJobs({
      url: config.redisUrl,
      prefix: jobKeyPrefix(config),
      db: parts.db,
      ids: parts.ids,
      log: parts.log,
      pushConcurrency: config.pushConcurrency,
      ...timing,
    });
  }
  const { database } = config;
  return createEmbeddedJobs({
    ...parts,
    pushConcurrency: config.pushConcurrency,
    // Job threads (job-threads.ts) hear of each other's jobs at once.
    threadChannel:
      config.jobThreads !== 0
        ? `woolly-jobs:${database.kind === 'sqlite' ? database.path : database.url}`
        : undefined,
    ...timing,
  });
}
