/**
 * The outbox bridge's reactions as durable jobs, so a local action never waits for
 * federation: the listener of each outbox event stores one `outbox.<event>` job (one INSERT)
 * and returns, and the job, run by the workers, loads Fedify if needed and does what the
 * bridge does (builds the activity, finds its audience, hands it to Fedify). A crash after the
 * request answered loses nothing: the job is there and runs again. A failed job is retried
 * with the whole reaction; activities keep stable ids (the post's URI and the like), so a
 * second sending is one activity to the remote server, not two.
 *
 * The jobs go to `default` ahead of other jobs there (`outboxJobPriority`): they are cheap and
 * they make the deliveries, which wait on `push`.
 *
 * `account.deleting` is the exception: it is emitted, and awaited, while the account still
 * exists, since its key signs the Delete of the actor; it is reacted to at once.
 *
 * @example const stop = federateDurably(deps.events, jobs, (name, event) => bus.passOrThrow(name, event));
 */
import type { EventBus } from '../../core/events.ts';
import type { JobRuntime } from '../../core/queue.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { outboxEvents } from './events.ts';

export type OutboxEvent = (typeof outboxEvents)[number];

export type React = <K extends OutboxEvent>(name: K, event: DomainEvents[K]) => Promise<void>;

/** Outbox jobs run before the other jobs of `default`. */
export const outboxJobPriority = 10;
/** Each outbox event's job is named this followed by the event's name. */
export const outboxJobPrefix = 'outbox.';

const reactedAtOnce: readonly OutboxEvent[] = ['account.deleting'];

export function federateDurably(
  events: EventBus<DomainEvents>,
  jobs: Pick<JobRuntime, 'enqueue' | 'register'>,
  react: React,
): () => void {
  const stops = outboxEvents.map((name) => listen(name, events, jobs, react));
  return () => {
    for (const stop of stops) stop();
  };
}

function listen<K extends OutboxEvent>(
  name: K,
  events: EventBus<DomainEvents>,
  jobs: Pick<JobRuntime, 'enqueue' | 'register'>,
  react: React,
): () => void {
  if (reactedAtOnce.includes(name)) return events.on(name, (event) => react(name, event));
  const job = `${outboxJobPrefix}${name}`;
  const unregister = jobs.register(job, (payload) => react(name, payload as DomainEvents[K]));
  const unlisten = events.on(name, async (event) => {
    await jobs.enqueue('default', job, event, { priority: outboxJobPriority });
  });
  return () => {
    unlisten();
    unregister();
  };
}
