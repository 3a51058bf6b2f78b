/**
 * The signal bus of the scaled-out shape: every process publishes its signals on one Redis
 * pub/sub channel and hears everyone's (its own included), so a post written through one
 * process reaches the streams held by all of them. Signals are a few bytes of JSON naming
 * what changed; each process renders and filters for its own connections.
 *
 * Redis pub/sub delivers at most once and only to processes connected at the time: a stream
 * misses what was published while its process was cut off from Redis, as Mastodon's
 * streaming server does. Clients catch up through the REST timelines on reconnecting.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import type { SignalBus, StreamSignal } from './signals.ts';

const signalTypes = new Set([
  'status.created',
  'status.updated',
  'status.deleted',
  'notification.created',
  'filters.changed',
  'notifications.merged',
  'conversation.updated',
  'announcement.published',
  'announcement.removed',
  'announcement.reacted',
]);

/** A published message back into a signal, or null when it is not one (another writer). */
export function parseSignal(message: string): StreamSignal | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.type !== 'string' || !signalTypes.has(v.type)) return null;
  if (v.type === 'filters.changed' || v.type === 'notifications.merged') {
    return typeof v.accountId === 'string' ? { type: v.type, accountId: v.accountId } : null;
  }
  if (v.type === 'conversation.updated') {
    return typeof v.accountId === 'string' && typeof v.accountConversationId === 'string'
      ? { type: v.type, accountId: v.accountId, accountConversationId: v.accountConversationId }
      : null;
  }
  if (v.type === 'announcement.published' || v.type === 'announcement.removed') {
    return typeof v.announcementId === 'string'
      ? { type: v.type, announcementId: v.announcementId }
      : null;
  }
  if (v.type === 'announcement.reacted') {
    return typeof v.announcementId === 'string' && typeof v.name === 'string'
      ? { type: v.type, announcementId: v.announcementId, name: v.name }
      : null;
  }
  if (v.type === 'notification.created') {
    return typeof v.notificationId === 'string' && typeof v.accountId === 'string'
      ? { type: v.type, notificationId: v.notificationId, accountId: v.accountId }
      : null;
  }
  return typeof v.statusId === 'string'
    ? {
        type: v.type as 'status.created' | 'status.updated' | 'status.deleted',
        statusId: v.statusId,
      }
    : null;
}

export class RedisSignalBus implements SignalBus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #channel: string;
  readonly #handlers = new Set<(signal: StreamSignal) => void>();
  readonly #ready: Promise<unknown>;

  /** `channel` lets instances share one Redis (Mastodon's REDIS_NAMESPACE plays this part). */
  constructor(url: string, log: Logger, channel = 'woolly:streaming') {
    this.#channel = channel;
    this.#publisher = new Redis(url, { maxRetriesPerRequest: 3 });
    this.#subscriber = new Redis(url);
    for (const connection of [this.#publisher, this.#subscriber]) {
      connection.on('error', (error: unknown) => log.warn('streaming: Redis error', { error }));
    }
    this.#subscriber.on('message', (from: string, message: string) => {
      if (from !== this.#channel) return;
      const signal = parseSignal(message);
      if (!signal) {
        log.warn('streaming: ignored a message that is not a signal', { received: message });
        return;
      }
      for (const handler of this.#handlers) handler(signal);
    });
    this.#ready = this.#subscriber.subscribe(channel);
    // Closed before Redis answered: nobody waits for it any more.
    this.#ready.catch(() => {});
  }

  /** Resolves once this process hears the channel. */
  ready(): Promise<unknown> {
    return this.#ready;
  }

  async publish(signal: StreamSignal): Promise<void> {
    await this.#publisher.publish(this.#channel, JSON.stringify(signal));
  }

  subscribe(handler: (signal: StreamSignal) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    // QUIT waits for a connection; one that never came up (Redis unreachable) is just dropped.
    await Promise.allSettled(
      [this.#subscriber, this.#publisher].map((c) =>
        c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()),
      ),
    );
  }
}
