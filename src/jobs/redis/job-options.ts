/**
 * How the Redis driver (driver.ts) stores a Woolly job in BullMQ: its options (id, priority,
 * delay, attempts, Woolly's backoff, the dead set's bounds, a unique key as BullMQ's
 * deduplication) and its data (the payload, with the ordering and unique keys beside it).
 */
import type { JobsOptions } from 'bullmq';
import type { EnqueueOptions } from '../../core/queue.ts';
import { deadSetLimits } from '../dead-set.ts';
import type { RedisJobData } from './job-data.ts';

/** BullMQ runs lower numbers first and 0 before all; Woolly's higher priorities first. */
function bullPriority(priority: number): number {
  return Math.min(2_097_151, Math.max(1, 1_000_000 - Math.round(priority)));
}

/** Failed jobs (the dead set) are kept as the embedded dead set keeps them. */
const removeOnFail = {
  age: Math.floor(deadSetLimits.maxAgeMs / 1000),
  count: deadSetLimits.maxJobs,
};

export function jobOptions(opts: EnqueueOptions, id?: string): JobsOptions {
  return {
    jobId: id,
    priority: bullPriority(opts.priority ?? 0),
    delay: opts.delayMs && opts.delayMs > 0 ? opts.delayMs : undefined,
    attempts: Math.max(1, opts.maxAttempts ?? 25),
    backoff: { type: 'woolly' },
    removeOnComplete: true,
    removeOnFail,
    deduplication: opts.uniqueKey ? { id: opts.uniqueKey } : undefined,
  };
}

export function dataOf(payload: unknown, opts: EnqueueOptions): RedisJobData {
  return {
    payload: payload ?? null,
    ...(opts.orderingKey ? { orderingKey: opts.orderingKey } : {}),
    ...(opts.uniqueKey ? { uniqueKey: opts.uniqueKey } : {}),
  };
}
