/**
 * Ordering keys on the Redis driver. BullMQ has no "one at a time per key" of its own (that is
 * BullMQ Pro's groups), so Woolly keeps, per key, a sorted set of the jobs holding it in the
 * order they were enqueued. Only the first job of a key may run; a later one taken by a worker
 * is parked (moved back to delayed, no attempt counted) until the first is gone, and the
 * worker finishing the first wakes the next. A job keeps its place while it waits for a retry,
 * so a failed `Create` still comes before its `Delete`, as on the embedded driver.
 *
 * The trade-off: a key whose first job backs off for hours holds the jobs behind it for as
 * long (that is what ordering means), and each parked job is looked at again with a growing
 * pause (up to 30 s) rather than costing nothing while it waits.
 */
import type { Redis } from 'ioredis';

/** How long a member whose job does not exist (enqueue died halfway) is waited for. */
const orphanGraceMs = 60_000;
const maxParkMs = 30_000;

export interface JobLookup {
  /** 'missing' when no such job; 'failed' when it is in the dead set. */
  stateOf(member: string): Promise<'missing' | 'failed' | 'other'>;
}

export class OrderingKeys {
  readonly #redis: Redis;
  readonly #prefix: string;
  /** How often each parked job was parked, for its growing pause (this process only). */
  readonly #parked = new Map<string, number>();

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #key(orderingKey: string): string {
    return `${this.#prefix}:ordering:${orderingKey}`;
  }

  get parkedSet(): string {
    return `${this.#prefix}:ordering-parked`;
  }

  /** Takes a place in the key's line; done before the job itself is added. */
  async join(orderingKey: string, jobId: string, now: number): Promise<void> {
    await this.#redis.zadd(this.#key(orderingKey), 'NX', String(now), jobId);
  }

  /** Several places at once (enqueueMany), in order. */
  async joinMany(orderingKey: string, jobIds: readonly string[], now: number): Promise<void> {
    if (jobIds.length === 0) return;
    await this.#redis.zadd(
      this.#key(orderingKey),
      'NX',
      ...jobIds.flatMap((id) => [String(now), id]),
    );
  }

  /**
   * Whether `jobId` is first in its key's line. Members whose job is gone (an enqueue that
   * died halfway, past a grace period) or dead are dropped on the way.
   */
  async isFirst(orderingKey: string, jobId: string, jobs: JobLookup, now: number) {
    const key = this.#key(orderingKey);
    // A job retried from the dead set had left the line: it joins again at the end.
    await this.join(orderingKey, jobId, now);
    for (let i = 0; i < 5; i++) {
      const [head, score] = await this.#redis.zrange(key, '0', '0', 'WITHSCORES');
      if (head === undefined) return false;
      if (head === jobId) {
        this.#parked.delete(jobId);
        return true;
      }
      const state = await jobs.stateOf(head);
      const orphan = state === 'missing' && Number(score) < now - orphanGraceMs;
      if (!orphan && state !== 'failed') return false;
      await this.#redis.zrem(key, head);
    }
    return false;
  }

  /** How long to park `jobId` this time: 250 ms, doubling up to 30 s. */
  parkMs(jobId: string): number {
    const times = this.#parked.get(jobId) ?? 0;
    this.#parked.set(jobId, times + 1);
    return Math.min(maxParkMs, 250 * 2 ** times);
  }

  /** Leaves the line (the job succeeded, died or was dropped); returns the next in line. */
  async leave(orderingKey: string, jobId: string): Promise<string | undefined> {
    const key = this.#key(orderingKey);
    const replies = await this.#redis.multi().zrem(key, jobId).zrange(key, '0', '0').exec();
    const next = replies?.[1]?.[1] as string[] | undefined;
    return next?.[0];
  }
}
