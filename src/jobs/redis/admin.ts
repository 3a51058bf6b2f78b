/**
 * Stats and the dead set on the Redis driver, read from BullMQ's own sets: `prioritized` and
 * `wait` are waiting, `delayed` is scheduled (delays, retries, parked ordered jobs), `active`
 * is running and `failed` is the dead set (bounded by BullMQ's removeOnFail: 10,000 jobs, six
 * months, as the embedded dead set).
 */
import type { Job as BullJob, Queue } from 'bullmq';
import { queueNames, type DeadJob, type QueueName, type QueueStats } from '../../core/queue.ts';
import type { RedisJobData } from './job-data.ts';

export type Queues = ReadonlyMap<QueueName, Queue>;

/** The queue a job id belongs to: ids are `<queue>-<id>`; a scheduler's runs are looked up. */
export async function findJob(queues: Queues, id: string): Promise<BullJob | undefined> {
  const named = id.split('-', 1)[0] as QueueName;
  const first = queues.get(named);
  if (first) return (await first.getJob(id)) ?? undefined;
  for (const queue of queues.values()) {
    const job = await queue.getJob(id);
    if (job) return job;
  }
  return undefined;
}

export async function redisQueueStats(queues: Queues, now: number): Promise<QueueStats[]> {
  return Promise.all(
    queueNames.map(async (name) => {
      const queue = queues.get(name)!;
      const counts = await queue.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed');
      const next = await queue.getJobs(['prioritized', 'wait'], 0, 0, true);
      const dueSince = Math.min(...next.map((job) => job.timestamp + (job.delay ?? 0)), now);
      return {
        queue: name,
        waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
        scheduled: counts.delayed ?? 0,
        running: counts.active ?? 0,
        dead: counts.failed ?? 0,
        latencyMs: Math.max(0, now - dueSince),
      };
    }),
  );
}

export function deadJobFrom(job: BullJob, queue: QueueName): DeadJob {
  const data = job.data as RedisJobData;
  const trace = job.stacktrace?.at(-1);
  return {
    id: String(job.id),
    queue,
    name: job.name,
    payload: data.payload,
    attempts: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: job.timestamp,
    error: trace ?? job.failedReason ?? '',
    failedAt: job.finishedOn ?? job.timestamp,
  };
}

export async function listRedisDeadJobs(
  queues: Queues,
  options: { queue?: QueueName; limit?: number; offset?: number } = {},
): Promise<DeadJob[]> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const names = options.queue ? [options.queue] : queueNames;
  const found: DeadJob[] = [];
  for (const name of names) {
    const jobs = await queues.get(name)!.getJobs(['failed'], 0, offset + limit - 1, false);
    found.push(...jobs.filter(Boolean).map((job) => deadJobFrom(job, name)));
  }
  found.sort((a, b) => b.failedAt - a.failedAt || (b.id < a.id ? -1 : 1));
  return found.slice(offset, offset + limit);
}

/** Every dead job of `queue` (or all), for retry-all (the dead set holds at most 10,000). */
export async function allDeadJobs(
  queues: Queues,
  queue?: QueueName,
): Promise<{ job: BullJob; queue: QueueName }[]> {
  const all: { job: BullJob; queue: QueueName }[] = [];
  for (const name of queue ? [queue] : queueNames) {
    const jobs = await queues.get(name)!.getJobs(['failed'], 0, -1, false);
    for (const job of jobs) if (job) all.push({ job, queue: name });
  }
  return all;
}

/** Puts the dead job `id` back in its queue with fresh attempts; false when no such job. */
export async function retryDeadJob(queues: Queues, id: string): Promise<boolean> {
  const job = await findJob(queues, id);
  if (!job || (await job.getState()) !== 'failed') return false;
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  return true;
}

/** Puts every dead job (of `queue`) back; returns how many. */
export async function retryAllDeadJobs(queues: Queues, queue?: QueueName): Promise<number> {
  let retried = 0;
  for (const { job } of await allDeadJobs(queues, queue)) {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    retried += 1;
  }
  return retried;
}

export async function discardDeadJob(queues: Queues, id: string): Promise<boolean> {
  const job = await findJob(queues, id);
  if (!job || (await job.getState()) !== 'failed') return false;
  await job.remove();
  return true;
}

export async function discardAllDeadJobs(queues: Queues, queue?: QueueName): Promise<number> {
  let discarded = 0;
  for (const name of queue ? [queue] : queueNames) {
    discarded += (await queues.get(name)!.clean(0, 0, 'failed')).length;
  }
  return discarded;
}
