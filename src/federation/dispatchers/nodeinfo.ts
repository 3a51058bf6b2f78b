/**
 * NodeInfo: what software this is, whether it takes sign-ups, and its usage counted from the
 * database as the instance API counts it. Fedify serves 2.1 (and the /.well-known/nodeinfo
 * links); well-known.ts serves the same figures as 2.0, which Mastodon publishes.
 */
import type { Federation, NodeInfo } from '@fedify/fedify';
import type { Deps } from '../../domain/context.ts';
import { describeInstance } from '../../domain/instance/describe.ts';
import { woollyVersion } from '../../domain/instance/version.ts';

const halfYearMs = 180 * 24 * 60 * 60 * 1000;

export async function nodeInfo(deps: Deps): Promise<NodeInfo> {
  const instance = await describeInstance(deps);
  const halfYear = await deps.db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM users WHERE last_sign_in_at >= ?
        OR EXISTS (SELECT 1 FROM oauth_access_tokens t
                    WHERE t.account_id = users.account_id AND t.last_used_at >= ?)`,
    [deps.clock.now() - halfYearMs, deps.clock.now() - halfYearMs],
  );
  return {
    software: {
      name: 'woolly',
      version: woollyVersion,
    },
    protocols: ['activitypub'],
    services: { inbound: [], outbound: [] },
    openRegistrations: instance.registrationsOpen,
    usage: {
      users: {
        total: instance.stats.userCount,
        activeMonth: instance.activeMonth,
        activeHalfyear: Number(halfYear?.n ?? 0),
      },
      localPosts: instance.stats.statusCount,
      localComments: 0,
    },
    metadata: { nodeName: instance.settings.site_title },
  };
}

export function registerNodeInfo(federation: Federation<Deps>): void {
  federation.setNodeInfoDispatcher('/nodeinfo/2.1', (ctx) => nodeInfo(ctx.data));
}
