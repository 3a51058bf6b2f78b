/**
 * The throttling of one process as the configuration asks: off with RATE_LIMITS=false,
 * counters in Redis when REDIS_URL is set (shared by every process), in memory otherwise.
 */
import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../../domain/context.ts';
import type { AppEnv } from '../mastodon/env.ts';
import { rateLimits } from './middleware.ts';
import { MemoryCounterStore, type CounterStore } from './stores.ts';

export interface RateLimiting {
  middleware: MiddlewareHandler<AppEnv>;
  close(): Promise<void>;
}

export async function createRateLimiting(
  deps: Pick<Deps, 'config' | 'clock' | 'log'>,
): Promise<RateLimiting> {
  const { config, clock, log } = deps;
  if (!config.rateLimits) {
    return { middleware: (_c, next) => next(), close: async () => {} };
  }
  // ioredis is loaded only when Redis is configured.
  const store: CounterStore = config.redisUrl
    ? new (await import('./redis-store.ts')).RedisCounterStore(
        config.redisUrl,
        `woolly:throttle:${config.localDomain}`,
      )
    : new MemoryCounterStore(clock);
  return { middleware: rateLimits({ store, clock, log }), close: () => store.close() };
}
