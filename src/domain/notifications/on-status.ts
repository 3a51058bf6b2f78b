/**
 * The notifications a post makes (Mastodon's FanOutOnWriteService and FeedInsertWorker):
 *
 * - `mention` to each account it mentions (not silently);
 * - `status` to the author's followers who asked for it, unless it is direct, a boost, or a
 *   reply to someone else, or the follower's feed would not show it (muted author, other
 *   language);
 * - `quote` to the author of the post it quotes.
 *
 * An edit notifies newly mentioned accounts, and tells those who boosted the post (`update`)
 * and those who quoted it (`quoted_update`). Deleting a post withdraws every notification
 * about it; undoing a boost withdraws its notification.
 */
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import {
  deleteNotificationOf,
  deleteNotificationsAboutStatus,
} from '../../db/repositories/notifications.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import {
  findAcceptedQuotes,
  findLocalReblogAccounts,
  findPostAudience,
} from '../../db/views/notification-audiences.ts';
import type { Deps } from '../context.ts';
import type { DomainEvents } from '../events.ts';
import { notify, notifyEach, type NotifyDeps } from './notify.ts';
import { reconsiderRequests } from './request-counts.ts';

async function livePost(deps: NotifyDeps, statusId: string): Promise<StatusRecord | null> {
  const status = await findStatusById(deps.db, statusId);
  return status && status.deletedAt === null && status.reblogOfId === null ? status : null;
}

async function notifyMentioned(deps: NotifyDeps, status: StatusRecord, at: number) {
  const mentioned = (await findMentionsByStatusIds(deps.db, [status.id]))
    .filter((m) => !m.silent)
    .map((m) => m.accountId);
  await notifyEach(
    deps,
    mentioned,
    { type: 'mention', fromAccountId: status.accountId, statusId: status.id, reportId: null, at },
    { status },
  );
}

/** Mastodon's FeedInsertWorker#notify?: which posts reach followers as `status`. */
const notifiesFollowers = (status: StatusRecord): boolean =>
  status.visibility !== 'direct' &&
  (status.inReplyToId === null || status.inReplyToAccountId === status.accountId);

export async function onStatusCreated(
  deps: NotifyDeps,
  event: DomainEvents['status.created'],
  at: number,
): Promise<void> {
  const status = await livePost(deps, event.statusId);
  if (!status) return;
  const audience = await findPostAudience(
    deps.db,
    status.id,
    status.accountId,
    notifiesFollowers(status),
  );
  const about = { fromAccountId: status.accountId, statusId: status.id, reportId: null, at };
  await notifyEach(deps, audience.mentioned, { type: 'mention', ...about }, { status });
  const followers = audience.followers.filter(
    (f) => !f.languages || !status.language || f.languages.includes(status.language),
  );
  await notifyEach(
    deps,
    followers.map((f) => f.accountId),
    { type: 'status', ...about },
    { status },
  );
  if (status.quoteOfId !== null && status.quoteState === 'accepted') {
    const quoted = await findStatusById(deps.db, status.quoteOfId);
    if (quoted) {
      await notify(
        deps,
        quoted.accountId,
        { type: 'quote', fromAccountId: status.accountId, statusId: status.id, reportId: null, at },
        { status },
      );
    }
  }
}

export async function onStatusUpdated(
  deps: NotifyDeps,
  event: DomainEvents['status.updated'],
  at: number,
): Promise<void> {
  const status = await livePost(deps, event.statusId);
  if (!status) return;
  await notifyMentioned(deps, status, at);
  for (const accountId of await findLocalReblogAccounts(deps.db, status.id)) {
    await notify(deps, accountId, {
      type: 'update',
      fromAccountId: status.accountId,
      statusId: status.id,
      reportId: null,
      at,
    });
  }
  for (const quote of await findAcceptedQuotes(deps.db, status.id)) {
    await notify(deps, quote.accountId, {
      type: 'quoted_update',
      fromAccountId: status.accountId,
      statusId: quote.statusId,
      reportId: null,
      at,
    });
  }
}

export async function onStatusDeleted(
  deps: Pick<Deps, 'db' | 'clock'>,
  event: DomainEvents['status.deleted'],
): Promise<void> {
  if (event.reblogOfId === null) {
    await reconsiderRequests(deps, await deleteNotificationsAboutStatus(deps.db, event.statusId));
    return;
  }
  const original = await findStatusById(deps.db, event.reblogOfId);
  if (!original) return;
  await deleteNotificationOf(deps.db, {
    accountId: original.accountId,
    type: 'reblog',
    fromAccountId: event.accountId,
    statusId: original.id,
  });
}
