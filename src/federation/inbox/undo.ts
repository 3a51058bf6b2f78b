/**
 * Undo: a remote account takes back what it did earlier: a follow (or follow request), a
 * favourite, a boost or a block, each through the same service as the local action, or an emoji
 * reaction (emoji-react.ts). Undoing what never happened changes nothing.
 */
import type { InboxContext } from '@fedify/fedify';
import { Activity, Announce, Block, EmojiReact, Follow, Like, type Undo } from '@fedify/vocab';
import { AppError } from '../../core/errors.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { unfavouriteStatus } from '../../domain/interactions/unfavourite.ts';
import { deleteStatus } from '../../domain/statuses/delete-status.ts';
import { unblockAccount } from '../../domain/relationships/unblock.ts';
import { unfollowAccount } from '../../domain/relationships/unfollow.ts';
import { localAccountAt, senderAccount } from './accounts.ts';
import { undoReaction } from './emoji-react.ts';
import { followsInstanceActor, onInstanceActorUnfollow } from './relay-follow.ts';

export async function onUndo(ctx: InboxContext<Deps>, undo: Undo): Promise<void> {
  const object = await undo.getObject(ctx).catch(() => null);
  if (!(object instanceof Activity) || object.actorId?.href !== undo.actorId?.href) return;
  const actor = await senderAccount(ctx, undo);
  if (!actor) return;
  if (object instanceof EmojiReact || object instanceof Like) {
    if (await undoReaction(ctx, actor, object)) return;
  }
  if (object instanceof Follow && followsInstanceActor(ctx, object)) {
    await onInstanceActorUnfollow(ctx, object, actor);
  } else if (object instanceof Follow) {
    const target = await localAccountAt(ctx, object.objectId);
    if (target) await unfollowAccount(ctx.data, actor, target);
  } else if (object instanceof Block) {
    const target = await localAccountAt(ctx, object.objectId);
    if (target) await unblockAccount(ctx.data, actor, target);
  } else if (object instanceof Announce) {
    const boost = object.id ? await findStatusByUri(ctx.data.db, object.id.href) : null;
    if (boost && boost.deletedAt === null && boost.accountId === actor.id && boost.reblogOfId) {
      await deleteStatus(ctx.data, actor.id, boost.id).catch(ignoreMissing);
    }
  } else if (object instanceof Like) {
    const status = object.objectId
      ? await findStatusByUri(ctx.data.db, object.objectId.href)
      : null;
    if (status && status.deletedAt === null && status.local) {
      await unfavouriteStatus(ctx.data, actor, status.id).catch(ignoreMissing);
    }
  }
}

/** Undoing something already gone (deleted meanwhile, a repeated Undo) is no error. */
function ignoreMissing(error: unknown): void {
  if (!(error instanceof AppError && error.status === 404)) throw error;
}
