/**
 * Redis job runtimes for tests: each test gets its own key prefix on the test Redis (and its
 * keys are deleted afterwards), and as many runtimes on it as it needs (two stand for two
 * processes).
 */
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { IdGenerator } from '../../src/core/ids.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { createRedisJobs, type RedisJobs } from '../../src/jobs/redis/driver.ts';
import { seededRandom } from './jobs.ts';

export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RedisJobsCluster {
  prefix: string;
  logs: string[];
  /** A runtime for one more "process" on the same queues. */
  runtime(options?: { random?: () => number; lockMs?: number; pollMs?: number }): RedisJobs;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function redisJobsCluster(t: TestContext): RedisJobsCluster {
  const prefix = `woolly-test:${randomUUID()}`;
  const log = memoryLogger('debug');
  const runtimes: RedisJobs[] = [];
  let worker = 0;
  t.after(async () => {
    await Promise.all(runtimes.map((r) => r.stop({ timeoutMs: 500 })));
    await deleteKeys(testRedisUrl, prefix);
  });
  return {
    prefix,
    logs: log.lines,
    runtime(options = {}) {
      worker += 1;
      const jobs = createRedisJobs({
        url: testRedisUrl,
        prefix,
        ids: new IdGenerator(worker),
        log,
        random: options.random ?? seededRandom(1),
        lockMs: options.lockMs,
        pollMs: options.pollMs ?? 50,
      });
      runtimes.push(jobs);
      return jobs;
    },
  };
}
