/**
 * Activities Woolly acknowledges and does not act on, as Mastodon ignores them: a Lemmy
 * Dislike (a downvote Mastodon has no place for), an Add or Remove (Lemmy's featured posts
 * of a community), a Read, a Join, ... They were accepted (202) and queued like any other;
 * here they change nothing, and the log says why.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';

export function onUnhandledActivity(ctx: InboxContext<Deps>, activity: Activity): void {
  ctx.data.log.info('activity of a type Woolly does not act on', {
    activity: activity.id?.href,
    actor: activity.actorId?.href,
    type: activity.constructor.name,
  });
}
