/**
 * Follow: a remote account follows a local one, through the same FollowService as a local
 * follow. An unlocked account accepts at once and Woolly answers Accept; a locked one gets
 * a follow request, answered when its owner decides (the outbox sends that Accept or
 * Reject). A follow the service refuses (blocks) is answered with Reject. A Follow of the
 * instance actor is relay-follow.ts's.
 *
 * The answer's id is made from the Follow's, so that this handler, run again for the same
 * Follow (a retry after a failure), sends the same Accept rather than a second one.
 */
import type { InboxContext } from '@fedify/fedify';
import { Accept, Reject, type Follow } from '@fedify/vocab';
import { AppError } from '../../core/errors.ts';
import type { Deps } from '../../domain/context.ts';
import { followAccount } from '../../domain/relationships/follow.ts';
import { deliver } from '../outbox/deliver.ts';
import { localAccountAt, senderAccount } from './accounts.ts';
import { followAnswerId } from './follow-answer-id.ts';
import { followsInstanceActor, onInstanceActorFollow } from './relay-follow.ts';
import { notActedOn } from './unhandled.ts';

export async function onFollow(ctx: InboxContext<Deps>, follow: Follow): Promise<void> {
  if (!follow.id) return;
  if (followsInstanceActor(ctx, follow)) return onInstanceActorFollow(ctx, follow);
  const target = await localAccountAt(ctx, follow.objectId);
  if (!target) return notActedOn(ctx, follow, 'its object is no local account');
  const source = await senderAccount(ctx, follow);
  if (!source) return;
  let answer: typeof Accept | typeof Reject | null;
  try {
    const outcome = await followAccount(ctx.data, source, target, { uri: follow.id.href });
    answer = outcome === 'following' ? Accept : null;
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    answer = Reject;
  }
  if (!answer) return;
  const actor = ctx.getActorUri(target.username);
  await deliver(
    ctx,
    target,
    [source],
    new answer({
      id: followAnswerId(actor, answer === Accept, follow.id),
      actor,
      object: follow,
    }),
  );
}
