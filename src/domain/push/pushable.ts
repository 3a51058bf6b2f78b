/**
 * Whether a subscription wants a notification: its alert for the type is on, and its policy
 * lets the sender through (`all`; `followed`: people the recipient follows; `follower`: people
 * who follow the recipient; `none`), as Mastodon's Web::PushSubscription#pushable?.
 */
import type { Queryable } from '../../db/database.ts';
import type { WebPushSubscriptionRecord } from '../../db/repositories/web-push-subscriptions.ts';

export async function pushable(
  db: Queryable,
  subscription: WebPushSubscriptionRecord,
  notification: { type: string; accountId: string; fromAccountId: string },
): Promise<boolean> {
  if (subscription.alerts[notification.type] !== true) return false;
  const follows = (from: string, to: string) =>
    db
      .get('SELECT 1 AS one FROM follows WHERE account_id = ? AND target_account_id = ?', [
        from,
        to,
      ])
      .then((row) => row !== undefined);
  switch (subscription.policy) {
    case 'all':
      return true;
    case 'followed':
      return follows(notification.accountId, notification.fromAccountId);
    case 'follower':
      return follows(notification.fromAccountId, notification.accountId);
    default:
      return false;
  }
}
