/**
 * Accept of a Follow Woolly sent: the remote account took our follow request, which
 * becomes a follow through the same AuthorizeFollowService as a local acceptance. An
 * Accept of a request that is no longer waiting (accepted before, withdrawn) changes
 * nothing.
 */
import type { InboxContext } from '@fedify/fedify';
import { Follow, type Accept } from '@fedify/vocab';
import { AppError } from '../../core/errors.ts';
import type { Deps } from '../../domain/context.ts';
import { authorizeFollowRequest } from '../../domain/relationships/authorize-follow.ts';
import { followerOf } from './our-follow.ts';
import { onRelayAnswer } from './relay-answer.ts';
import { onQuoteAnswer } from './quote-answer.ts';
import { senderAccount } from './accounts.ts';

export async function onAccept(ctx: InboxContext<Deps>, accept: Accept): Promise<void> {
  if (await onRelayAnswer(ctx, accept, true)) return;
  if (await onQuoteAnswer(ctx, accept, true)) return;
  const requester = await followerOf(ctx, accept, Follow);
  if (!requester) return;
  const target = await senderAccount(ctx, accept);
  if (!target) return;
  try {
    await authorizeFollowRequest(ctx.data, target, requester);
  } catch (error) {
    if (!(error instanceof AppError && error.status === 404)) throw error;
  }
}
