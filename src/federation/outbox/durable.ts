/**
 * The outbox bridge's reactions as durable jobs, so a local action never waits for
 * federation, and a crash never loses what it should send: each outbox event's recorder
 * stores one `outbox.<event>` job in the transaction of the write the event is about
 * (domain/transaction.ts: both commit, or neither), and the event's listener, once the
 * transaction has committed, hands it to the workers (`relayCommitted`). The job, run by the
 * workers, loads Fedify if needed and does what the bridge does (builds the activity, finds
 * its audience, hands it to Fedify). A crash after the commit loses nothing: the job is in the
 * database (on Redis, in `job_outbox` until a worker's housekeeping relays it). A failed job
 * is retried with the whole reaction; its activities keep their ids (the post's URI, or the
 * `outboxKey` stored in the job, see activity-ids.ts), so a second sending is one activity to
 * the remote server, not two.
 *
 * An outbox event emitted outside such a transaction (`deps.events.emit` alone: the inbox's
 * remote posts and profiles, which the bridge ignores anyway) is still federated: its listener
 * enqueues the job after the fact, as before the transactional outbox.
 *
 * The jobs go to `default` ahead of other jobs there (`outboxJobPriority`): they are cheap and
 * they make the deliveries, which wait on `push`.
 *
 * `account.deleting` is the exception: it is emitted, and awaited, while the account still
 * exists, since its key signs the Delete of the actor; it is reacted to at once.
 *
 * @example const stop = federateDurably(deps, jobs, (name, event) => bus.passOrThrow(name, event));
 */
import type { JobRuntime } from '../../core/queue.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import type { Outbound } from './activity-ids.ts';
import { outboxEvents } from './events.ts';

export type OutboxEvent = (typeof outboxEvents)[number];

export type React = <K extends OutboxEvent>(name: K, event: Outbound<K>) => Promise<void>;

type OutboxJobs = Pick<JobRuntime, 'enqueue' | 'enqueueWithin' | 'relayCommitted' | 'register'>;

/** Outbox jobs run before the other jobs of `default`. */
export const outboxJobPriority = 10;
/** Each outbox event's job is named this followed by the event's name. */
export const outboxJobPrefix = 'outbox.';

const reactedAtOnce: readonly OutboxEvent[] = ['account.deleting'];

export function federateDurably(
  deps: Pick<Deps, 'events' | 'ids'>,
  jobs: OutboxJobs,
  react: React,
): () => void {
  // The events whose job was stored in their transaction: their listener has nothing to
  // enqueue, only the committed job to hand on.
  const recorded = new WeakSet<object>();
  const stops = outboxEvents.map((name) => listen(name, deps, jobs, recorded, react));
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * A remote post made, edited or deleted: the bridge sends nothing for those (its server did),
 * so no job is stored for them, in their transaction or after (one less job for every post the
 * inbox takes).
 */
function isRemotePost(name: OutboxEvent, event: object): boolean {
  const post = name === 'status.created' || name === 'status.updated' || name === 'status.deleted';
  return post && (event as { local?: boolean }).local === false;
}

function listen<K extends OutboxEvent>(
  name: K,
  deps: Pick<Deps, 'events' | 'ids'>,
  jobs: OutboxJobs,
  recorded: WeakSet<object>,
  react: React,
): () => void {
  const { events, ids } = deps;
  if (reactedAtOnce.includes(name)) return events.on(name, (event) => react(name, event));
  const job = `${outboxJobPrefix}${name}`;
  const options = { priority: outboxJobPriority };
  const outbound = (event: DomainEvents[K]): Outbound<K> => ({ ...event, outboxKey: ids.next() });
  const unregister = jobs.register(job, (payload) => react(name, payload as Outbound<K>));
  const unrecord = events.onRecord(name, async (tx, event) => {
    if (isRemotePost(name, event)) return;
    await jobs.enqueueWithin(tx, 'default', job, outbound(event), options);
    recorded.add(event);
  });
  const unlisten = events.on(name, async (event) => {
    if (recorded.delete(event)) await jobs.relayCommitted();
    else if (!isRemotePost(name, event)) {
      await jobs.enqueue('default', job, outbound(event), options);
    }
  });
  return () => {
    unlisten();
    unrecord();
    unregister();
  };
}
