/**
 * Delivering one notification to one push subscription, as Mastodon's
 * Web::PushNotificationWorker: check the subscription still wants it, build the payload,
 * encrypt it for the browser's keys (RFC 8291 `aes128gcm` for a `standard` subscription, the
 * older `aesgcm` draft otherwise) and sign it with the VAPID key (both by the `web-push`
 * library), then POST it to the push service with a 48-hour TTL.
 *
 * A 4xx answer other than 408 and 429 means the subscription is gone or refused (404, 410,
 * 403...): it is removed. Any other failure throws, and the job is retried.
 */
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findNotification } from '../../db/repositories/notifications.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import { findUserByAccountId } from '../../db/repositories/users.ts';
import {
  deleteWebPushSubscription,
  findWebPushSubscriptionById,
} from '../../db/repositories/web-push-subscriptions.ts';
import type { Deps } from '../context.ts';
import { carriesStatus } from '../notifications/types.ts';
import { pushPayload } from './payload.ts';
import { pushable } from './pushable.ts';
import { openToken } from './sealed-token.ts';
import type { VapidIdentity } from './vapid.ts';

export const webPushJob = 'web_push.deliver';

export interface WebPushJobPayload {
  subscriptionId: string;
  notificationId: string;
  accountId: string;
}

export interface PushContext {
  vapid: VapidIdentity;
  /** The avatar URL an account shows (the API's rule). */
  icon(account: AccountRecord): string;
}

const ttlSeconds = 48 * 60 * 60;

export type DeliveryResult = 'sent' | 'skipped' | 'removed';

export async function deliverPush(
  deps: Pick<Deps, 'db' | 'config' | 'log'>,
  context: PushContext,
  job: WebPushJobPayload,
): Promise<DeliveryResult> {
  const [subscription, notification] = await Promise.all([
    findWebPushSubscriptionById(deps.db, job.subscriptionId),
    findNotification(deps.db, job.accountId, job.notificationId),
  ]);
  if (!subscription || !notification || notification.filtered) return 'skipped';
  if (!(await pushable(deps.db, subscription, notification))) return 'skipped';
  const type = notification.type;
  const [sender, status, user] = await Promise.all([
    findAccountById(deps.db, notification.fromAccountId),
    notification.statusId !== null && carriesStatus(type)
      ? findStatusById(deps.db, notification.statusId)
      : null,
    findUserByAccountId(deps.db, notification.accountId),
  ]);
  // What the notification is about may have gone meanwhile (Mastodon: `activity.present?`).
  if (!sender || (notification.statusId !== null && carriesStatus(type) && !status)) {
    return 'skipped';
  }
  const body = pushPayload({
    notification,
    sender,
    status,
    accessToken: openToken(deps.config.secretKeyBase, subscription.sealedAccessToken),
    locale: user?.locale ?? 'en',
    icon: context.icon(sender),
  });
  // web-push and its JWT and ASN.1 libraries are loaded by the first delivery, not at start.
  const { default: webPush } = await import('web-push');
  const request = webPush.generateRequestDetails(
    {
      endpoint: subscription.endpoint,
      keys: { p256dh: subscription.keyP256dh, auth: subscription.keyAuth },
    },
    body,
    {
      vapidDetails: context.vapid,
      contentEncoding: subscription.standard ? 'aes128gcm' : 'aesgcm',
      TTL: ttlSeconds,
      urgency: 'normal',
    },
  );
  const response = await fetch(request.endpoint, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: new Uint8Array(request.body),
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (response.ok) return 'sent';
  if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) {
    await deleteWebPushSubscription(deps.db, subscription.id);
    deps.log.info('web push: subscription refused by its push service, removed', {
      subscriptionId: subscription.id,
      status: response.status,
    });
    return 'removed';
  }
  throw new Error(`push service answered ${response.status} for subscription ${subscription.id}`);
}
