/**
 * Add and Remove: a remote account pins or unpins one of its own posts on its profile, as
 * Mastodon sends them (the `target` is the sender's own `featured` collection; Mastodon's
 * ActivityPub::Activity::Add and Remove). A post Woolly lacks is fetched to be pinned. Any
 * other Add or Remove (Lemmy's of a community's featured posts by a moderator, featured
 * hashtags, ...) changes nothing.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Add, Remove } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { pinRemoteStatus, unpinRemoteStatus } from '../../domain/interactions/remote-pins.ts';
import { senderAccount } from './accounts.ts';
import { fetchQuotedStatus } from './quote-fetch.ts';
import { notActedOn } from './unhandled.ts';

/** The sender, when the activity's target is its own featured collection. */
async function featuring(
  ctx: InboxContext<Deps>,
  activity: Add | Remove,
): Promise<AccountRecord | null> {
  const sender = await senderAccount(ctx, activity);
  const target = activity.targetId?.href;
  if (!sender || !target || target !== sender.featuredUrl || !activity.objectId) {
    notActedOn(ctx, activity, "its target is not the sender's featured collection");
    return null;
  }
  return sender;
}

export async function onAdd(ctx: InboxContext<Deps>, add: Add): Promise<void> {
  const sender = await featuring(ctx, add);
  if (!sender || !add.objectId) return;
  // A post not yet seen is fetched from its server (public and unlisted ones only).
  const status =
    (await findStatusByUri(ctx.data.db, add.objectId.href)) ??
    (await fetchQuotedStatus(ctx, add.objectId));
  if (!status || !(await pinRemoteStatus(ctx.data, sender, status))) {
    notActedOn(ctx, add, 'its object is no post of the sender to pin');
  }
}

export async function onRemove(ctx: InboxContext<Deps>, remove: Remove): Promise<void> {
  const sender = await featuring(ctx, remove);
  if (!sender || !remove.objectId) return;
  const status = await findStatusByUri(ctx.data.db, remove.objectId.href);
  if (!status || !(await unpinRemoteStatus(ctx.data, sender, status))) {
    notActedOn(ctx, remove, 'its object is no pinned post of the sender');
  }
}
