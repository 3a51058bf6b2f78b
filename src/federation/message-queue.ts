/**
 * Fedify's MessageQueue on Woolly's job queue, so federation work is durable, shows in the
 * queue stats and dead set, and runs on Mastodon's queues: incoming activities on `ingress`,
 * outgoing deliveries and fan-out on `push`.
 *
 * Each adapter is one job name. `listen` registers the handler for it; the jobs run while the
 * job runtime's workers run (app.ts starts them), not in a loop of Fedify's own. Retries are
 * the job queue's (`nativeRetrial`): Fedify rethrows a failure and the job backs off, and
 * after its last attempt goes to the dead set or, for deliveries, is dropped as Mastodon does.
 */
import type {
  MessageQueue,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from '@fedify/fedify';
import type { HandlerOptions, JobRuntime, QueueName } from '../core/queue.ts';
import { durationMs } from './duration.ts';
import type { HostSlots } from './outbox/host-slots.ts';
import type { SharedPayloads } from './outbox/shared-payloads.ts';

export interface JobMessageQueueOptions {
  /** The job name for this queue's messages, such as `fedify.inbox`. */
  name: string;
  queue: QueueName;
  /** Attempts before a message is given up (Mastodon: 9 for ingress, 17 for deliveries). */
  maxAttempts: number;
  /** Backoff and dead-set policy for failed messages. */
  retry?: HandlerOptions;
  /**
   * For Fedify loaded on demand: the queue takes its jobs from the start, and a message that
   * arrives while Fedify does not listen yet calls `summon`, which must lead to `listen`
   * (it loads Fedify and starts its queues); the message then goes to that listener.
   */
  summon?: () => Promise<unknown>;
  /**
   * Deliveries: at most `slots.limit` messages for one server run at once in this process
   * (federation/outbox/host-slots.ts); `hostOf` names a message's server (null: no limit).
   */
  perHost?: { slots: HostSlots; hostOf: (message: unknown) => string | null };
  /** Deliveries: a large fan-out's activity and keys stored once (outbox/shared-payloads.ts). */
  shared?: SharedPayloads;
}

export class JobMessageQueue implements MessageQueue {
  readonly nativeRetrial = true;
  readonly #jobs: JobRuntime;
  readonly #options: JobMessageQueueOptions;
  #listener: ((message: unknown) => Promise<void> | void) | null = null;
  #orderedBatch: {
    messages: unknown[];
    keys: (string | undefined)[];
    stored: Promise<void>;
  } | null = null;

  constructor(jobs: JobRuntime, options: JobMessageQueueOptions) {
    this.#jobs = jobs;
    this.#options = options;
    if (options.summon) this.#register();
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    if (options?.orderingKey && !options.delay) return this.#enqueueOrdered(message, options);
    await this.#jobs.enqueue(
      this.#options.queue,
      this.#options.name,
      message,
      this.#enqueueOptions(options),
    );
  }

  /**
   * Ordered messages are enqueued one at a time (Fedify gives each delivery of an ordered
   * fan-out its own key, the object's id and the inbox's server, so it cannot use
   * `enqueueMany`); those given in one turn are stored together, as one `enqueueMany` with a
   * key each, and share their payload as an unordered fan-out does. A delivery's key names its
   * inbox rather than only its server: one activity to several personal inboxes of a server
   * still goes out in parallel, and each inbox gets a post's activities in order.
   */
  #enqueueOrdered(message: unknown, options: MessageQueueEnqueueOptions): Promise<void> {
    const batch = (this.#orderedBatch ??= this.#startOrderedBatch());
    batch.messages.push(message);
    batch.keys.push(perInbox(options.orderingKey!, message));
    return batch.stored;
  }

  #startOrderedBatch() {
    const batch = {
      messages: [] as unknown[],
      keys: [] as (string | undefined)[],
      stored: Promise.resolve(),
    };
    batch.stored = Promise.resolve().then(async () => {
      this.#orderedBatch = null;
      await this.#jobs.enqueueMany(
        this.#options.queue,
        this.#options.name,
        this.#options.shared ? await this.#options.shared.share(batch.messages) : batch.messages,
        { ...this.#enqueueOptions(undefined), orderingKeys: batch.keys },
      );
    });
    return batch;
  }

  async enqueueMany(
    messages: readonly unknown[],
    options?: MessageQueueEnqueueOptions,
  ): Promise<void> {
    await this.#jobs.enqueueMany(
      this.#options.queue,
      this.#options.name,
      this.#options.shared ? await this.#options.shared.share(messages) : messages,
      this.#enqueueOptions(options),
    );
  }

  /**
   * Hands this queue's messages to `handler` until `signal` aborts (forever without one, as
   * the MessageQueue contract says). Listening twice replaces the first handler.
   */
  async listen(
    handler: (message: unknown) => Promise<void> | void,
    options: MessageQueueListenOptions = {},
  ): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return;
    this.#listener = handler;
    const unregister = this.#options.summon ? null : this.#register();
    await new Promise<void>((resolve) =>
      signal?.addEventListener('abort', () => resolve(), { once: true }),
    );
    if (this.#listener === handler) this.#listener = null;
    unregister?.();
  }

  #register(): () => void {
    const { name, summon, retry } = this.#options;
    return this.#jobs.register(
      name,
      async (payload, job) => {
        if (!this.#listener && summon) await summon();
        const listener = this.#listener;
        if (!listener) throw new Error(`nothing listens to ${name} messages`);
        const { perHost, shared } = this.#options;
        const host = perHost?.hostOf(payload);
        const release = host ? perHost!.slots.take(host) : null;
        try {
          const message = shared ? await shared.restore(payload) : payload;
          // Its fan-out's shared parts are gone: there is nothing left to send.
          if (message === null) return;
          try {
            await listener(message);
          } catch (error) {
            if (job.attempts >= job.maxAttempts) await this.#finished(payload);
            throw error;
          }
          await this.#finished(payload);
        } finally {
          release?.();
        }
      },
      retry,
    );
  }

  /** Counting down a shared payload must not fail a delivery that went out. */
  async #finished(payload: unknown): Promise<void> {
    await this.#options.shared?.finished(payload).catch(() => {});
  }

  #enqueueOptions(options: MessageQueueEnqueueOptions | undefined) {
    return {
      delayMs: options?.delay ? durationMs(options.delay) : undefined,
      orderingKey: options?.orderingKey,
      maxAttempts: this.#options.maxAttempts,
    };
  }
}

/** A delivery's ordering key with its inbox in place of its server (see #enqueueOrdered). */
function perInbox(orderingKey: string, message: unknown): string {
  const inbox = (message as { inbox?: unknown } | null)?.inbox;
  if (typeof inbox !== 'string') return orderingKey;
  const cut = orderingKey.lastIndexOf('\n');
  return `${cut === -1 ? orderingKey : orderingKey.slice(0, cut)}\n${inbox}`;
}
