/**
 * RemoveOldRemoteStatuses: the content cache retention (Mastodon's
 * `content_cache_retention_period`, applied by its Vacuum::StatusesVacuum). Remote posts
 * older than a number of days are deleted from the database with their attachments (and
 * their files, unless something else names them), in batches. Unlike Mastodon's vacuum,
 * which deletes every old remote post, a post a local user has a stake in stays, as
 * `tootctl statuses remove` keeps it: favourited, boosted, bookmarked, replied to, quoted,
 * pinned or voted in by a local user, mentioning one, or in a local user's conversation;
 * so does a post boosted since the cut-off (its boost would go with it).
 *
 * Nothing is left pointing at a removed post: feed and list entries, notifications (a
 * removed boost's too), search
 * index rows, trend rows, its boosts by remote accounts and the counters it moved (the
 * author's posts count, the replies, boosts and quotes counts of the posts it answered,
 * boosted or quoted) go with it; conversations left empty are removed.
 */
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import { placeholders, type Queryable } from '../../db/database.ts';
import { findMediaByStatusIds } from '../../db/repositories/media-attachments.ts';
import { bumpStatusCounter, type Visibility } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { removeUnusedFiles } from '../media-attachments/write-files.ts';
import { isDistributable } from '../statuses/write-status.ts';

export interface StatusRemovalTally {
  statuses: number;
  attachments: number;
}

const batch = 200;
const dayMs = 24 * 60 * 60 * 1000;

/** The candidate `s` no local user has a stake in (one parameter: the cut-off). */
const untouched = `
  NOT EXISTS (SELECT 1 FROM favourites f JOIN accounts a ON a.id = f.account_id
              WHERE f.status_id = s.id AND a.domain IS NULL)
  AND NOT EXISTS (SELECT 1 FROM bookmarks b WHERE b.status_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM statuses r WHERE r.reblog_of_id = s.id
                  AND (r.local = TRUE OR r.created_at >= ?))
  AND NOT EXISTS (SELECT 1 FROM statuses r WHERE r.in_reply_to_id = s.id AND r.local = TRUE)
  AND NOT EXISTS (SELECT 1 FROM statuses q WHERE q.quote_of_id = s.id AND q.local = TRUE)
  AND NOT EXISTS (SELECT 1 FROM polls p JOIN poll_votes v ON v.poll_id = p.id
                  JOIN accounts a ON a.id = v.account_id
                  WHERE p.status_id = s.id AND a.domain IS NULL)
  AND NOT EXISTS (SELECT 1 FROM mentions m JOIN accounts a ON a.id = m.account_id
                  WHERE m.status_id = s.id AND a.domain IS NULL)
  AND NOT EXISTS (SELECT 1 FROM account_conversations c JOIN accounts a ON a.id = c.account_id
                  WHERE c.conversation_id = s.conversation_id AND a.domain IS NULL)`;

interface Removed {
  id: string;
  accountId: string;
  visibility: Visibility;
  /** Soft-deleted already (a boost undone): its counters were moved back then. */
  deleted: boolean;
  inReplyToId: string | null;
  reblogOfId: string | null;
  quoteOfId: string | null;
  quoteAccepted: boolean;
  conversationId: string | null;
}

const idOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * Removes the remote posts older than `days` that no local user has a stake in.
 *
 * @example
 * const { statuses } = await removeOldRemoteStatuses(deps, { days: 30 });
 */
export async function removeOldRemoteStatuses(
  deps: Deps,
  options: { days: number; onProgress?: (done: StatusRemovalTally) => void },
): Promise<StatusRemovalTally> {
  const before = deps.clock.now() - options.days * dayMs;
  const tally: StatusRemovalTally = { statuses: 0, attachments: 0 };
  let cursor: { createdAt: number; id: string } = { createdAt: -1, id: '0' };
  for (;;) {
    const page = await deps.db.all<{ id: unknown; created_at: unknown }>(
      `SELECT s.id, s.created_at FROM statuses s
       WHERE s.local = FALSE AND s.deleted_at IS NULL AND s.created_at < ?
         AND (s.created_at > ? OR (s.created_at = ? AND s.id > ?))
       ORDER BY s.created_at, s.id LIMIT ?`,
      [before, cursor.createdAt, cursor.createdAt, cursor.id, batch],
    );
    if (page.length === 0) break;
    const last = page.at(-1)!;
    cursor = { createdAt: Number(last.created_at), id: String(last.id) };
    const ids = page.map((row) => String(row.id));
    const doomed = await deps.db.all<{ id: unknown }>(
      `SELECT s.id FROM statuses s WHERE s.id IN (${placeholders(ids.length)}) AND ${untouched}`,
      [...ids, before],
    );
    if (doomed.length > 0) {
      const removed = await removeStatuses(
        deps,
        doomed.map((row) => String(row.id)),
      );
      tally.statuses += removed.statuses;
      tally.attachments += removed.attachments;
      options.onProgress?.({ ...tally });
    }
    if (page.length < batch) break;
  }
  return tally;
}

