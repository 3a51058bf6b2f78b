/**
 * Emoji reactions notify the author of the status, with Pleroma's type
 * `pleroma:emoji_reaction` (the notification shows the emoji: api/mastodon/notifications-json.ts).
 * One notification per reacting account and status, as Woolly keeps one per activity kind;
 * it goes when the account's last reaction to the status is taken back. The reaction is
 * looked up again when the job runs: one taken back meanwhile notifies nobody.
 */
import { deleteNotificationOf } from '../../db/repositories/notifications.ts';
import { findReactionById, hasReactionTo } from '../../db/repositories/status-reactions.ts';
import type { Deps } from '../context.ts';
import type { ReactionEvent } from '../events.ts';
import { notify, type NotifyDeps } from './notify.ts';

export const reactionNotificationType = 'pleroma:emoji_reaction';

export async function onReacted(deps: NotifyDeps, event: ReactionEvent, at: number): Promise<void> {
  if (!(await findReactionById(deps.db, event.reactionId))) return;
  await notify(deps, event.targetAccountId, {
    type: reactionNotificationType,
    fromAccountId: event.accountId,
    statusId: event.statusId,
    reportId: null,
    at,
  });
}

export async function onUnreacted(deps: Pick<Deps, 'db'>, event: ReactionEvent): Promise<void> {
  if (await hasReactionTo(deps.db, event.accountId, event.statusId)) return;
  await deleteNotificationOf(deps.db, {
    accountId: event.targetAccountId,
    type: reactionNotificationType,
    fromAccountId: event.accountId,
    statusId: event.statusId,
  });
}
