/**
 * The notification policy of an account (GET/PATCH /api/v2/notifications/policy and the v1
 * form): for each kind of stranger, accept, filter or drop their notifications, with a
 * summary of the requests waiting.
 *
 * The v1 form speaks of booleans: `filter_not_following: true` is `filter`, false `accept`;
 * anything but `accept` reads as true.
 */
import { unprocessable } from '../../core/errors.ts';
import {
  findNotificationPolicy,
  policyActions,
  saveNotificationPolicy,
  type NotificationPolicyRecord,
  type PolicyAction,
  type PolicyRule,
} from '../../db/repositories/notification-policies.ts';
import { summarizeNotificationRequests } from '../../db/repositories/notification-requests.ts';
import type { Deps } from '../context.ts';
import { maxMeaningfulCount } from './request-counts.ts';

export type { NotificationPolicyRecord, PolicyAction, PolicyRule };

export interface PolicySummary {
  pendingRequestsCount: number;
  pendingNotificationsCount: number;
}

export interface PolicyView {
  policy: NotificationPolicyRecord;
  summary: PolicySummary;
}

/** The rules by the names the API gives them (v2: `for_…`). */
export const policyRuleNames: Record<PolicyRule, string> = {
  forNotFollowing: 'for_not_following',
  forNotFollowers: 'for_not_followers',
  forNewAccounts: 'for_new_accounts',
  forPrivateMentions: 'for_private_mentions',
  forLimitedAccounts: 'for_limited_accounts',
};

async function view(deps: Pick<Deps, 'db'>, policy: NotificationPolicyRecord): Promise<PolicyView> {
  const summary = await summarizeNotificationRequests(
    deps.db,
    policy.accountId,
    maxMeaningfulCount,
  );
  return {
    policy,
    summary: {
      pendingRequestsCount: summary.requests,
      pendingNotificationsCount: summary.notifications,
    },
  };
}

export async function getNotificationPolicy(
  deps: Pick<Deps, 'db'>,
  accountId: string,
): Promise<PolicyView> {
  return view(deps, await findNotificationPolicy(deps.db, accountId));
}

/**
 * Changes the rules given, keeping the others. A value that is not `accept`, `filter` or
 * `drop` is refused as a whole (422, Mastodon's validation message).
 */
export async function updateNotificationPolicy(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  changes: Partial<Record<PolicyRule, string>>,
): Promise<PolicyView> {
  const policy = await findNotificationPolicy(deps.db, accountId);
  const next: NotificationPolicyRecord = { ...policy };
  for (const [rule, value] of Object.entries(changes) as [PolicyRule, string | undefined][]) {
    if (value === undefined) continue;
    if (!policyActions.includes(value as PolicyAction)) {
      const field = policyRuleNames[rule].replace(/_/g, ' ');
      throw unprocessable(
        `Validation failed: ${field.charAt(0).toUpperCase()}${field.slice(1)} is not included in the list`,
      );
    }
    next[rule] = value as PolicyAction;
  }
  const updatedAt = deps.clock.now();
  await saveNotificationPolicy(deps.db, { ...next, updatedAt });
  return view(deps, { ...next, updatedAt });
}
