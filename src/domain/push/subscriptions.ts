/**
 * The push subscription of an access token, as Api::V1::Push::SubscriptionsController keeps
 * it: subscribing replaces the token's subscription, the data (alerts, policy) can be changed
 * alone, and unsubscribing removes it (and is fine when there was none).
 */
import { notFound } from '../../core/errors.ts';
import {
  deleteWebPushSubscriptionsOfToken,
  findWebPushSubscriptionByToken,
  insertWebPushSubscription,
  updateWebPushSubscriptionData,
  type WebPushSubscriptionRecord,
} from '../../db/repositories/web-push-subscriptions.ts';
import type { Deps } from '../context.ts';
import { sealToken } from './sealed-token.ts';
import { checkPushData, checkSubscriptionKeys } from './subscription-input.ts';

export interface Subscriber {
  accessTokenId: string;
  /** The bearer token as presented, handed back in each push's payload. */
  accessToken: string;
  accountId: string;
}

export async function subscribeToPush(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'config'>,
  who: Subscriber,
  input: { subscription?: unknown; data?: unknown },
): Promise<WebPushSubscriptionRecord> {
  const sub =
    typeof input.subscription === 'object' && input.subscription !== null
      ? (input.subscription as Parameters<typeof checkSubscriptionKeys>[0])
      : {};
  const keys = checkSubscriptionKeys(sub, { production: deps.config.env === 'production' });
  const data = checkPushData(input.data);
  const now = deps.clock.now();
  const record: WebPushSubscriptionRecord = {
    id: deps.ids.next(),
    accessTokenId: who.accessTokenId,
    accountId: who.accountId,
    endpoint: keys.endpoint,
    keyP256dh: keys.p256dh,
    keyAuth: keys.auth,
    standard: keys.standard,
    alerts: data.alerts,
    policy: data.policy,
    sealedAccessToken: sealToken(deps.config.secretKeyBase, who.accessToken),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await deleteWebPushSubscriptionsOfToken(tx, who.accessTokenId);
    await insertWebPushSubscription(tx, record);
  });
  return record;
}

/** The token's subscription, or Mastodon's 404. */
export async function currentPushSubscription(
  deps: Pick<Deps, 'db'>,
  accessTokenId: string,
): Promise<WebPushSubscriptionRecord> {
  const found = await findWebPushSubscriptionByToken(deps.db, accessTokenId);
  if (!found) throw notFound();
  return found;
}

export async function changePushData(
  deps: Pick<Deps, 'db' | 'clock'>,
  accessTokenId: string,
  data: unknown,
): Promise<WebPushSubscriptionRecord> {
  const current = await currentPushSubscription(deps, accessTokenId);
  const checked = checkPushData(data);
  const updatedAt = deps.clock.now();
  await updateWebPushSubscriptionData(deps.db, current.id, { ...checked, updatedAt });
  return { ...current, ...checked, updatedAt };
}

export async function unsubscribeFromPush(
  deps: Pick<Deps, 'db'>,
  accessTokenId: string,
): Promise<void> {
  await deleteWebPushSubscriptionsOfToken(deps.db, accessTokenId);
}
