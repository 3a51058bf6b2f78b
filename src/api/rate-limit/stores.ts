/**
 * Where throttle counters live. A counter is one fixed window of one throttle for one
 * requester (Rack::Attack's cache counters): `hit` adds one and answers the new count. In the
 * embedded shape the counters are this process's memory (`MemoryCounterStore`); with
 * REDIS_URL every process shares them in Redis (redis-store.ts).
 */
import type { Clock } from '../../core/clock.ts';

export interface CounterStore {
  /** Adds one to `key`, a counter that may be forgotten `ttlMs` after its first hit. */
  hit(key: string, ttlMs: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Counters in a Map, on the app clock. Expired counters are swept at most once a minute, so
 * memory follows the requesters of the current windows, not everyone ever seen.
 */
export class MemoryCounterStore implements CounterStore {
  readonly #counters = new Map<string, { count: number; expiresAt: number }>();
  readonly #clock: Clock;
  #nextSweep = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** How many counters are held (for tests). */
  get size(): number {
    return this.#counters.size;
  }

  async hit(key: string, ttlMs: number): Promise<number> {
    const now = this.#clock.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    const counter = this.#counters.get(key);
    if (counter && counter.expiresAt > now) {
      counter.count += 1;
      return counter.count;
    }
    this.#counters.set(key, { count: 1, expiresAt: now + ttlMs });
    return 1;
  }

  async close(): Promise<void> {
    this.#counters.clear();
  }

  #sweep(now: number): void {
    for (const [key, counter] of this.#counters) {
      if (counter.expiresAt <= now) this.#counters.delete(key);
    }
    this.#nextSweep = now + 60_000;
  }
}
