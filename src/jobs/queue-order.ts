/**
 * Which queue a worker looks at first. Sidekiq's weighted fetch, as Mastodon configures it:
 * before each job the queues are put in a random order in which a queue of weight 8 comes
 * first eight times as often as one of weight 1, and the worker takes the first due job in
 * that order.
 *
 * Strict priority (always `default` first) would let a flood of local work stop federation
 * entirely; with weights, a busy low queue still gets about `w / (sum of the weights of the
 * busy queues)` of the turns (pull gets 1 in 9 while default is full), and an idle high queue
 * costs the others nothing.
 */
import { defaultJobConcurrency, queueWeights, type QueueName } from '../core/queue.ts';

/**
 * `queues` in a weighted random order (a draw without replacement, which is what Sidekiq's
 * `shuffle.uniq` over the weight-repeated list amounts to).
 *
 * @example weightedOrder(['default', 'pull']) // ['default', 'pull'] 8 times in 9
 */
export function weightedOrder(
  queues: readonly QueueName[],
  random: () => number = Math.random,
): QueueName[] {
  const left = [...queues];
  const order: QueueName[] = [];
  while (left.length > 0) {
    const total = left.reduce((sum, q) => sum + queueWeights[q], 0);
    let ticket = random() * total;
    let index = 0;
    while (index < left.length - 1 && ticket >= queueWeights[left[index]!]) {
      ticket -= queueWeights[left[index]!];
      index += 1;
    }
    order.push(left[index]!);
    left.splice(index, 1);
  }
  return order;
}

/** How a process's worker loops are split between the `push` queue and the others. */
export interface WorkerLoops {
  /** Loops that take only `push` jobs. */
  pushLoops: number;
  /** The queues the other loops take, in weighted order. */
  otherQueues: readonly QueueName[];
  otherLoops: number;
}

/**
 * Deliveries spend their time waiting on other servers, so the `push` queue gets loops of its
 * own (`pushConcurrency`, PUSH_CONCURRENCY) in a process that takes it, as Mastodon
 * deployments run a separate Sidekiq process with many threads for push; the `concurrency`
 * loops (default 10, `defaultJobConcurrency`) take the other queues. Without push loops, every loop takes every queue.
 *
 * @example workerLoops(['default', 'push'], 5, 25) // { pushLoops: 25, otherQueues: ['default'], otherLoops: 5 }
 */
export function workerLoops(
  queues: readonly QueueName[],
  concurrency: number | undefined,
  pushConcurrency: number | undefined,
): WorkerLoops {
  const pushLoops = queues.includes('push') ? Math.max(0, pushConcurrency ?? 0) : 0;
  const otherQueues = pushLoops > 0 ? queues.filter((q) => q !== 'push') : queues;
  const otherLoops =
    otherQueues.length === 0 ? 0 : Math.max(1, concurrency ?? defaultJobConcurrency);
  return { pushLoops, otherQueues, otherLoops };
}
