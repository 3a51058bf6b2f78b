/**
 * A post's public and unlisted replies as its ActivityPub `replies` collection lists them
 * (Mastodon's order): the author's own replies first, then other accounts', each oldest
 * first, paged by id. Deleted, local-only and suspended accounts' replies are left out.
 */
import type { Queryable } from '../database.ts';

export interface ReplyPageQuery {
  statusId: string;
  authorId: string;
  /** The author's own replies, or the other accounts'. */
  own: boolean;
  /** Only ids above this one (the previous page's last). */
  afterId: string | null;
  limit: number;
}

/** A listed reply; `local` when it is a post of this server's. */
export interface ReplyRow {
  id: string;
  uri: string;
  local: boolean;
}

export async function replyPage(db: Queryable, query: ReplyPageQuery): Promise<ReplyRow[]> {
  const rows = await db.all<{ id: string | number; uri: string; local: boolean | number }>(
    `SELECT statuses.id, statuses.uri, statuses.local FROM statuses JOIN accounts ON accounts.id = statuses.account_id
      WHERE statuses.in_reply_to_id = ? AND statuses.account_id ${query.own ? '=' : '<>'} ?
        AND statuses.deleted_at IS NULL AND statuses.local_only = FALSE
        AND statuses.visibility IN ('public', 'unlisted') AND accounts.suspended_at IS NULL
        ${query.afterId === null ? '' : 'AND statuses.id > ?'}
      ORDER BY statuses.id LIMIT ?`,
    query.afterId === null
      ? [query.statusId, query.authorId, query.limit]
      : [query.statusId, query.authorId, query.afterId, query.limit],
  );
  return rows.map((row) => ({ id: String(row.id), uri: row.uri, local: Boolean(row.local) }));
}
