/**
 * The WebPushSubscription entity: where pushes go, which alerts are on, the policy, whether
 * the subscription uses RFC 8291 (`standard`) and the server's VAPID public key (`server_key`),
 * which the app checks against the key it subscribed the browser with.
 */
import type { WebPushSubscriptionRecord } from '../../../db/repositories/web-push-subscriptions.ts';

export interface WebPushSubscriptionJson {
  id: string;
  endpoint: string;
  standard: boolean;
  alerts: Record<string, boolean>;
  server_key: string;
  policy: string;
}

export function serializeWebPushSubscription(
  s: WebPushSubscriptionRecord,
  serverKey: string,
): WebPushSubscriptionJson {
  return {
    id: s.id,
    endpoint: s.endpoint,
    standard: s.standard,
    alerts: { ...s.alerts },
    server_key: serverKey,
    policy: s.policy,
  };
}
