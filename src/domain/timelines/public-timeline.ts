/**
 * GET /api/v1/timelines/public: Mastodon's PublicFeed. Public posts, not boosts, not replies
 * to others (a thread of one's own counts), newest first; `local` keeps this server's posts,
 * `remote` the others' (both, or neither, keep all). Read by the partial indexes of public
 * posts; the viewer's blocks, mutes and domain blocks are dropped as the page is read.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { SqlValue } from '../../db/database.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { readFilteredPage, type Bounds } from './filtered-page.ts';
import { visibleInPublic } from './visible-now.ts';

export interface PublicTimelineFilter {
  local?: boolean;
  remote?: boolean;
  onlyMedia?: boolean;
}

/** `WHERE` parts that bound and order a scan of `column`. */
export function boundsSql(
  bounds: Bounds,
  column: string,
): { where: string[]; params: SqlValue[]; orderLimit: string } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (bounds.below !== null) {
    where.push(`${column} < ?`);
    params.push(bounds.below);
  }
  if (bounds.above !== null) {
    where.push(`${column} > ?`);
    params.push(bounds.above);
  }
  const order = bounds.ascending ? 'ASC' : 'DESC';
  return { where, params, orderLimit: `ORDER BY ${column} ${order} LIMIT ${bounds.limit}` };
}

/** Where this server's posts alone (`local`) or other servers' alone (`remote`) are asked. */
export function originCondition(filter: { local?: boolean; remote?: boolean }): string | null {
  if (filter.local && !filter.remote) return 's.local = TRUE';
  if (filter.remote && !filter.local) return 's.local = FALSE';
  return null;
}

export async function publicTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  filter: PublicTimelineFilter,
  page: Page,
): Promise<StatusRecord[]> {
  // Woolly stores no media attachments yet, so no post has media. When media lands, this
  // becomes an EXISTS on the attachments of `s`.
  if (filter.onlyMedia) return [];
  const origin = originCondition(filter);
  return readFilteredPage(
    deps.db,
    page,
    async (bounds) => {
      const q = boundsSql(bounds, 's.id');
      const where = [
        "s.visibility = 'public'",
        's.deleted_at IS NULL',
        's.reblog_of_id IS NULL',
        '(s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)',
        ...(origin ? [origin] : []),
        ...q.where,
      ];
      const rows = await deps.db.all<{ id: string | number }>(
        `SELECT s.id FROM statuses s WHERE ${where.join(' AND ')} ${q.orderLimit}`,
        q.params,
      );
      return rows.map((r) => String(r.id));
    },
    (statuses) => visibleInPublic(deps, viewer, statuses),
  );
}
