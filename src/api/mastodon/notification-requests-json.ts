/**
 * Notification requests as the API shows them: the senders and latest statuses of a whole
 * page loaded together, then each request serialized. A deleted latest status shows as null.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusesByIds } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { NotificationRequestRecord } from '../../domain/notifications/requests.ts';
import { accountsJsonByIds } from './accounts-json.ts';
import {
  serializeNotificationRequest,
  type NotificationRequestJson,
} from './serializers/notification-request.ts';
import { statusesJson } from './statuses-json.ts';

export async function notificationRequestsJson(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  requests: readonly NotificationRequestRecord[],
  viewer: AccountRecord,
): Promise<NotificationRequestJson[]> {
  const statusIds = requests.map((r) => r.lastStatusId).filter((id) => id !== null);
  const statuses = (await findStatusesByIds(deps.db, [...new Set(statusIds)])).filter(
    (s) => s.deletedAt === null,
  );
  const [accounts, statusList] = await Promise.all([
    accountsJsonByIds(deps, [...new Set(requests.map((r) => r.fromAccountId))]),
    statusesJson(deps, statuses, viewer, { filterContext: 'notifications' }),
  ]);
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const statusById = new Map(statusList.map((s) => [s.id, s]));
  return requests.flatMap((r) => {
    const account = accountById.get(r.fromAccountId);
    if (!account) return [];
    const last = r.lastStatusId === null ? null : (statusById.get(r.lastStatusId) ?? null);
    return [serializeNotificationRequest(r, account, last)];
  });
}
