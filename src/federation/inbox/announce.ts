/**
 * Announce: a remote account boosts a post, a local one or one Woolly fetches for the
 * occasion, stored through CreateRemoteReblog (the author of a local post is notified).
 * Followers-only and direct posts are never boosted, but for an author's own followers-only
 * post (to the same followers).
 */
import type { InboxContext } from '@fedify/fedify';
import type { Announce } from '@fedify/vocab';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { createRemoteReblog } from '../../domain/statuses/create-remote-reblog.ts';
import { visibilityOf } from '../convert/addressing.ts';
import { senderAccount } from './accounts.ts';
import { fetchAnnouncedStatus } from './fetch-status.ts';
import { onRelayAnnounce } from './relay-announce.ts';
import { notActedOn } from './unhandled.ts';

export async function onAnnounce(ctx: InboxContext<Deps>, announce: Announce): Promise<void> {
  if (!announce.id || !announce.objectId) return;
  const booster = await senderAccount(ctx, announce);
  if (!booster) return;
  if (await onRelayAnnounce(ctx, announce, booster)) return;
  const boosted =
    (await findStatusByUri(ctx.data.db, announce.objectId.href)) ??
    (await fetchAnnouncedStatus(ctx, announce));
  if (!boosted) return notActedOn(ctx, announce, 'its object is no post Woolly has or can fetch');
  await createRemoteReblog(ctx.data, {
    uri: announce.id.href,
    booster,
    boosted,
    visibility: visibilityOf(announce.toIds, announce.ccIds, booster.followersUrl),
    createdAt: announce.published?.epochMilliseconds ?? ctx.data.clock.now(),
  });
}
