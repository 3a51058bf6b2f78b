/**
 * A fan-out without a copy of the payload per recipient. Fedify queues one message per inbox,
 * each carrying the whole signed activity and the sender's private keys (about 5 KB); for a
 * post to followers on 1,000 servers that is 5 MB written to the queue and read back. Here the
 * deliveries of one fan-out to `sharedFrom` or more inboxes keep only their own fields (inbox,
 * ids, attempt) and a reference to the activity and keys stored once (`delivery_payloads`),
 * which each process reads once and keeps parsed for the deliveries that follow. Each delivery
 * that finishes for good (delivered, or failed its last attempt) counts the row down; the last
 * one deletes it, and rows whose deliveries were lost are swept after `staleAfterMs`.
 *
 * @example
 * const slim = await shared.share(messages); // enqueue these
 * const message = await shared.restore(slim[0]); // what Fedify's listener gets
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { Database } from '../../db/database.ts';
import {
  deleteStaleDeliveryPayloads,
  findDeliveryPayload,
  insertDeliveryPayload,
  releaseDeliveryPayload,
} from '../../db/repositories/delivery-payloads.ts';

/** Fan-outs to at least this many inboxes store their shared parts once. */
export const sharedFrom = 10;
/**
 * Longer than a delivery can live: 17 attempts on Mastodon's delivery backoff (at most about
 * six weeks with its jitter) and a circuit breaker's 7-day hold.
 */
export const staleAfterMs = 60 * 24 * 3_600_000;

const referenceField = 'woollySharedPayload';
const keptParsed = 16;

type Message = Record<string, unknown>;
type SharedParts = Pick<Message, 'activity' | 'keys'>;

function isOutboxMessage(message: unknown): message is Message {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Message).type === 'outbox' &&
    'activity' in message &&
    'keys' in message
  );
}

function referenceOf(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as Message)[referenceField];
  return typeof id === 'string' ? id : null;
}

function without(message: Message, fields: readonly string[]): Message {
  const rest: Message = {};
  for (const [key, value] of Object.entries(message)) if (!fields.includes(key)) rest[key] = value;
  return rest;
}

export class SharedPayloads {
  readonly #db: Database;
  readonly #clock: Clock;
  /** Parsed shared parts by id, most recently used last. */
  readonly #parsed = new Map<string, Promise<SharedParts | null>>();

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * The messages to enqueue: as given, or, for one activity to `sharedFrom` or more inboxes
   * (Fedify hands every message of one fan-out the same activity and keys objects), without
   * the shared parts, which are stored once.
   */
  async share(messages: readonly unknown[]): Promise<readonly unknown[]> {
    const first = messages[0];
    if (messages.length < sharedFrom || !isOutboxMessage(first)) return messages;
    const same = messages.every(
      (m) => isOutboxMessage(m) && m.activity === first.activity && m.keys === first.keys,
    );
    if (!same) return messages;
    const id = randomUUID();
    await insertDeliveryPayload(this.#db, {
      id,
      body: JSON.stringify({ activity: first.activity, keys: first.keys }),
      remaining: messages.length,
      createdAt: this.#clock.now(),
    });
    return messages.map((m) => ({
      ...without(m as Message, ['activity', 'keys']),
      [referenceField]: id,
    }));
  }

  /**
   * The whole message again (unchanged when it was not shared); null when its shared parts
   * are gone (every delivery of the fan-out finished, or they were swept), so it cannot be sent.
   */
  async restore(message: unknown): Promise<unknown> {
    const id = referenceOf(message);
    if (id === null) return message;
    let parts = this.#parsed.get(id);
    if (parts) this.#parsed.delete(id);
    else {
      parts = findDeliveryPayload(this.#db, id).then((body) =>
        body === null ? null : (JSON.parse(body) as SharedParts),
      );
      parts.catch(() => this.#parsed.delete(id));
    }
    this.#parsed.set(id, parts);
    if (this.#parsed.size > keptParsed) this.#parsed.delete(this.#parsed.keys().next().value!);
    const found = await parts;
    if (!found) {
      this.#parsed.delete(id);
      return null;
    }
    return { ...without(message as Message, [referenceField]), ...found };
  }

  /** A delivery of `message` finished for good: one fewer needs its shared parts. */
  async finished(message: unknown): Promise<void> {
    const id = referenceOf(message);
    if (id === null) return;
    if ((await releaseDeliveryPayload(this.#db, id)) === 0) this.#parsed.delete(id);
  }

  /** Deletes shared parts older than `staleAfterMs` (their deliveries were lost). */
  sweep(): Promise<number> {
    return deleteStaleDeliveryPayloads(this.#db, this.#clock.now() - staleAfterMs);
  }
}
