/**
 * GET and PATCH /api/v1/notifications/policy: the notification policy in Mastodon's first
 * form, booleans saying whether each kind of stranger is filtered (true sets `filter`, false
 * `accept`).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  getNotificationPolicy,
  updateNotificationPolicy,
  type PolicyRule,
} from '../../../domain/notifications/policy.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeV1NotificationPolicy } from '../serializers/notification-policy.ts';

const v1Rules: Record<string, PolicyRule> = {
  filter_not_following: 'forNotFollowing',
  filter_not_followers: 'forNotFollowers',
  filter_new_accounts: 'forNewAccounts',
  filter_private_mentions: 'forPrivateMentions',
};

async function update(c: Context<AppEnv>) {
  const { account } = currentUser(c.var.auth);
  const params = await readParams(c);
  const changes: Partial<Record<PolicyRule, string>> = {};
  for (const [name, rule] of Object.entries(v1Rules)) {
    const value = booleanParam(params[name]);
    if (value !== undefined) changes[rule] = value ? 'filter' : 'accept';
  }
  const view = await updateNotificationPolicy(c.var.deps, account.id, changes);
  return c.json(serializeV1NotificationPolicy(view));
}

export function notificationPolicyV1Routes(): Hono<AppEnv> {
  const write = requireScopes('write', 'write:notifications');
  return new Hono<AppEnv>()
    .get(
      '/api/v1/notifications/policy',
      requireScopes('read', 'read:notifications'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        return c.json(
          serializeV1NotificationPolicy(await getNotificationPolicy(c.var.deps, account.id)),
        );
      },
    )
    .patch('/api/v1/notifications/policy', write, requireUser(), update)
    .put('/api/v1/notifications/policy', write, requireUser(), update);
}
