/**
 * Reject of a Follow Woolly sent: the remote account turned down our request, or (Mastodon
 * sends this when someone removes a follower) ended a follow it had accepted. Either way
 * the local account no longer follows or waits.
 */
import type { InboxContext } from '@fedify/fedify';
import { Follow, type Reject } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { unfollowAccount } from '../../domain/relationships/unfollow.ts';
import { senderAccount } from './accounts.ts';
import { followerOf } from './our-follow.ts';
import { onRelayAnswer } from './relay-answer.ts';
import { onQuoteAnswer } from './quote-answer.ts';

export async function onReject(ctx: InboxContext<Deps>, reject: Reject): Promise<void> {
  if (await onRelayAnswer(ctx, reject, false)) return;
  if (await onQuoteAnswer(ctx, reject, false)) return;
  const requester = await followerOf(ctx, reject, Follow);
  if (!requester) return;
  const target = await senderAccount(ctx, reject);
  if (!target) return;
  await unfollowAccount(ctx.data, requester, target);
}
