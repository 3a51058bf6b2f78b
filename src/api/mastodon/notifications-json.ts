/**
 * Notifications as the API shows them: the senders, statuses and reports of a whole page are
 * loaded together (a fixed number of queries whatever the page's size), then each
 * notification is serialized. A notification whose status or report is gone (deleted before
 * its withdrawal job ran) is left out, as Mastodon's goes with its status.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { NotificationRecord } from '../../db/repositories/notifications.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import { findReportsByIds } from '../../db/views/notifications.ts';
import type { Deps } from '../../domain/context.ts';
import { carriesStatus } from '../../domain/notifications/types.ts';
import { accountsJsonByIds } from './accounts-json.ts';
import { reactionEmojisOf } from './reaction-notifications-json.ts';
import type { AccountJson } from './serializers/account.ts';
import { serializeNotification, type NotificationJson } from './serializers/notification.ts';
import { serializeReport, type ReportJson } from './serializers/report.ts';
import type { StatusJson } from './serializers/status.ts';
import { statusesJson } from './statuses-json.ts';

type RenderDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

export interface NotificationParts {
  accounts: Map<string, AccountJson>;
  statuses: Map<string, StatusJson>;
  /** The rows of the statuses shown (deleted ones are not). */
  statusRecords: Map<string, StatusRecord>;
  reports: Map<string, ReportJson>;
}

/** Everything `notifications` show, with the accounts `alsoAccountIds` (a group's senders). */
export async function loadNotificationParts(
  deps: RenderDeps,
  notifications: readonly NotificationRecord[],
  viewer: AccountRecord,
  alsoAccountIds: readonly string[] = [],
): Promise<NotificationParts> {
  const statusIds = notifications
    .filter((n) => n.statusId !== null && carriesStatus(n.type))
    .map((n) => n.statusId!);
  const reportIds = notifications.filter((n) => n.reportId !== null).map((n) => n.reportId!);
  const [statuses, reports] = await Promise.all([
    findStatusesByIds(deps.db, [...new Set(statusIds)]),
    findReportsByIds(deps.db, [...new Set(reportIds)]),
  ]);
  const live = statuses.filter((s) => s.deletedAt === null);
  const accountIds = [
    ...notifications.map((n) => n.fromAccountId),
    ...alsoAccountIds,
    ...reports.map((r) => r.targetAccountId),
  ];
  const [accountList, statusList] = await Promise.all([
    accountsJsonByIds(deps, [...new Set(accountIds)]),
    statusesJson(deps, live, viewer, { filterContext: 'notifications' }),
  ]);
  const accounts = new Map(accountList.map((a) => [a.id, a]));
  const reportJson = new Map<string, ReportJson>();
  for (const report of reports) {
    const target = accounts.get(report.targetAccountId);
    if (target) reportJson.set(report.id, serializeReport(report, target));
  }
  return {
    accounts,
    statuses: new Map(statusList.map((s) => [s.id, s])),
    statusRecords: new Map(live.map((s) => [s.id, s])),
    reports: reportJson,
  };
}

/** Whether everything `n` shows could be loaded. */
export function renderable(n: NotificationRecord, parts: NotificationParts): boolean {
  if (!parts.accounts.has(n.fromAccountId)) return false;
  if (carriesStatus(n.type) && !(n.statusId !== null && parts.statuses.has(n.statusId))) {
    return false;
  }
  return n.type !== 'admin.report' || (n.reportId !== null && parts.reports.has(n.reportId));
}

export async function notificationsJson(
  deps: RenderDeps,
  notifications: readonly NotificationRecord[],
  viewer: AccountRecord,
): Promise<NotificationJson[]> {
  const parts = await loadNotificationParts(deps, notifications, viewer);
  const reactions = await reactionEmojisOf(deps, notifications);
  return notifications
    .filter((n) => renderable(n, parts))
    .map((n) =>
      serializeNotification(n, {
        account: parts.accounts.get(n.fromAccountId)!,
        status: carriesStatus(n.type) ? parts.statuses.get(n.statusId!) : undefined,
        report: n.type === 'admin.report' ? parts.reports.get(n.reportId!) : undefined,
        reaction: reactions.get(n.id),
      }),
    );
}
