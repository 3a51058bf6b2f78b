/**
 * Throttle counters in Redis, shared by every process of a scaled-out instance: one Lua
 * script increments a counter and, on its first hit, sets its expiry, atomically (two
 * processes counting the same requester never lose a hit, and no counter is left without an
 * expiry by a process dying between the two commands).
 */
import { Redis } from 'ioredis';
import type { CounterStore } from './stores.ts';

const incrementScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export class RedisCounterStore implements CounterStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  /** Resolves when the first connection is up (or after 5 s, whichever comes first). */
  #connected: Promise<void> | null;

  /** `prefix` keeps instances sharing one Redis apart (Mastodon's REDIS_NAMESPACE). */
  constructor(url: string, prefix: string) {
    // While Redis is unreachable a hit fails at once (and the request goes through) instead of
    // waiting in ioredis's offline queue: requests must not queue behind an outage.
    this.#redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 2000,
    });
    this.#redis.defineCommand('woollyThrottleHit', { numberOfKeys: 1, lua: incrementScript });
    // Errors reach the caller through the failed command; this only keeps ioredis quiet.
    this.#redis.on('error', () => {});
    this.#prefix = prefix;
    this.#connected = new Promise<void>((resolve) => {
      this.#redis.once('ready', () => resolve());
      // A refused connection: no use waiting, the requests go through uncounted.
      this.#redis.once('error', () => resolve());
      setTimeout(resolve, 5000).unref();
    });
  }

  async hit(key: string, ttlMs: number): Promise<number> {
    // The first requests after the start wait for the connection instead of going uncounted.
    if (this.#connected) {
      await this.#connected;
      this.#connected = null;
    }
    const run = (
      this.#redis as unknown as {
        woollyThrottleHit(key: string, ttl: number): Promise<number>;
      }
    ).woollyThrottleHit;
    return Number(await run.call(this.#redis, `${this.#prefix}:${key}`, Math.max(1, ttlMs)));
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}
