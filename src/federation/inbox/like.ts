/**
 * Like: a remote account favourites a local post, through the same FavouriteService as a
 * local favourite (so the author is notified). A post it may not see, or one Woolly does
 * not have, is ignored; liking twice counts once. A Like with content (Misskey's reactions)
 * is an emoji reaction instead (emoji-react.ts).
 */
import type { InboxContext } from '@fedify/fedify';
import type { Like } from '@fedify/vocab';
import { AppError } from '../../core/errors.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { favouriteStatus } from '../../domain/interactions/favourite.ts';
import { senderAccount } from './accounts.ts';
import { storeReaction } from './emoji-react.ts';

export async function onLike(ctx: InboxContext<Deps>, like: Like): Promise<void> {
  if (await storeReaction(ctx, like)) return;
  const status = like.objectId ? await findStatusByUri(ctx.data.db, like.objectId.href) : null;
  if (!status || status.deletedAt !== null || !status.local) return;
  const actor = await senderAccount(ctx, like);
  if (!actor) return;
  try {
    await favouriteStatus(ctx.data, actor, status.id);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
  }
}
