/**
 * Activities Woolly acknowledges and does not act on, as Mastodon ignores them: a Lemmy
 * Dislike (a downvote Mastodon has no place for), an Add or Remove (Lemmy's featured posts
 * of a community), a Read, a Join, ...; and those whose handler finds nothing to do (a Block
 * or Follow of no local account, an Announce of no post, a Create of a ChatMessage). They
 * were accepted (202) and queued like any other; they change nothing, and the log says why.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';

/** Logs that `activity` changes nothing, and why. */
export function notActedOn(ctx: InboxContext<Deps>, activity: Activity, reason: string): void {
  ctx.data.log.info('activity not acted on', {
    activity: activity.id?.href,
    actor: activity.actorId?.href,
    type: activity.constructor.name,
    reason,
  });
}

/** The listener for every activity type without a handler of its own. */
export function onUnhandledActivity(ctx: InboxContext<Deps>, activity: Activity): void {
  notActedOn(ctx, activity, 'Woolly does not act on this type');
}
