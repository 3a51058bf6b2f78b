/**
 * GET and PATCH /api/v2/notifications/policy: the notification policy, `accept`, `filter` or
 * `drop` for each of not-following, not-followers, new accounts, private mentions and
 * limited accounts, with the summary of waiting requests.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  getNotificationPolicy,
  policyRuleNames,
  updateNotificationPolicy,
  type PolicyRule,
} from '../../../domain/notifications/policy.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeNotificationPolicy } from '../serializers/notification-policy.ts';

async function update(c: Context<AppEnv>) {
  const { account } = currentUser(c.var.auth);
  const params = await readParams(c);
  const changes: Partial<Record<PolicyRule, string>> = {};
  for (const [rule, name] of Object.entries(policyRuleNames) as [PolicyRule, string][]) {
    const value = params[name];
    if (value !== undefined) changes[rule] = String(value);
  }
  const view = await updateNotificationPolicy(c.var.deps, account.id, changes);
  return c.json(serializeNotificationPolicy(view));
}

export function notificationPolicyV2Routes(): Hono<AppEnv> {
  const write = requireScopes('write', 'write:notifications');
  return new Hono<AppEnv>()
    .get(
      '/api/v2/notifications/policy',
      requireScopes('read', 'read:notifications'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        return c.json(
          serializeNotificationPolicy(await getNotificationPolicy(c.var.deps, account.id)),
        );
      },
    )
    .patch('/api/v2/notifications/policy', write, requireUser(), update)
    .put('/api/v2/notifications/policy', write, requireUser(), update);
}
