/**
 * The viewer's own lists of posts: GET /api/v1/favourites and /api/v1/bookmarks, newest
 * favourite (bookmark) first. As Mastodon, they are paged by the favourite's (bookmark's) id,
 * not the post's, so a post favourited today comes first whatever its age; each row carries
 * that id for the `Link` header.
 *
 * Deleted posts are left out, and so are posts the viewer can no longer see (the author
 * blocked them, or they stopped following a followers-only author): a list must not show
 * what GET /statuses/:id would answer 404 for. The page is cut before that filter, so its
 * `Link` header still moves by whole pages.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { statusFromRow, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';
import { checkAccess } from '../statuses/access.ts';

export interface MarkedStatusesPage {
  /** The ids of the favourites (bookmarks) of the page, newest first, for the `Link` header. */
  pageIds: string[];
  /** The posts of the page the viewer may see, in the same order. */
  statuses: StatusRecord[];
}

async function markedStatuses(
  deps: Pick<Deps, 'db' | 'clock'>,
  table: 'favourites' | 'bookmarks',
  viewer: AccountRecord,
  page: Page,
): Promise<MarkedStatusesPage> {
  const q = pageQuery(page, 'm.id');
  const rows = await deps.db.all(
    `SELECT m.id AS mark_id, s.* FROM ${table} m JOIN statuses s ON s.id = m.status_id
     WHERE ${['m.account_id = ?', 's.deleted_at IS NULL', ...q.where].join(' AND ')}
     ${q.orderLimit}`,
    [viewer.id, ...q.params],
  );
  const marked = newestFirst(rows, q.ascending).map((row) => ({
    markId: String(row.mark_id),
    status: statusFromRow(row),
  }));
  const access = await checkAccess(
    deps,
    viewer,
    marked.map((m) => m.status),
  );
  return {
    pageIds: marked.map((m) => m.markId),
    statuses: marked.map((m) => m.status).filter(access.canSee),
  };
}

export function favouritedStatuses(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord,
  page: Page,
): Promise<MarkedStatusesPage> {
  return markedStatuses(deps, 'favourites', viewer, page);
}

export function bookmarkedStatuses(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord,
  page: Page,
): Promise<MarkedStatusesPage> {
  return markedStatuses(deps, 'bookmarks', viewer, page);
}
