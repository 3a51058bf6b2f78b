/**
 * Ids of outgoing activities that stay the same when their outbox job runs again (a retry, or
 * a second worker after a crash): a remote server then sees one activity sent twice, which it
 * ignores, rather than a second Undo, Block or Accept. An activity about a stored row takes
 * its id from the row (a post's URI, a favourite's or report's id); the others take it from
 * the `outboxKey` generated once when their job was stored (durable.ts).
 */
import type { Context } from '@fedify/fedify';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';

/** An outbox event as its job carries it. */
export type Outbound<K extends keyof DomainEvents> = DomainEvents[K] & {
  /** Generated once, when the job was stored; absent only from jobs older than it. */
  outboxKey?: string;
};

/**
 * `actor#fragment/<key>` for the activity an outbox job sends (`fragment` tells apart the
 * activities of one job, such as the Undo and the Follow it names).
 *
 * @example activityId(ctx, actor, 'blocks', event) // https://woolly.test/users/alice#blocks/7199…
 */
export function activityId(
  ctx: Context<Deps>,
  actor: URL,
  fragment: string,
  event: { outboxKey?: string },
): URL {
  // A job stored before jobs had keys: a fresh id, as then.
  const key = event.outboxKey ?? ctx.data.ids.next();
  return new URL(`${actor.href}#${fragment}/${key}`);
}
