/** GET /api/v1/followed_tags: the hashtags an account follows, newest follow first. */
import type { TagRecord } from '../../db/repositories/tags.ts';
import { tagFromRow } from '../../db/repositories/tags.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';

export interface FollowedTagRow {
  /** The tag follow's id, which the list is paged by. */
  pageId: string;
  tag: TagRecord;
}

export async function followedTagsPage(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  page: Page,
): Promise<FollowedTagRow[]> {
  const q = pageQuery(page, 'f.id');
  const rows = await deps.db.all(
    `SELECT f.id AS follow_id, t.* FROM tag_follows f JOIN tags t ON t.id = f.tag_id
      WHERE ${['f.account_id = ?', ...q.where].join(' AND ')} ${q.orderLimit}`,
    [accountId, ...q.params],
  );
  return newestFirst(
    rows.map((row) => ({ pageId: String(row.follow_id), tag: tagFromRow(row) })),
    q.ascending,
  );
}
