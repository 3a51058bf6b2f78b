/**
 * Jobs stored by another thread of this process (JOB_THREADS on SQLite): SQLite lets one
 * connection write at a time, so when the main thread accepts inbound activities and a job
 * thread processes them, both wrote, each waited for the other, and the job thread's commits
 * went out one transaction at a time instead of in groups (db/sqlite.ts, "Group commit"). A
 * main thread given a delegate hands its plain enqueues (not those inside a transaction, which
 * must commit with it) to the job thread, which stores them in its own groups, so that one
 * thread does nearly all the writing.
 *
 * A delegate that fails (its thread stopped) is not fatal: the enqueue is stored directly.
 * If that thread had stored the job before it stopped, the job exists twice and runs twice,
 * as after any crash between a job's end and its removal: handlers are idempotent.
 *
 * @example jobs.storeThrough({ store: (queue, name, payloads, options) => thread.store(...) });
 */
import type { EnqueueManyOptions, QueueName } from '../core/queue.ts';

export interface JobStoreDelegate {
  /**
   * Stores the jobs in one transaction of the other thread and resolves with their ids, in
   * order, once it has committed; rejects when it could not (that thread stopped, or failed).
   */
  store(
    queue: QueueName,
    name: string,
    payloads: readonly unknown[],
    options: EnqueueManyOptions,
  ): Promise<string[]>;
}

interface Batch {
  queue: QueueName;
  name: string;
  options: EnqueueManyOptions;
  payloads: unknown[];
  orderingKeys: (string | undefined)[];
  waiting: { resolve: (id: string) => void; reject: (error: unknown) => void }[];
}

/**
 * `delegate` with the single jobs asked for in one turn of the event loop sent together: one
 * message and one transaction in the other thread for all the activities an inbox accepted in
 * that turn. Jobs are sent together when their queue, name and options agree (their ordering
 * keys may differ); a call with several payloads goes on its own.
 */
export function batchedStores(delegate: JobStoreDelegate): JobStoreDelegate {
  let batches: Map<string, Batch> | null = null;

  function send(pending: Map<string, Batch>): void {
    batches = null;
    for (const batch of pending.values()) {
      const options = batch.orderingKeys.some((key) => key !== undefined)
        ? { ...batch.options, orderingKeys: batch.orderingKeys }
        : batch.options;
      delegate.store(batch.queue, batch.name, batch.payloads, options).then(
        (ids) => batch.waiting.forEach((w, i) => w.resolve(ids[i]!)),
        (error: unknown) => batch.waiting.forEach((w) => w.reject(error)),
      );
    }
  }

  return {
    store(queue, name, payloads, options) {
      if (payloads.length !== 1 || options.orderingKeys) {
        return delegate.store(queue, name, payloads, options);
      }
      const { orderingKey, ...shared } = options;
      const key = `${queue}\n${name}\n${JSON.stringify(shared)}`;
      if (!batches) {
        const pending = new Map<string, Batch>();
        batches = pending;
        setImmediate(() => send(pending));
      }
      let batch = batches.get(key);
      if (!batch) {
        batch = { queue, name, options: shared, payloads: [], orderingKeys: [], waiting: [] };
        batches.set(key, batch);
      }
      const into = batch;
      return new Promise<string[]>((resolve, reject) => {
        into.payloads.push(payloads[0]);
        into.orderingKeys.push(orderingKey);
        into.waiting.push({ resolve: (id) => resolve([id]), reject });
      });
    },
  };
}
