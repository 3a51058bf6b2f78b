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
import { queueWeights, type QueueName } from '../core/queue.ts';

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
