/**
 * Mastodon's NotificationPolicy (v2: `for_…` as accept, filter or drop) and
 * V1::NotificationPolicy (`filter_…` booleans: true unless the rule accepts; v1 knows no
 * limited-accounts rule), each with the summary of waiting requests.
 */
import type { PolicyView } from '../../../domain/notifications/policy.ts';

interface SummaryJson {
  pending_requests_count: number;
  pending_notifications_count: number;
}

export interface NotificationPolicyJson {
  for_not_following: string;
  for_not_followers: string;
  for_new_accounts: string;
  for_private_mentions: string;
  for_limited_accounts: string;
  summary: SummaryJson;
}

export interface V1NotificationPolicyJson {
  filter_not_following: boolean;
  filter_not_followers: boolean;
  filter_new_accounts: boolean;
  filter_private_mentions: boolean;
  summary: SummaryJson;
}

const summaryJson = (view: PolicyView): SummaryJson => ({
  pending_requests_count: view.summary.pendingRequestsCount,
  pending_notifications_count: view.summary.pendingNotificationsCount,
});

export function serializeNotificationPolicy(view: PolicyView): NotificationPolicyJson {
  const p = view.policy;
  return {
    for_not_following: p.forNotFollowing,
    for_not_followers: p.forNotFollowers,
    for_new_accounts: p.forNewAccounts,
    for_private_mentions: p.forPrivateMentions,
    for_limited_accounts: p.forLimitedAccounts,
    summary: summaryJson(view),
  };
}

export function serializeV1NotificationPolicy(view: PolicyView): V1NotificationPolicyJson {
  const p = view.policy;
  return {
    filter_not_following: p.forNotFollowing !== 'accept',
    filter_not_followers: p.forNotFollowers !== 'accept',
    filter_new_accounts: p.forNewAccounts !== 'accept',
    filter_private_mentions: p.forPrivateMentions !== 'accept',
    summary: summaryJson(view),
  };
}
