/**
 * Mastodon's Notification entity (REST::NotificationSerializer): what happened, who did it,
 * and the status or report it is about. `group_key` names the notification's group in the
 * grouped list (`ungrouped-<id>` for one of its own); `filtered` appears only on a
 * notification the policy filtered, when such are asked for.
 */
import type { NotificationRecord } from '../../../db/repositories/notifications.ts';
import type { AccountJson } from './account.ts';
import type { ReportJson } from './report.ts';
import type { StatusJson } from './status.ts';

export interface NotificationJson {
  id: string;
  type: string;
  created_at: string;
  group_key: string;
  filtered?: true;
  account: AccountJson;
  status?: StatusJson;
  report?: ReportJson;
  /** Pleroma's, on a `pleroma:emoji_reaction`: the emoji, and a custom one's image. */
  emoji?: string;
  emoji_url?: string;
}

export function serializeNotification(
  n: NotificationRecord,
  parts: {
    account: AccountJson;
    status?: StatusJson;
    report?: ReportJson;
    reaction?: { emoji: string; emoji_url?: string };
  },
): NotificationJson {
  return {
    id: n.id,
    type: n.type,
    created_at: new Date(n.createdAt).toISOString(),
    group_key: n.groupKey ?? `ungrouped-${n.id}`,
    ...(n.filtered ? { filtered: true as const } : {}),
    account: parts.account,
    ...(parts.status ? { status: parts.status } : {}),
    ...(parts.report ? { report: parts.report } : {}),
    ...parts.reaction,
  };
}