/** Deletes the posts `ids` (and the boosts of them) with everything that names them. */
async function removeStatuses(deps: Deps, ids: readonly string[]): Promise<StatusRemovalTally> {
  const boosts = await deps.db.all<{ id: unknown }>(
    `SELECT id FROM statuses WHERE reblog_of_id IN (${placeholders(ids.length)})`,
    ids,
  );
  const all = [...new Set([...ids, ...boosts.map((row) => String(row.id))])];
  const inAll = `IN (${placeholders(all.length)})`;
  const rows = await deps.db.all<Record<string, unknown>>(
    `SELECT id, account_id, visibility, in_reply_to_id, reblog_of_id, quote_of_id, quote_state,
            conversation_id, deleted_at
     FROM statuses WHERE id ${inAll}`,
    all,
  );
  const removed: Removed[] = rows.map((row) => ({
    id: String(row.id),
    accountId: String(row.account_id),
    visibility: String(row.visibility) as Visibility,
    deleted: row.deleted_at !== null,
    inReplyToId: idOrNull(row.in_reply_to_id),
    reblogOfId: idOrNull(row.reblog_of_id),
    quoteOfId: idOrNull(row.quote_of_id),
    quoteAccepted: row.quote_state === 'accepted',
    conversationId: idOrNull(row.conversation_id),
  }));
  const media = await findMediaByStatusIds(deps.db, all);
  const gone = new Set(all);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await moveCountersBack(tx, removed, gone, now);
    for (const table of ['feed_entries', 'list_feed_entries']) {
      await tx.run(`DELETE FROM ${table} WHERE status_id ${inAll} OR reblog_of_id ${inAll}`, [
        ...all,
        ...all,
      ]);
    }
    await tx.run(`DELETE FROM notifications WHERE status_id ${inAll}`, all);
    // A boost's notification names the boosted post (kept): it goes with the boost.
    for (const boost of removed) {
      if (boost.reblogOfId === null || gone.has(boost.reblogOfId)) continue;
      await tx.run(
        "DELETE FROM notifications WHERE type = 'reblog' AND from_account_id = ? AND status_id = ?",
        [boost.accountId, boost.reblogOfId],
      );
    }
    await tx.run(
      `UPDATE notification_requests SET last_status_id = NULL WHERE last_status_id ${inAll}`,
      all,
    );
    const searchKey = deps.db.dialect === 'sqlite' ? 'rowid' : 'status_id';
    await tx.run(`DELETE FROM status_search WHERE ${searchKey} ${inAll}`, all);
    for (const table of ['trends', 'trend_reviews']) {
      await tx.run(`DELETE FROM ${table} WHERE kind = 'status' AND target_id ${inAll}`, all);
    }
    await tx.run(`DELETE FROM media_attachments WHERE status_id ${inAll}`, all);
    // Boosts first: they name the posts they boost.
    await tx.run(`DELETE FROM statuses WHERE id ${inAll} AND reblog_of_id IS NOT NULL`, all);
    await tx.run(`DELETE FROM statuses WHERE id ${inAll}`, all);
    const conversations = [
      ...new Set(removed.map((r) => r.conversationId).filter((id): id is string => id !== null)),
    ];
    if (conversations.length > 0) {
      await tx.run(
        `DELETE FROM conversations WHERE id IN (${placeholders(conversations.length)})
         AND NOT EXISTS (SELECT 1 FROM statuses WHERE statuses.conversation_id = conversations.id)`,
        conversations,
      );
    }
  });
  for (const attachment of media) {
    await removeUnusedFiles(
      deps.db,
      deps.media.storage,
      [attachment.fileKey, attachment.previewKey, attachment.thumbnailKey],
      attachment.id,
    );
  }
  return { statuses: all.length, attachments: media.length };
}

/** The counters the removed posts moved, moved back (those of posts removed too left as is). */
async function moveCountersBack(
  tx: Queryable,
  removed: readonly Removed[],
  gone: ReadonlySet<string>,
  now: number,
): Promise<void> {
  const perAuthor = new Map<string, number>();
  for (const status of removed) {
    if (status.deleted || status.visibility === 'direct') continue;
    perAuthor.set(status.accountId, (perAuthor.get(status.accountId) ?? 0) + 1);
    if (status.inReplyToId && !gone.has(status.inReplyToId) && isDistributable(status)) {
      await bumpStatusCounter(tx, status.inReplyToId, 'replies_count', -1);
    }
    if (status.reblogOfId && !gone.has(status.reblogOfId)) {
      await bumpStatusCounter(tx, status.reblogOfId, 'reblogs_count', -1);
    }
    if (status.quoteOfId && status.quoteAccepted && !gone.has(status.quoteOfId)) {
      await bumpStatusCounter(tx, status.quoteOfId, 'quotes_count', -1);
    }
  }
  for (const [accountId, count] of perAuthor) {
    await bumpStatusesCount(tx, accountId, -count, now);
  }
}
