/**
 * An account's posts as its profile lists them (GET /api/v1/accounts/:id/statuses), chosen
 * the way Mastodon's AccountStatusesFilter chooses them, in one query:
 *
 * - a suspended account shows nothing, and neither does an account to someone it blocks;
 * - anonymous viewers see public and unlisted posts, except local-only ones;
 * - the author sees everything;
 * - anyone else sees public and unlisted posts, followers-only posts if they follow, and any
 *   post that mentions them; boosts of accounts they block, are blocked by or mute are left
 *   out (unless reblogs are excluded anyway, or the list is of media or a hashtag).
 *
 * Filters: `pinned`, `onlyMedia`, `excludeReplies` (a reply to oneself, a thread, still
 * counts as a post), `excludeReblogs`, `tagged` (a hashtag nobody used gives an empty list).
 */
import type { Queryable, SqlValue } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { statusFromRow, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';
import { findTag } from '../tags/find-tag.ts';

export interface AccountStatusesFilter {
  pinned?: boolean;
  onlyMedia?: boolean;
  excludeReplies?: boolean;
  excludeReblogs?: boolean;
  tagged?: string | null;
}

async function blocksViewer(db: Queryable, author: AccountRecord, viewer: AccountRecord) {
  const row = await db.get(
    `SELECT 1 AS found FROM blocks WHERE account_id = ? AND target_account_id = ?
     UNION ALL
     SELECT 1 AS found FROM account_domain_blocks WHERE account_id = ? AND domain = ?`,
    [author.id, viewer.id, author.id, (viewer.domain ?? '').toLowerCase()],
  );
  return row !== undefined;
}

export async function accountStatuses(
  deps: Pick<Deps, 'db' | 'clock'>,
  author: AccountRecord,
  viewer: AccountRecord | null,
  filter: AccountStatusesFilter,
  page: Page,
): Promise<StatusRecord[]> {
  if (author.suspendedAt !== null) return [];
  const own = viewer !== null && viewer.id === author.id;
  if (viewer && !own && (await blocksViewer(deps.db, author, viewer))) return [];

  const where: string[] = ['s.account_id = ?', 's.deleted_at IS NULL'];
  const params: SqlValue[] = [author.id];
  if (viewer === null) {
    where.push("s.visibility IN ('public', 'unlisted')", 's.local_only = FALSE');
  } else if (!own) {
    where.push(
      `(s.visibility IN ('public', 'unlisted')
        OR (s.visibility = 'private' AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ? AND f.target_account_id = s.account_id))
        OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = ?))`,
    );
    params.push(viewer.id, viewer.id);
    const reblogsMayShow = !filter.excludeReblogs && !filter.onlyMedia && !filter.tagged;
    if (reblogsMayShow) {
      where.push(
        `(s.reblog_of_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM statuses r WHERE r.id = s.reblog_of_id AND (
             EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ? AND b.target_account_id = r.account_id)
                                               OR (b.account_id = r.account_id AND b.target_account_id = ?))
             OR EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = ? AND mu.target_account_id = r.account_id
                                                 AND (mu.expires_at IS NULL OR mu.expires_at > ?)))))`,
      );
      params.push(viewer.id, viewer.id, viewer.id, deps.clock.now());
    }
  }
  if (filter.pinned) {
    where.push(
      'EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id AND p.account_id = ?)',
    );
    params.push(author.id);
  }
  // Mastodon's `only_media`: posts with an attachment of their own (so never a boost).
  if (filter.onlyMedia) {
    where.push('EXISTS (SELECT 1 FROM media_attachments ma WHERE ma.status_id = s.id)');
  }
  if (filter.excludeReplies) {
    where.push('(s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)');
  }
  if (filter.excludeReblogs) where.push('s.reblog_of_id IS NULL');
  if (filter.tagged) {
    const tag = await findTag(deps, filter.tagged);
    if (!tag) return [];
    where.push(
      'EXISTS (SELECT 1 FROM statuses_tags st WHERE st.status_id = s.id AND st.tag_id = ?)',
    );
    params.push(tag.id);
  }

  const q = pageQuery(page, 's.id');
  const rows = await deps.db.all(
    `SELECT s.* FROM statuses s WHERE ${[...where, ...q.where].join(' AND ')} ${q.orderLimit}`,
    [...params, ...q.params],
  );
  return newestFirst(rows.map(statusFromRow), q.ascending);
}
