/**
 * What Pleroma's `pleroma:emoji_reaction` notifications add: `emoji` (the unicode emoji, or
 * `:shortcode:` for a custom one) and, for a custom emoji, `emoji_url`, its image. The emoji
 * is the reacting account's latest reaction to the status; for a whole page in two queries.
 */
import type { NotificationRecord } from '../../db/repositories/notifications.ts';
import { findLatestReactions } from '../../db/repositories/status-reactions.ts';
import type { Deps } from '../../domain/context.ts';
import { reactionNotificationType } from '../../domain/notifications/on-reaction.ts';
import { reactionsOfStatuses } from '../../domain/reactions/status-reactions.ts';

export interface ReactionNotificationJson {
  emoji: string;
  emoji_url?: string;
}

/** The emoji of each reaction notification among `notifications`, by notification id. */
export async function reactionEmojisOf(
  deps: Pick<Deps, 'db'>,
  notifications: readonly NotificationRecord[],
): Promise<Map<string, ReactionNotificationJson>> {
  const result = new Map<string, ReactionNotificationJson>();
  const reactionNotifications = notifications.filter(
    (n) => n.type === reactionNotificationType && n.statusId !== null,
  );
  if (reactionNotifications.length === 0) return result;
  const pairs = reactionNotifications.map((n) => ({
    accountId: n.fromAccountId,
    statusId: n.statusId!,
  }));
  const latest = await findLatestReactions(deps.db, pairs);
  const summaries = await reactionsOfStatuses(
    deps,
    [...new Set(latest.map((r) => r.statusId))],
    null,
  );
  for (const n of reactionNotifications) {
    const reaction = latest.find(
      (r) => r.accountId === n.fromAccountId && r.statusId === n.statusId,
    );
    if (!reaction) continue;
    const summary = summaries
      .get(reaction.statusId)
      ?.find((s) => s.name === reaction.name && s.accountIds.includes(reaction.accountId));
    const url = summary?.emoji?.imageUrl;
    result.set(n.id, {
      emoji: summary?.emoji ? `:${reaction.name}:` : reaction.name,
      ...(url ? { emoji_url: url } : {}),
    });
  }
  return result;
}
